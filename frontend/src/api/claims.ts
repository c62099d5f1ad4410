// Brand programmes (品牌政策) and claims (厂家费用核销): the Claims service. Money is fen.
import { call } from './transport'
import type { ExportFile } from './sheets'

export interface Gift {
  name: string
  qty: number
  /** fen each */
  value: number
}
export interface Tier {
  minCases: number
  minTables: number
  perTable: Gift[]
  extra: Gift[]
}
export type SplitMode = 'amount' | 'percent'
export interface Rules {
  banquet: {
    tiers: Tier[]
    rebatePerBottle: number
    split: { mode: SplitMode; distributor: number; outlet: number; host: number }
    rebateCap: number
    giftCap: number
  }
  event: { perAttendee: number; perEvent: number; budget: number }
  proof: { photos: string[]; codes: boolean; signIn: boolean }
}
export interface Programme {
  id: number
  brand: string
  name: string
  productIds: number[]
  startsOn: string
  endsOn: string
  rules: Rules
  active: boolean
  notes: string
  eventIds: number[]
}

export interface GiftLine {
  name: string
  earned: number
  handed: number
  claimed: number
  value: number
}
export interface BanquetEarning {
  tier: number
  gifts: GiftLine[] | null
  giftValue: number
  giftCapped: boolean
  rebate: number
  rebateCapped: boolean
  distributor: number
  outlet: number
  host: number
  claimable: number
}
export interface EventEarning {
  id: number
  earned: number
  claimable: number
  capped: boolean
}
export type ItemKind = 'banquet' | 'event'
export interface ClaimItem {
  kind: ItemKind
  refId: number
  date: string
  title: string
  venue: string
  tables: number
  attendees: number
  cases: number
  opened: number
  banquet?: BanquetEarning
  event?: EventEarning
  amount: number
  missing: string[]
  proof: { id: number; kind: string; fileName: string; sha256: string; uploadedAt: string }[]
  codes: number
  claim: string
}
export type ClaimState = '待申报' | '已申报' | '部分核销' | '已核销' | '已到账' | '驳回'
export interface Claim {
  id: number
  programmeId: number
  programme: string
  brand: string
  title: string
  state: ClaimState
  claimed: number
  approved: number | null
  received: number
  outstanding: number
  rejectReason: string
  note: string
  createdAt: string
  filedAt: string
  decidedAt: string
  items?: ClaimItem[]
  history?: { state: string; amount: number | null; note: string; staff: string; at: string }[]
  receipts?: { amount: number; receivedOn: string; method: string; note: string }[]
}
export interface Receivable {
  brand: string
  claims: number
  claimed: number
  approved: number
  received: number
  outstanding: number
  age0: number
  age30: number
  age60: number
  age90: number
}
export interface Reminder {
  id: number
  brand: string
  title: string
  state: string
  outstanding: number
  days: number
}
export interface Payable {
  banquetId: number
  date: string
  title: string
  party: 'outlet' | 'host'
  customerId: number
  customer: string
  owed: number
  paid: number
  left: number
  source: string
}
export interface BanquetStat {
  month: string
  key: string
  banquets: number
  tables: number
  delivered: number
  opened: number
  returned: number
}
export interface ProgrammeROI {
  programmeId: number
  brand: string
  name: string
  banquets: number
  events: number
  cost: number
  ownSales: number
  laterSales: number
  days: number
}

export const programmes = () => call<Programme[]>('Claims', 'Programmes')
export const saveProgramme = (p: Programme) => call<Programme>('Claims', 'SaveProgramme', p)
export const candidates = (programmeId: number) => call<ClaimItem[]>('Claims', 'Candidates', programmeId)
export const list = (q: { state: string; brand: string }) => call<Claim[]>('Claims', 'List', q)
export const get = (id: number) => call<Claim>('Claims', 'Get', id)
export const build = (input: { programmeId: number; items: { kind: ItemKind; id: number }[]; title: string; note: string; key: string }) =>
  call<Claim>('Claims', 'Build', input)
export const discard = (id: number) => call<Claim>('Claims', 'Discard', id)
export const file = (id: number) => call<Claim>('Claims', 'File', id)
export const approve = (id: number, approvedFen: number, note: string) => call<Claim>('Claims', 'Approve', id, approvedFen, note)
export const reject = (id: number, reason: string) => call<Claim>('Claims', 'Reject', id, reason)
export const receive = (input: { claimId: number; amount: number; receivedOn: string; method: string; note: string; key: string }) =>
  call<Claim>('Claims', 'Receive', input)
export const packet = (id: number) => call<ExportFile>('Claims', 'Packet', id)
export const receivables = () => call<Receivable[]>('Claims', 'Receivables')
export const reminders = () => call<Reminder[]>('Claims', 'Reminders')
export const payables = (unpaidOnly: boolean) => call<Payable[]>('Claims', 'Payables', unpaidOnly)
export const pay = (input: { banquetId: number; party: string; amount: number; method: string; paidOn: string; note: string; key: string }) =>
  call<Payable>('Claims', 'Pay', input)
export const banquetStats = (from: string, to: string, by: string) => call<BanquetStat[]>('Claims', 'BanquetStats', from, to, by)
export const programmeROIs = (days: number) => call<ProgrammeROI[]>('Claims', 'ProgrammeROIs', days)
export const exportReport = (kind: string, from: string, to: string, by: string, days: number) =>
  call<ExportFile>('Claims', 'ExportReport', kind, from, to, by, days)

/** emptyRules is a new programme's rules: nothing earned until the owner fills them in. */
export function emptyRules(): Rules {
  return {
    banquet: { tiers: [], rebatePerBottle: 0, split: { mode: 'percent', distributor: 100, outlet: 0, host: 0 }, rebateCap: 0, giftCap: 0 },
    event: { perAttendee: 0, perEvent: 0, budget: 0 },
    proof: { photos: [], codes: false, signIn: false },
  }
}
