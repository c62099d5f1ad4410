import { call } from './transport'

// Stored wine (存酒): bottles customers leave at the shop and take out (取酒). Mirrors backend/wallet/wine.

export type WineKind = 'deposit' | 'withdraw' | 'merge'

/** wine.Entry: one ledger line; qty signed (in positive); after is the bottles left of that product. */
export interface WineEntry {
  id: number
  customerId: number
  productId: number
  productName: string
  kind: WineKind
  qty: number
  /** 0: brought in (自带) or not a deposit. */
  purchaseId: number
  place: string
  expiresOn: string
  note: string
  staffName: string
  createdAt: string
  after: number
}

/** wine.DepositInput: purchaseId 0 means brought in (自带). */
export interface DepositInput {
  customerId: number
  productId: number
  qty: number
  purchaseId: number
  place: string
  expiresOn: string
  note: string
  key: string
}

/** wine.WithdrawInput */
export interface WithdrawInput {
  customerId: number
  productId: number
  qty: number
  note: string
  key: string
}

/** wine.Held: one product a customer has stored. */
export interface Held {
  productId: number
  productName: string
  bottles: number
  place: string
  expiresOn: string
}

/** wine.Source: a purchase line whose bottles may still be stored. */
export interface Source {
  purchaseId: number
  date: string
  productId: number
  productName: string
  left: number
}

/** wine.ExpiringLot */
export interface ExpiringLot {
  customerId: number
  customerName: string
  mobile: string
  productId: number
  productName: string
  bottles: number
  place: string
  expiresOn: string
  daysLeft: number
}

/** wine.ProductStock */
export interface ProductStock {
  productId: number
  productName: string
  category: string
  bottles: number
  customers: number
}

/** wine.HoldersQuery */
export interface HoldersQuery {
  search: string
  productId: number
  page: number
  pageSize: number
}

/** wine.Holder */
export interface Holder {
  customerId: number
  customerName: string
  mobile: string
  bottles: number
  products: number
  lastAt: string
}

export interface HoldersPage {
  items: Holder[]
  total: number
  page: number
  pageSize: number
}

/** Most bottles one deposit or withdrawal may move (wine.MaxBottles). */
export const MAX_BOTTLES = 10000

export function deposit(input: DepositInput): Promise<WineEntry> {
  return call<WineEntry>('Wine', 'Deposit', input)
}

export function withdraw(input: WithdrawInput): Promise<WineEntry> {
  return call<WineEntry>('Wine', 'Withdraw', input)
}

export function balances(customerId: number): Promise<Held[]> {
  return call<Held[]>('Wine', 'Balances', customerId)
}

/** ledger lists a customer's lines newest first: those before beforeId (0 for the newest). */
export function ledger(customerId: number, beforeId = 0): Promise<WineEntry[]> {
  return call<WineEntry[]>('Wine', 'Ledger', customerId, beforeId)
}

export function sources(customerId: number): Promise<Source[]> {
  return call<Source[]>('Wine', 'Sources', customerId)
}

export function holders(q: HoldersQuery): Promise<HoldersPage> {
  return call<HoldersPage>('Wine', 'Holders', q)
}

export function expiring(days: number): Promise<ExpiringLot[]> {
  return call<ExpiringLot[]>('Wine', 'Expiring', days)
}

export function stock(): Promise<ProductStock[]> {
  return call<ProductStock[]>('Wine', 'Stock')
}
