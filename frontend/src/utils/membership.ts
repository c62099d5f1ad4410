// Counter arithmetic the member page and the sale form show before Go is asked: the gap to the next
// level, the points a sale will earn (Go's formula, integer maths), quantities as typed, and the
// refund plan in words.
import type { Level } from '@/api/members'
import type { Rules } from '@/api/points'
import type { RefundPlan } from '@/api/sales'
import { formatMoney } from './format'
import { formatPoints } from './money'
import { toHalfWidth } from './phone'

type T = (key: string, params?: Record<string, unknown>) => string

export interface LevelProgress {
  next: Level
  /** What is still to spend in 12 months to reach next (0 when reached). */
  gapFen: number
  /** 0–100 for the progress bar. */
  pct: number
}

/** levelProgress: how far the 12-month spend is from the next level's upgrade threshold; null at the top. */
export function levelProgress(spend12mFen: number, next: Level | null | undefined): LevelProgress | null {
  if (!next) return null
  const gapFen = Math.max(0, next.upgradeFen - spend12mFen)
  const pct = next.upgradeFen <= 0 ? 100 : Math.max(0, Math.min(100, Math.floor((spend12mFen * 100) / next.upgradeFen)))
  return { next, gapFen, pct }
}

export interface EarningLine {
  amountFen: number
  service: boolean
}

/**
 * estimatePoints is what Go's Record will book: per line, amount × points per ¥1 × level multiplier %
 * × (service % for service products) / 1,000,000, rounded down — in BigInt so large sales stay exact.
 */
export function estimatePoints(lines: EarningLine[], rules: Pick<Rules, 'pointsPerYuan' | 'servicePct'>, multiplierPct: number): number {
  let total = 0n
  for (const l of lines) {
    if (l.amountFen <= 0) continue
    const rate = l.service ? BigInt(rules.servicePct) : 100n
    total += (BigInt(l.amountFen) * BigInt(rules.pointsPerYuan) * BigInt(multiplierPct) * rate) / 1_000_000n
  }
  return Number(total)
}

export type QtyProblem = 'qtyInteger' | 'qtyPositive' | 'qtyTooLarge'
export type QtyResult = { ok: true; qty: number } | { ok: false; problem: QtyProblem }

/** The most Go takes on one line. */
export const MAX_QTY = 100_000

/** parseQty reads a line quantity: a whole number from 1 to 100,000 (Go refuses the rest too). */
export function parseQty(raw: string | number, max = MAX_QTY): QtyResult {
  const s = toHalfWidth(String(raw)).trim()
  if (/^-\d+$/.test(s) || s === '0' || /^0+$/.test(s)) return { ok: false, problem: 'qtyPositive' }
  if (!/^\d+$/.test(s)) return { ok: false, problem: 'qtyInteger' }
  const n = Number(s)
  if (n > max) return { ok: false, problem: 'qtyTooLarge' }
  return { ok: true, qty: n }
}

export type SignedIntResult = { ok: true; n: number } | { ok: false; problem: 'pointsInteger' | 'pointsZero' }

/** parseSignedPoints reads a manual adjustment: "+200", "-50", "300" (not 0, whole numbers only). */
export function parseSignedPoints(raw: string): SignedIntResult {
  const s = toHalfWidth(raw).trim().replaceAll(',', '').replace(/^＋/, '+').replace(/^[－—]/, '-')
  if (!/^[+-]?\d{1,9}$/.test(s)) return { ok: false, problem: 'pointsInteger' }
  const n = Number(s)
  if (n === 0) return { ok: false, problem: 'pointsZero' }
  return { ok: true, n }
}

/**
 * refundSummary says in one sentence what a refund plan does, so the clerk can read it out before
 * confirming: the money back, the points taken back, and when the customer already spent them, how
 * the shortfall becomes money off the refund.
 */
export function refundSummary(plan: RefundPlan, t: T): string {
  const level = plan.levelTo ? t('refund.sumLevel', { from: plan.levelFrom, to: plan.levelTo }) : ''
  return pointsSummary(plan, t) + level
}

function pointsSummary(plan: RefundPlan, t: T): string {
  const amount = formatMoney(plan.amountFen)
  const paid = formatMoney(plan.paidFen)
  if (plan.pointsToReverse <= 0) return t('refund.sumNoPoints', { amount, paid })
  const points = formatPoints(plan.pointsToReverse)
  const balance = formatPoints(plan.balance)
  if (plan.shortfallPoints <= 0) return t('refund.sumAllBack', { amount, points, balance, paid })
  const p = { amount, points, balance, paid, reverse: formatPoints(plan.reversePoints), shortfall: formatPoints(plan.shortfallPoints),
    value: formatMoney(plan.pointValueFen), deduct: formatMoney(plan.deductFen) }
  if (plan.pointValueFen <= 0) return t('refund.sumShortfallFree', p)
  if (plan.deductFen < plan.shortfallPoints * plan.pointValueFen) return t('refund.sumShortfallCapped', p)
  return t('refund.sumShortfall', p)
}
