import { expect, test } from 'vitest'
import { adjustProblem, amountDue, paymentsFor, shortfall, signedFen } from './payments'

test('a purchase is split into stored value and one other method that add up to the total', () => {
  expect(paymentsFor(30000, 15000, 'wechat')).toEqual([{ method: 'stored', amountFen: 15000 }, { method: 'wechat', amountFen: 15000 }])
  expect(paymentsFor(30000, 0, 'cash')).toEqual([{ method: 'cash', amountFen: 30000 }])
  expect(paymentsFor(30000, 30000, 'cash')).toEqual([{ method: 'stored', amountFen: 30000 }])
  // more stored value than the total pays the total only
  expect(paymentsFor(30000, 50000, 'cash')).toEqual([{ method: 'stored', amountFen: 30000 }])
  expect(paymentsFor(0, 0, 'cash')).toEqual([])
})

test('the shortfall names how much the balance is short', () => {
  expect(shortfall(15000, 10000)).toBe(5000)
  expect(shortfall(5000, 10000)).toBe(0)
})

test('the payments add up to what is due after the coupons, once Go has answered for them', () => {
  expect(amountDue(160000, null)).toBe(160000)
  const plan = { discountFen: 20000, dueFen: 140000 }
  expect(amountDue(160000, plan)).toBe(140000)
  // Half of what is due by stored value, the rest by card: the parts sum to the due amount, not the total.
  const ps = paymentsFor(amountDue(160000, plan), 70000, 'card')
  expect(ps).toEqual([{ method: 'stored', amountFen: 70000 }, { method: 'card', amountFen: 70000 }])
  expect(ps.reduce((s, p) => s + p.amountFen, 0)).toBe(140000)
  // A coupon that covers everything leaves nothing to pay, so no payment parts at all.
  expect(paymentsFor(amountDue(5000, { discountFen: 5000, dueFen: 0 }), 0, 'cash')).toEqual([])
})

test('a manual adjustment is signed by its direction and refused when it takes off more than the balance holds', () => {
  expect(signedFen('12.5', 'up')).toBe(1250)
  expect(signedFen('12.5', 'down')).toBe(-1250)
  expect(signedFen('', 'down')).toBe(0)
  expect(signedFen('abc', 'up')).toBe(0)
  expect(adjustProblem('', 'down', 0)).toBe('')
  expect(adjustProblem('100', 'down', 10000)).toBe('')
  expect(adjustProblem('100.01', 'down', 10000)).toBe('wallet.adjust.belowZero')
  expect(adjustProblem('100.01', 'up', 0)).toBe('')
  expect(adjustProblem('1.234', 'up', 0)).toBe('validate.moneyDecimals')
  expect(adjustProblem('-5', 'up', 0)).toBe('validate.moneyNegative')
  expect(adjustProblem('五十', 'up', 0)).toBe('validate.moneyFormat')
})
