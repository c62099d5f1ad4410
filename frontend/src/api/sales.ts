import { call } from './transport'

export const CATEGORIES = ['白酒', '葡萄酒', '啤酒', '洋酒', '黄酒', '服务'] as const
export type Category = (typeof CATEGORIES)[number]

/**
 * sales.Product. Prices in fen; levelPrices maps a level id (a JSON object key, so a string) to the
 * member price for that level; a level without one gets the retail price with the level's discount.
 */
export interface Product {
  id: number
  name: string
  series: string
  volumeMl: number
  abv: string
  category: Category | string
  retailFen: number
  /** case size banquets order and deliver by */
  bottlesPerCase: number
  service: boolean
  active: boolean
  levelPrices: Record<string, number>
}

/** app.PriceQuote: what one unit of an active product costs this customer. */
export interface PriceQuote {
  productId: number
  retailFen: number
  unitFen: number
}

/** sales.LineInput. unitFen counts only with overridePrice (managers and the owner). */
export interface LineInput {
  productId: number
  qty: number
  overridePrice: boolean
  unitFen: number
}

/** sales.PurchaseInput. date 2026-11-23 (may be in the past); key makes a double click book once. */
export interface PurchaseInput {
  customerId: number
  cardNumber: string
  lines: LineInput[]
  date: string
  note: string
  key: string
  noPoints: boolean
  /** The group (社群) the sale came from; 0 for none. */
  communityId: number
  /** Coupon codes (券) used on the sale; their discount lowers the amount due. */
  couponCodes?: string[]
  /** How the amount due is paid (stored value, cash, WeChat…); empty records the sale without them. */
  payments?: Payment[]
}

/** sales.Payment: one part of how a purchase was paid, or where a refund's money goes back. */
export interface Payment {
  method: 'stored' | 'cash' | 'wechat' | 'alipay' | 'card'
  amountFen: number
}

/** sales.Line */
export interface Line {
  id: number
  productId: number
  productName: string
  category: string
  qty: number
  unitFen: number
  amountFen: number
  points: number
  refundedQty: number
}

/** sales.Purchase. upgradedTo and notice are filled only in the answer to Record. */
export interface Purchase {
  id: number
  customerId: number
  customerName: string
  staffName: string
  /** The 社群 the sale came from; empty when none was named. */
  communityName: string
  date: string
  totalFen: number
  refundedFen: number
  pointsEarned: number
  /** What coupons took off totalFen, and what was left to pay. */
  couponFen: number
  dueFen: number
  note: string
  lines: Line[]
  payments: Payment[]
  /** Refunds made of it, oldest first (absent on a purchase just recorded). */
  refunds?: RefundRef[]
  upgradedTo: string
  notice: string
}

/** sales.RefundRef: one refund of a purchase, for its history row (createdAt UTC). */
export interface RefundRef {
  id: number
  amountFen: number
  createdAt: string
}

/** sales.RefundLine */
export interface RefundLine {
  lineId: number
  qty: number
}

/** sales.RefundInput: all that is left of the purchase (all) or the given lines. */
export interface RefundInput {
  purchaseId: number
  all: boolean
  lines: RefundLine[]
  reason: string
  key: string
}

/**
 * sales.RefundPlan: the money back (amountFen), the points the purchase earned that go back
 * (pointsToReverse), how many can be taken from the balance (reversePoints), the rest (shortfallPoints)
 * turned into money at pointValueFen (deductFen) and taken off the refund: paidFen is what is paid out.
 * levelFrom/levelTo: the upgrade the refund undoes, if any (members.PlanRevert has the rule).
 */
export interface RefundPlan {
  /** The stored refund once made (0 in a plan); its receipt prints from it. */
  refundId?: number
  amountFen: number
  pointsToReverse: number
  balance: number
  reversePoints: number
  shortfallPoints: number
  pointValueFen: number
  deductFen: number
  paidFen: number
  /** Set when the refund undoes the upgrade this purchase caused: the level goes from levelFrom back to levelTo. */
  levelFrom: string
  levelTo: string
  /** The 12-month spend once refunded (0 when the purchase no longer counts toward the level). */
  spendAfterFen: number
  /** Where paidFen goes back, by method (stored value first); empty for a sale recorded without payments. */
  payback: Payment[]
}

/** sales.ReferralNode */
export interface ReferralNode {
  id: number
  name: string
  parentId: number
  depth: number
  spendFen: number
}

/** sales.ReferralCircle: referredBy nearest first; tree depth 1 = brought directly. */
export interface ReferralCircle {
  referredBy: ReferralNode[]
  tree: ReferralNode[]
  circleSpendFen: number
}

export function products(activeOnly: boolean): Promise<Product[]> {
  return call<Product[]>('Sales', 'Products', activeOnly)
}

export function saveProduct(p: Product): Promise<Product> {
  return call<Product>('Sales', 'SaveProduct', p)
}

export function quote(customerId: number): Promise<PriceQuote[]> {
  return call<PriceQuote[]>('Sales', 'Quote', customerId)
}

export function record(input: PurchaseInput): Promise<Purchase> {
  return call<Purchase>('Sales', 'Record', input)
}

/** purchases lists a customer's purchases, newest first: those older than `before` (null for the newest). */
export function purchases(customerId: number, before: Purchase | null = null): Promise<Purchase[]> {
  return call<Purchase[]>('Sales', 'Purchases', customerId, before?.date ?? '', before?.id ?? 0)
}

export function planRefund(input: RefundInput): Promise<RefundPlan> {
  return call<RefundPlan>('Sales', 'PlanRefund', input)
}

export function refund(input: RefundInput): Promise<RefundPlan> {
  return call<RefundPlan>('Sales', 'Refund', input)
}

export function emptyProduct(): Product {
  return { id: 0, name: '', series: '', volumeMl: 0, abv: '', category: '白酒', retailFen: 0, bottlesPerCase: 6, service: false, active: true, levelPrices: {} }
}
