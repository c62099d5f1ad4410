import { describe, expect, test } from 'vitest'
import { discountText, formatPoints, parseYuan, yuanText } from './money'
import { formatMoney } from './format'

describe('¥ input → fen', () => {
  test('the ways people type an amount', () => {
    expect(parseYuan('1234')).toEqual({ ok: true, fen: 123400 })
    expect(parseYuan('1,234.5')).toEqual({ ok: true, fen: 123450 })
    expect(parseYuan('¥1234.56')).toEqual({ ok: true, fen: 123456 })
    expect(parseYuan('￥ 12')).toEqual({ ok: true, fen: 1200 })
    expect(parseYuan('１２３．４')).toEqual({ ok: true, fen: 12340 })
    expect(parseYuan('.5')).toEqual({ ok: true, fen: 50 })
    expect(parseYuan('5.')).toEqual({ ok: true, fen: 500 })
    expect(parseYuan('0.01')).toEqual({ ok: true, fen: 1 })
    expect(parseYuan('0')).toEqual({ ok: true, fen: 0 })
    expect(parseYuan('007')).toEqual({ ok: true, fen: 700 })
    expect(parseYuan('  2999 ')).toEqual({ ok: true, fen: 299900 })
  })

  test('no float drift: 0.29 and 1.15 are exact', () => {
    expect(parseYuan('0.29')).toEqual({ ok: true, fen: 29 })
    expect(parseYuan('1.15')).toEqual({ ok: true, fen: 115 })
    expect(parseYuan('19999999.99')).toEqual({ ok: true, fen: 1999999999 })
  })

  test('blank is null: the caller decides if it is allowed', () => {
    expect(parseYuan('')).toEqual({ ok: true, fen: null })
    expect(parseYuan(' ¥ ')).toEqual({ ok: true, fen: null })
  })

  test('what is wrong is named', () => {
    expect(parseYuan('12.345')).toEqual({ ok: false, problem: 'moneyDecimals' })
    expect(parseYuan('-5')).toEqual({ ok: false, problem: 'moneyNegative' })
    expect(parseYuan('abc')).toEqual({ ok: false, problem: 'moneyFormat' })
    expect(parseYuan('1.2.3')).toEqual({ ok: false, problem: 'moneyFormat' })
    expect(parseYuan('.')).toEqual({ ok: false, problem: 'moneyFormat' })
    expect(parseYuan('-')).toEqual({ ok: false, problem: 'moneyFormat' })
    expect(parseYuan('1e5')).toEqual({ ok: false, problem: 'moneyFormat' })
    expect(parseYuan('1000000000')).toEqual({ ok: false, problem: 'moneyTooLarge' })
    expect(parseYuan('100000000.01')).toEqual({ ok: false, problem: 'moneyTooLarge' })
    expect(parseYuan('100000000')).toEqual({ ok: true, fen: 10_000_000_000 })
  })

  test('fen → the text a form shows for editing, and back', () => {
    expect(yuanText(123400)).toBe('1234')
    expect(yuanText(123450)).toBe('1234.50')
    expect(yuanText(5)).toBe('0.05')
    expect(yuanText(0)).toBe('0')
    expect(yuanText(null)).toBe('')
    for (const fen of [0, 1, 99, 100, 123456, 500000, 1999999999]) {
      expect(parseYuan(yuanText(fen))).toEqual({ ok: true, fen })
      expect(parseYuan(formatMoney(fen))).toEqual({ ok: true, fen })
    }
  })

  test('points and discounts as the counter reads them', () => {
    expect(formatPoints(5998)).toBe('5,998')
    expect(formatPoints(5998, true)).toBe('+5,998')
    expect(formatPoints(-500, true)).toBe('-500')
    expect(formatPoints(0, true)).toBe('0')
    expect(discountText(95)).toBe('9.5折')
    expect(discountText(90)).toBe('9折')
    expect(discountText(98)).toBe('9.8折')
    expect(discountText(100)).toBe('')
  })
})
