import { describe, expect, test } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import type { Level } from '@/api/members'
import type { RefundPlan } from '@/api/sales'
import { estimatePoints, levelProgress, parseQty, parseSignedPoints, refundSummary } from './membership'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
const t = (k: string, p?: Record<string, unknown>) => i18n.global.t(k, p ?? {})

const silver: Level = { id: 2, name: '银卡', rank: 2, upgradeFen: 500000, keepFen: 300000, multiplierPct: 120, discountPct: 98, birthdayPoints: 200, colour: '#8c9eb5', members: 0 }

function plan(p: Partial<RefundPlan>): RefundPlan {
  return { amountFen: 0, pointsToReverse: 0, balance: 0, reversePoints: 0, shortfallPoints: 0, pointValueFen: 1, deductFen: 0, paidFen: 0, levelFrom: '', levelTo: '', spendAfterFen: 0, payback: [], ...p }
}

describe('gap to the next level', () => {
  test('what is left to spend, and how far along', () => {
    expect(levelProgress(120000, silver)).toEqual({ next: silver, gapFen: 380000, pct: 24 })
    expect(levelProgress(600000, silver)).toEqual({ next: silver, gapFen: 0, pct: 100 })
    expect(levelProgress(0, silver)?.pct).toBe(0)
    expect(levelProgress(999, null)).toBeNull()
  })
})

describe('points a sale will earn (Go: amount × per ¥1 × multiplier% × service% / 1,000,000)', () => {
  const rules = { pointsPerYuan: 1, servicePct: 50 }
  test('goods at 100% and a member multiplier', () => {
    expect(estimatePoints([{ amountFen: 599800, service: false }], rules, 100)).toBe(5998)
    expect(estimatePoints([{ amountFen: 599800, service: false }], rules, 120)).toBe(7197)
  })
  test('service products earn at the service rate; each line rounds down on its own', () => {
    expect(estimatePoints([{ amountFen: 10000, service: true }, { amountFen: 199, service: false }], rules, 100)).toBe(50 + 1)
  })
  test('large sales stay exact', () => {
    expect(estimatePoints([{ amountFen: 9_999_999_999, service: false }], { pointsPerYuan: 100, servicePct: 100 }, 1000)).toBe(99_999_999_990)
  })
})

describe('quantities and adjustments as typed', () => {
  test('a line quantity is a whole number from 1 to 100,000', () => {
    expect(parseQty('2')).toEqual({ ok: true, qty: 2 })
    expect(parseQty(' ３ ')).toEqual({ ok: true, qty: 3 })
    expect(parseQty('0')).toEqual({ ok: false, problem: 'qtyPositive' })
    expect(parseQty('-1')).toEqual({ ok: false, problem: 'qtyPositive' })
    expect(parseQty('1.5')).toEqual({ ok: false, problem: 'qtyInteger' })
    expect(parseQty('')).toEqual({ ok: false, problem: 'qtyInteger' })
    expect(parseQty('100001')).toEqual({ ok: false, problem: 'qtyTooLarge' })
  })
  test('an adjustment is signed and not zero', () => {
    expect(parseSignedPoints('+200')).toEqual({ ok: true, n: 200 })
    expect(parseSignedPoints('-50')).toEqual({ ok: true, n: -50 })
    expect(parseSignedPoints('１,０００')).toEqual({ ok: true, n: 1000 })
    expect(parseSignedPoints('0')).toEqual({ ok: false, problem: 'pointsZero' })
    expect(parseSignedPoints('abc')).toEqual({ ok: false, problem: 'pointsInteger' })
    expect(parseSignedPoints('1.5')).toEqual({ ok: false, problem: 'pointsInteger' })
  })
})

describe('the refund plan in words, read out before confirming', () => {
  test('nothing earned, nothing to take back', () => {
    expect(refundSummary(plan({ amountFen: 50000, paidFen: 50000 }), t)).toBe('退款 ¥500.00，这笔消费没有积分需要扣回，实退 ¥500.00。')
  })

  test('the balance covers the points', () => {
    expect(refundSummary(plan({ amountFen: 50000, pointsToReverse: 500, balance: 1200, reversePoints: 500, paidFen: 50000 }), t))
      .toBe('退款 ¥500.00，扣回积分 500 分（余额 1,200 分，足够扣回），实退 ¥500.00。')
  })

  test('a refund that undoes an upgrade says so', () => {
    expect(refundSummary(plan({ amountFen: 587800, paidFen: 587800, levelFrom: '金卡', levelTo: '银卡' }), t))
      .toBe('退款 ¥5,878.00，这笔消费没有积分需要扣回，实退 ¥5,878.00。退款后等级将由 金卡 降回 银卡。')
  })

  test('points already spent: the shortfall becomes money off the refund', () => {
    const p = plan({ amountFen: 599800, pointsToReverse: 5998, balance: 998, reversePoints: 998, shortfallPoints: 5000, pointValueFen: 1, deductFen: 5000, paidFen: 594800 })
    expect(refundSummary(p, t)).toBe('退款 ¥5,998.00，应扣回积分 5,998 分，但客户只剩 998 分：扣回 998 分，不足的 5,000 分按每分 ¥0.01 折合 ¥50.00，从退款中扣除，实退 ¥5,948.00。')
  })

  test('the deduction never exceeds the refund', () => {
    const p = plan({ amountFen: 1000, pointsToReverse: 5000, balance: 0, reversePoints: 0, shortfallPoints: 5000, pointValueFen: 1, deductFen: 1000, paidFen: 0 })
    expect(refundSummary(p, t)).toContain('最多扣到退款金额 ¥10.00')
    expect(refundSummary(p, t)).toContain('实退 ¥0.00')
  })

  test('points worth nothing: the shortfall is forgiven', () => {
    const p = plan({ amountFen: 1000, pointsToReverse: 10, balance: 4, reversePoints: 4, shortfallPoints: 6, pointValueFen: 0, deductFen: 0, paidFen: 1000 })
    expect(refundSummary(p, t)).toContain('不足的 6 分不折算金额')
  })
})
