import { describe, expect, test } from 'vitest'
import { CARD_ERRORS, cardPrefixProblem, checkCardNumber, luhnDigit, sampleCardNumber, validCardNumber, withCheckDigit } from './cardNumber'

describe('card numbers (Luhn, as Go checks them)', () => {
  test('the check digit of well-known Luhn numbers', () => {
    // 7992739871x → 3 is the textbook example; 4111 1111 1111 1111 is a valid test card.
    expect(luhnDigit('7992739871')).toBe('3')
    expect(validCardNumber('79927398713')).toBe(true)
    expect(validCardNumber('4111111111111111')).toBe(true)
    expect(validCardNumber('4111111111111112')).toBe(false)
  })

  test('generated numbers: prefix, 7-digit sequence, check digit — the same as Go NextCardNumber', () => {
    // Go (run on the same payloads): prefix "8", seq 1 → payload 80000001 → check digit 0; 80004321 → 8.
    expect(sampleCardNumber('8')).toBe('800000010')
    expect(sampleCardNumber('8', 4321)).toBe('800043218')
    expect(validCardNumber(sampleCardNumber('8', 12345))).toBe(true)
    expect(validCardNumber(sampleCardNumber('66', 9999999))).toBe(true)
    expect(withCheckDigit('123456')).toBe('1234566')
  })

  test('every single-digit typo is caught', () => {
    const good = sampleCardNumber('8', 4321)
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[i]) continue
        const bad = good.slice(0, i) + d + good.slice(i + 1)
        expect(validCardNumber(bad), bad).toBe(false)
      }
    }
  })

  test('what is wrong, in the words Go uses', () => {
    expect(checkCardNumber('')).toEqual({ ok: false, problem: 'required', error: CARD_ERRORS.required })
    expect(checkCardNumber('  ')).toMatchObject({ problem: 'required' })
    expect(checkCardNumber('80000a010')).toMatchObject({ problem: 'chars', error: '卡号只能包含数字' })
    // Full-width digits are not digits to Go either.
    expect(checkCardNumber('８00000010')).toMatchObject({ problem: 'chars' })
    expect(checkCardNumber('12345')).toMatchObject({ problem: 'length', error: '卡号应为6到20位数字' })
    expect(checkCardNumber('1'.repeat(21))).toMatchObject({ problem: 'length' })
    expect(checkCardNumber('800000011')).toMatchObject({ problem: 'check', error: '卡号校验位不正确，请重新扫描或核对卡号' })
    // With card ranges set, pre-printed numbers need no check digit here: Go checks the ranges.
    expect(checkCardNumber('800000011', true)).toEqual({ ok: true, number: '800000011' })
    expect(checkCardNumber('12345', true)).toMatchObject({ problem: 'length' })
    // Spaces inside and around are dropped, as Go does.
    expect(checkCardNumber(' 8000 0001 0 ')).toEqual({ ok: true, number: '800000010' })
  })

  test('card prefix: 1 to 6 digits', () => {
    expect(cardPrefixProblem('8')).toBe(false)
    expect(cardPrefixProblem('886600')).toBe(false)
    expect(cardPrefixProblem('')).toBe(true)
    expect(cardPrefixProblem('1234567')).toBe(true)
    expect(cardPrefixProblem('8a')).toBe(true)
  })
})
