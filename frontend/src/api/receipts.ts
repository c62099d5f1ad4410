import { call } from './transport'

// Receipts (小票): the data comes from Go (backend/print/receipts), the layout from components/receipts.

export const RECEIPT_KINDS = ['purchase', 'refund', 'recharge', 'spend', 'wine', 'redemption', 'coupon'] as const
export type ReceiptKind = (typeof RECEIPT_KINDS)[number]

export const PAPERS = ['58', '80', 'A5'] as const
export type Paper = (typeof PAPERS)[number]

export interface ReceiptLine {
  name: string
  qty: number
  unitFen: number
  amountFen: number
  detail: string
}

export interface ReceiptPayment {
  label: string
  amountFen: number
}

export interface ReceiptBalance {
  label: string
  value: number
  unit: 'fen' | 'points' | 'bottles'
}

export interface ReceiptCode {
  label: string
  code: string
}

/** receipts.Receipt: times already in shop time. */
export interface Receipt {
  kind: ReceiptKind
  refId: number
  title: string
  no: string
  shop: string
  staffName: string
  time: string
  customer: string
  mobile: string
  cardNumber: string
  lines: ReceiptLine[]
  totalLabel: string
  totalFen: number
  payments: ReceiptPayment[]
  balances: ReceiptBalance[]
  codes: ReceiptCode[]
  notes: string[]
  signature: boolean
  reprint: boolean
  prints: number
  paper: Paper
}

/** print fetches a record's receipt and records the print; paper "" is the shop's default. */
export function print(kind: ReceiptKind, id: number, paper: Paper | '' = ''): Promise<Receipt> {
  return call<Receipt>('Receipts', 'Print', kind, id, paper)
}

export function paper(): Promise<Paper> {
  return call<Paper>('Receipts', 'Paper')
}

export function savePaper(p: Paper): Promise<void> {
  return call<void>('Receipts', 'SavePaper', p)
}

/** preview shows a record's receipt without recording a print; reprint says it was printed before. */
export function preview(kind: ReceiptKind, id: number, paper: Paper | '' = ''): Promise<Receipt> {
  return call<Receipt>('Receipts', 'Preview', kind, id, paper)
}
