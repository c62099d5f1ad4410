import { call } from './transport'
import type { ExportFile } from './sheets'

export const COUPON_KINDS = ['cash', 'threshold', 'gift'] as const
export type CouponKind = (typeof COUPON_KINDS)[number]
export const AUTO_ON = ['', 'birthday', 'attend', 'fission_join', 'fission_first_buy'] as const
export type AutoOn = (typeof AUTO_ON)[number]
export const COUPON_STATES = ['issued', 'used', 'voided', 'expired'] as const
export type CouponState = (typeof COUPON_STATES)[number]

/** coupons.Type: validDays > 0 counts from issue, else validFrom..validTo (shop dates). */
export interface CouponType {
  id: number
  name: string
  kind: CouponKind
  valueFen: number
  thresholdFen: number
  giftId: number
  giftName: string
  validDays: number
  validFrom: string
  validTo: string
  withMemberPrice: boolean
  campaign: string
  autoOn: AutoOn
  clerkMayIssue: boolean
  active: boolean
  issued: number
}

/** coupons.Coupon. expired: past its last day (the sweep may not have marked it yet). */
export interface Coupon {
  id: number
  code: string
  typeId: number
  customerId: number
  customerName: string
  name: string
  kind: CouponKind
  valueFen: number
  thresholdFen: number
  giftId: number
  giftName: string
  withMemberPrice: boolean
  campaign: string
  source: string
  validFrom: string
  validTo: string
  state: CouponState | 'new'
  expired: boolean
  issuedAt: string
  staffName: string
}

/** coupons.Entry: one line of a coupon's ledger. */
export interface CouponEntry {
  id: number
  kind: 'issue' | 'use' | 'void' | 'expire' | 'return'
  purchaseId: number
  discountFen: number
  reason: string
  staffName: string
  createdAt: string
}

export interface CouponDetail {
  coupon: Coupon
  entries: CouponEntry[]
}

/** coupons.Filter */
export interface CouponFilter {
  query: string
  state: CouponState | ''
  typeId: number
  campaign: string
  customerId: number
  page: number
  size: number
}

export interface CouponPage {
  items: Coupon[]
  total: number
}

/** coupons.HandInput: qty 1–20; key makes a double click issue once. */
export interface HandInput {
  typeId: number
  customerId: number
  qty: number
  key: string
}

/** coupons.SegmentInput: the campaign names the run; a retry issues nobody twice. */
export interface SegmentInput {
  typeId: number
  segmentId: number
  campaign: string
  jobId: string
}

export interface SegmentPreview {
  customers: number
  campaign: string
  already: number
}

export interface SegmentResult {
  customers: number
  issued: number
  skipped: number
  campaign: string
}

/** coupons.Redeeming: the sale's goods at the prices charged and at retail, and the codes offered. */
export interface Redeeming {
  customerId: number
  totalFen: number
  retailFen: number
  codes: string[]
}

export interface CouponUse {
  coupon: Coupon
  discountFen: number
}

export interface CouponPlan {
  uses: CouponUse[]
  discountFen: number
  dueFen: number
}

export interface VoidInput {
  code: string
  reason: string
  key: string
}

export interface GiftInput {
  customerId: number
  codes: string[]
  key: string
}

export interface ReportRange {
  from: string
  to: string
}

export interface ReportRow {
  name: string
  issued: number
  used: number
  returned: number
  voided: number
  expired: number
  discountFen: number
}

export interface CouponReport {
  range: ReportRange
  byType: ReportRow[]
  byCampaign: ReportRow[]
  total: ReportRow
}

/** app.CouponProgress, the event "coupons:progress". */
export interface CouponProgress {
  jobId: string
  done: number
  total: number
}

export const types = (activeOnly: boolean) => call<CouponType[]>('Coupons', 'Types', activeOnly)
export const saveType = (t: CouponType) => call<CouponType>('Coupons', 'SaveType', t)
export const issue = (input: HandInput) => call<Coupon[]>('Coupons', 'Issue', input)
export const previewSegment = (input: SegmentInput) => call<SegmentPreview>('Coupons', 'PreviewSegment', input)
export const issueToSegment = (input: SegmentInput) => call<SegmentResult>('Coupons', 'IssueToSegment', input)
export const check = (input: Redeeming) => call<CouponPlan>('Coupons', 'Check', input)
export const usable = (customerId: number) => call<Coupon[]>('Coupons', 'Usable', customerId)
export const list = (f: CouponFilter) => call<CouponPage>('Coupons', 'List', f)
export const detail = (code: string) => call<CouponDetail>('Coupons', 'Detail', code)
export const campaigns = () => call<string[]>('Coupons', 'Campaigns')
export const voidCoupon = (input: VoidInput) => call<Coupon>('Coupons', 'Void', input)
export const redeemGifts = (input: GiftInput) => call<CouponPlan>('Coupons', 'RedeemGifts', input)
export const report = (r: ReportRange) => call<CouponReport>('Coupons', 'Report', r)
export const exportReport = (r: ReportRange) => call<ExportFile>('Coupons', 'ExportReport', r)
