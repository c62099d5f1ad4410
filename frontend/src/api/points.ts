import { call } from './transport'

export const ENTRY_KINDS = ['earn', 'redeem', 'bonus', 'adjust', 'expire', 'reverse', 'opening'] as const
export type EntryKind = (typeof ENTRY_KINDS)[number]

/** points.Entry: one ledger line; points signed; remaining is what is left of a credit. */
export interface Entry {
  id: number
  customerId: number
  kind: EntryKind
  points: number
  expiresOn: string
  reason: string
  refType: string
  refId: number
  staffName: string
  createdAt: string
  remaining: number
}

/** points.RecentEntry: a ledger line across all customers. */
export interface RecentEntry extends Entry {
  customerName: string
}

/** points.AdjustInput: positive adds, negative takes; key makes a retried click book once. */
export interface AdjustInput {
  customerId: number
  points: number
  reason: string
  key: string
}

/** points.Rules */
export interface Rules {
  pointsPerYuan: number
  servicePct: number
  pointValueFen: number
  /** 0: points never expire. */
  expiryMonths: number
  referralPoints: number
  adjustLimit: number
}

/** points.Gift */
export interface Gift {
  id: number
  name: string
  pointsCost: number
  stock: number
  active: boolean
}

/** points.Redemption. cancelledAt "" while it stands. */
export interface Redemption {
  id: number
  customerId: number
  giftId: number
  giftName: string
  qty: number
  points: number
  staffName: string
  createdAt: string
  cancelledAt: string
}

export interface RedeemInput {
  customerId: number
  giftId: number
  qty: number
  key: string
}

/** points.ExpiringLot */
export interface ExpiringLot {
  lotId: number
  customerId: number
  customerName: string
  points: number
  expiresOn: string
}

/** app.ExpiryResult */
export interface ExpiryResult {
  lots: number
  points: number
}

/** Rows a ledger or purchase list brings at a time (app.ListPage). */
export const LIST_PAGE = 100

/** history lists a customer's ledger, newest first: the lines before beforeId (0 for the newest). */
export function history(customerId: number, beforeId = 0): Promise<Entry[]> {
  return call<Entry[]>('Points', 'History', customerId, beforeId)
}

/** recent lists the shop's ledger, newest first; kind "" for all; beforeId as in history. */
export function recent(kind: EntryKind | '', beforeId = 0): Promise<RecentEntry[]> {
  return call<RecentEntry[]>('Points', 'Recent', kind, beforeId)
}

export function adjust(input: AdjustInput): Promise<Entry> {
  return call<Entry>('Points', 'Adjust', input)
}

export function rules(): Promise<Rules> {
  return call<Rules>('Points', 'Rules')
}

export function saveRules(r: Rules): Promise<Rules> {
  return call<Rules>('Points', 'SaveRules', r)
}

export function gifts(activeOnly: boolean): Promise<Gift[]> {
  return call<Gift[]>('Points', 'Gifts', activeOnly)
}

export function saveGift(g: Gift): Promise<Gift> {
  return call<Gift>('Points', 'SaveGift', g)
}

export function redeem(input: RedeemInput): Promise<Redemption> {
  return call<Redemption>('Points', 'Redeem', input)
}

export function cancelRedemption(id: number): Promise<Redemption> {
  return call<Redemption>('Points', 'CancelRedemption', id)
}

export function redemptions(customerId: number): Promise<Redemption[]> {
  return call<Redemption[]>('Points', 'Redemptions', customerId)
}

export function expiryPreview(): Promise<ExpiringLot[]> {
  return call<ExpiringLot[]>('Points', 'ExpiryPreview')
}

export function applyExpiry(): Promise<ExpiryResult> {
  return call<ExpiryResult>('Points', 'ApplyExpiry')
}
