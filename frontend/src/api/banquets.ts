// Banquets (宴席): the Banquets service. Money in fen; heldAt is RFC 3339 (UTC) from Go and
// "YYYY-MM-DD HH:mm" (shop time) going in.
import { call } from './transport'

export const BANQUET_STATES = ['登记', '已送酒', '已办', '已结算', '已申报', '已核销', '取消'] as const

export interface Banquet {
  id: number
  hostId: number
  hostName: string
  hostMobile: string
  kind: string
  heldAt: string
  venueId: number
  venueName: string
  tables: number
  contactName: string
  contactPhone: string
  priceFen: number
  depositFen: number
  programmeId: number
  programmeName: string
  staffId: number
  staffName: string
  notes: string
  state: string
  cancelReason: string
  createdAt: string
  bottlesOut: number
  photos: number
}

export interface LineInput { productId: number; cases: number; bottles: number; unitFen: number }

export interface BanquetInput {
  hostId: number
  kind: string
  heldAt: string
  venueId: number
  tables: number
  contactName: string
  contactPhone: string
  lines: LineInput[]
  priceFen: number
  depositFen: number
  programmeId: number
  staffId: number
  notes: string
  idemKey: string
}

export interface Line {
  productId: number
  productName: string
  bottlesPerCase: number
  cases: number
  bottles: number
  ordered: number
  unitFen: number
  out: number
  opened: number
  returned: number
  lost: number
}

export interface Delivery { id: number; note: string; staffName: string; deliveredAt: string; bottles: number }
export interface Code { id: number; code: string; productId: number; productName: string; staffName: string; scannedAt: string; opened: boolean }
export interface Payment { id: number; kind: string; method: string; amountFen: number; note: string; staffName: string; createdAt: string; walletEntryId: number }
export interface Gift { name: string; perTable: number; quantity: number }
export interface SettlementLine { productId: number; productName: string; delivered: number; opened: number; returned: number; lost: number; countedBy: string; unitFen: number }
export interface Settlement {
  goodsFen: number
  paidBeforeFen: number
  amountFen: number
  rebateOutletFen: number
  rebateHostFen: number
  note: string
  staffName: string
  settledAt: string
  lines: SettlementLine[]
  gifts: Gift[]
  computed: Terms | null
  overrideReason: string
}
/** What the banquet's brand programme grants for a settlement's counts; programme '' when none. */
export interface Terms { programme: string; gifts: Gift[]; rebateOutletFen: number; rebateHostFen: number; notes: string[] }
export interface Evidence {
  id: number
  kind: string
  mime: string
  sizeBytes: number
  width: number
  height: number
  sha256: string
  note: string
  staffName: string
  uploadedAt: string
  removed: boolean
}

export interface Detail {
  banquet: Banquet
  lines: Line[]
  deliveries: Delivery[]
  codes: Code[]
  payments: Payment[]
  settlement: Settlement | null
  evidence: Evidence[]
  paidFen: number
  balanceFen: number
  next: string[]
  storedPaidFen: number
  hostStoredFen: number
}

export interface Options {
  kinds: string[]
  states: string[]
  venues: { id: number; name: string; outletType: string; district: string }[]
  staff: { id: number; name: string }[]
  programmes: { id: number; brand: string; name: string }[]
  paymentMethods: string[]
  evidenceKinds: string[]
  countMethods: string[]
  pastDays: number
  maxPhotoMb: number
}

export interface ListQuery { state: string; kind: string; from: string; to: string; search: string; page: number; pageSize: number }
export interface Page { rows: Banquet[]; total: number }

export interface DeliveryInput {
  lines: { productId: number; cases: number; bottles: number }[]
  codes: { code: string; productId: number }[]
  note: string
  idemKey: string
}
export interface SettleLine { productId: number; opened: number; returned: number; lost: number; countedBy: string; openedCodes: string[] }
export interface SettleInput { lines: SettleLine[]; gifts: Gift[]; rebateOutletFen: number; rebateHostFen: number; overrideReason: string; note: string; idemKey: string }
export interface PaymentInput { kind: string; method: string; amountFen: number; note: string; idemKey: string }
export interface EvidenceInput { kind: string; note: string; idemKey: string }
export interface ProductStock { productId: number; productName: string; onHand: number; atBanquets: number }

/** newKey is a request key: a double click or a retried request applies once. */
export function newKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

export const options = () => call<Options>('Banquets', 'Options')
export const list = (q: ListQuery) => call<Page>('Banquets', 'List', q)
export const detail = (id: number) => call<Detail>('Banquets', 'Detail', id)
export const register = (input: BanquetInput) => call<Banquet>('Banquets', 'Register', input)
export const update = (id: number, input: BanquetInput) => call<Banquet>('Banquets', 'Update', id, input)
export const cancel = (id: number, reason: string) => call<Banquet>('Banquets', 'Cancel', id, reason)
export const markHeld = (id: number) => call<Banquet>('Banquets', 'MarkHeld', id)
export const checkCode = (id: number, code: string) => call<string>('Banquets', 'CheckCode', id, code)
export const deliver = (id: number, input: DeliveryInput) => call<Delivery>('Banquets', 'Deliver', id, input)
export const terms = (id: number, lines: SettleLine[]) => call<Terms>('Banquets', 'Terms', id, lines)
export const settle = (id: number, input: SettleInput) => call<Settlement>('Banquets', 'Settle', id, input)
export const addPayment = (id: number, input: PaymentInput) => call<Payment>('Banquets', 'AddPayment', id, input)
export const uploadEvidence = (id: number, input: EvidenceInput, base64: string) => call<Evidence>('Banquets', 'UploadEvidence', id, input, base64)
export const pickEvidence = (id: number, input: EvidenceInput) => call<Evidence>('Banquets', 'PickEvidence', id, input)
export const editEvidence = (id: number, evidenceId: number, note: string, remove: boolean) => call<Evidence>('Banquets', 'EditEvidence', id, evidenceId, note, remove)
export const photo = (id: number, evidenceId: number, thumb: boolean) => call<{ mime: string; base64: string }>('Banquets', 'Photo', id, evidenceId, thumb)
export const stock = () => call<ProductStock[]>('Banquets', 'Stock')
export const receiveStock = (productId: number, bottles: number, note: string, idemKey: string) => call<void>('Banquets', 'ReceiveStock', productId, bottles, note, idemKey)
