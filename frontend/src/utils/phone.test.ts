import { describe, expect, test } from 'vitest'
import { maskMobile, mobileError, normalizeMobile } from './phone'

describe('normalizeMobile (same rules as Go)', () => {
  test.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['(138)00138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['１３８\u30000013８000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['13800138000.0', '13800138000'],
    ['13800138000.00', '13800138000'],
    ['  19912345678  ', '19912345678'],
    ['', ''],
    ['   ', ''],
  ])('%j → %s', (raw, want) => {
    expect(normalizeMobile(raw)).toEqual({ ok: true, mobile: want })
  })

  test.each([
    ['1380013800a', '手机号只能包含数字'],
    ['138.0013.8000', '手机号只能包含数字'],
    ['13800138000.5', '手机号只能包含数字'],
    ['138+00138000', '手机号只能包含数字'],
    ['1380013800', '手机号应为11位数字'],
    ['138001380001', '手机号应为11位数字'],
    ['+1 13800138000', '手机号应为11位数字'],
    ['12800138000', '手机号应以1开头，第二位为3到9'],
    ['23800138000', '手机号应以1开头，第二位为3到9'],
    ['8623800138000', '手机号应以1开头，第二位为3到9'],
  ])('%j is refused: %s', (raw, message) => {
    const r = normalizeMobile(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toBe(message)
  })
})

describe('mobileError while typing', () => {
  test('a short number is not an error until the clerk moves on', () => {
    expect(mobileError('138', false)).toBe('')
    expect(mobileError('138', true)).toBe('手机号应为11位数字')
  })
  test('a wrong character is reported at once', () => {
    expect(mobileError('138a', false)).toBe('手机号只能包含数字')
  })
  test('far too many digits is reported at once', () => {
    expect(mobileError('1380013800012345', false)).toBe('手机号应为11位数字')
  })
  test('an empty mobile is fine: it is optional', () => {
    expect(mobileError('', true)).toBe('')
  })
})

test('maskMobile hides the middle four digits', () => {
  expect(maskMobile('13800138000')).toBe('138****8000')
  expect(maskMobile('')).toBe('')
})
