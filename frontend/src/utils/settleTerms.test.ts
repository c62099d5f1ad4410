import { describe, expect, test } from 'vitest'
import { giftQuantity, termsDiffer } from './settleTerms'

const terms = { programme: '泸州老窖 婚宴政策', gifts: [{ name: '喜糖盒', perTable: 1, quantity: 10 }, { name: '摆台酒', perTable: 0, quantity: 2 }], rebateOutletFen: 3000, rebateHostFen: 5000, notes: [] }

describe('settlement against the programme', () => {
  test('the programme’s own figures differ in nothing', () => {
    expect(termsDiffer({ gifts: terms.gifts, rebateOutletFen: 3000, rebateHostFen: 5000 }, terms, 10)).toEqual([])
  })
  test('each changed figure is named, gifts by name and total', () => {
    const e = { gifts: [{ name: '喜糖盒', perTable: 2, quantity: 0 }, { name: '香烟', perTable: 0, quantity: 1 }], rebateOutletFen: 3000, rebateHostFen: 0 }
    expect(termsDiffer(e, terms, 10)).toEqual(['rebateHost', 'gift:喜糖盒', 'gift:香烟', 'gift:摆台酒'])
  })
  test('without a programme nothing is compared', () => {
    expect(termsDiffer({ gifts: [], rebateOutletFen: 1, rebateHostFen: 1 }, { ...terms, programme: '' }, 10)).toEqual([])
    expect(termsDiffer({ gifts: [], rebateOutletFen: 1, rebateHostFen: 1 }, null, 10)).toEqual([])
  })
  test('a per-table gift counts every table', () => {
    expect(giftQuantity({ name: 'x', perTable: 2, quantity: 0 }, 12)).toBe(24)
    expect(giftQuantity({ name: 'x', perTable: 0, quantity: 3 }, 12)).toBe(3)
  })
})
