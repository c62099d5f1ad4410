import { call } from './transport'
import type { ExportFile } from './sheets'

/** The payment methods money comes in or goes out by (labels only). */
export const METHODS = ['cash', 'wechat', 'alipay', 'card'] as const
export type Method = (typeof METHODS)[number]
/** A purchase's payment methods: stored value (储值) and the others. */
export type PayMethod = 'stored' | Method

export const ENTRY_KINDS = ['recharge', 'spend', 'refund', 'close', 'adjust', 'opening', 'transfer_in', 'transfer_out'] as const
export type EntryKind = (typeof ENTRY_KINDS)[number]

/** wallet.Balance: principal (本金, paid by the customer) and bonus (赠送). */
export interface Balance {
  principalFen: number
  bonusFen: number
}

/** wallet.Entry: one ledger line, signed changes and the balances after it. */
export interface Entry {
  id: number
  customerId: number
  kind: EntryKind
  principalFen: number
  bonusFen: number
  principalAfter: number
  bonusAfter: number
  cashFen: number
  method: Method | ''
  packageId: number
  purchaseId: number
  refundId: number
  staffName: string
  note: string
  createdAt: string
}

/** wallet.Package: pay payFen, get bonusFen on top, optionally points and a coupon type. */
export interface Package {
  id: number
  name: string
  payFen: number
  bonusFen: number
  points: number
  couponTypeId: number
  active: boolean
}

/** wallet.Rules: spending order, guardrails (on by default), custody tier and the agreement template. */
export interface Rules {
  spendRule: 'proportional' | 'bonus_first'
  capOn: boolean
  capFen: number
  transferNoticeOn: boolean
  transferNoticeFen: number
  custodyPct: 20 | 30 | 40
  agreement: string
}

/** wallet.RechargeInput: a package (packageId) or a custom amount with no bonus (amountFen). */
export interface RechargeInput {
  customerId: number
  packageId: number
  amountFen: number
  method: Method
  note: string
  key: string
  /** The clerk saw the bank-transfer notice for an organisation's large recharge. */
  transferConfirmed: boolean
}

export interface RechargeResult {
  entry: Entry
  points: number
  upgradedTo: string
  coupon: string
  repeated: boolean
}

/** wallet.ClosePlan: what a 退卡 pays back (principal) and forfeits (bonus). */
export interface ClosePlan {
  customerId: number
  customerName: string
  cardNumber: string
  refundFen: number
  forfeitFen: number
}

export interface CloseInput {
  customerId: number
  method: Method
  reason: string
  key: string
}

export interface AdjustInput {
  customerId: number
  principalFen: number
  bonusFen: number
  reason: string
  key: string
}

export interface LiabilityQuery {
  from: string
  to: string
  by: 'day' | 'month'
  asOf: string
}

export interface Flow {
  label: string
  rechargeFen: number
  bonusFen: number
  spendFen: number
  refundFen: number
  closeFen: number
  forfeitFen: number
  otherFen: number
}

export interface Quarter {
  label: string
  end: string
  principalFen: number
  bonusFen: number
  custodyFen: number
}

export interface Liability {
  asOf: string
  balance: Balance
  periods: Flow[]
  staff: Flow[]
  quarters: Quarter[]
  custodyPct: number
}

export const packages = (activeOnly: boolean) => call<Package[]>('Wallet', 'Packages', activeOnly)
export const savePackages = (ps: Package[]) => call<Package[]>('Wallet', 'SavePackages', ps)
export const rules = () => call<Rules>('Wallet', 'Rules')
export const saveRules = (r: Rules) => call<Rules>('Wallet', 'SaveRules', r)
export const balance = (customerId: number) => call<Balance>('Wallet', 'Balance', customerId)
/** ledger lists a member's entries, newest first: those before beforeId (0 for the newest). */
export const ledger = (customerId: number, beforeId = 0) => call<Entry[]>('Wallet', 'Ledger', customerId, beforeId)
export const recharge = (input: RechargeInput) => call<RechargeResult>('Wallet', 'Recharge', input)
export const planClose = (customerId: number) => call<ClosePlan>('Wallet', 'PlanClose', customerId)
export const close = (input: CloseInput) => call<ClosePlan>('Wallet', 'Close', input)
export const adjust = (input: AdjustInput) => call<Entry>('Wallet', 'Adjust', input)
export const outstanding = () => call<Balance>('Wallet', 'Outstanding')
export const liability = (q: LiabilityQuery) => call<Liability>('Wallet', 'Liability', q)
export const exportLiability = (q: LiabilityQuery) => call<ExportFile>('Wallet', 'ExportLiability', q)
/** agreement is the recharge agreement (预付卡章程) filled with the shop's name and rules. */
export const agreement = () => call<string>('Wallet', 'Agreement')
