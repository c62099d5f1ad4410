import { expect, test } from 'vitest'
import { paymentsFor, shortfall } from './payments'

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
