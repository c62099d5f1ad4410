// VIP card numbers, checked exactly as Go does (backend/members/cards.go): digits only, 6 to 20 long,
// the last digit a Luhn check digit. A scanner types the number and Enter; a person may add spaces.

export const CARD_ERRORS = {
  required: '请扫描或输入卡号',
  chars: '卡号只能包含数字',
  length: '卡号应为6到20位数字',
  check: '卡号校验位不正确，请重新扫描或核对卡号',
} as const

export type CardProblem = keyof typeof CARD_ERRORS

/** luhnDigit is the check digit that makes payload + digit pass the Luhn test. */
export function luhnDigit(payload: string): string {
  let sum = 0
  let double = true
  for (let i = payload.length - 1; i >= 0; i--) {
    let d = payload.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return String((10 - (sum % 10)) % 10)
}

/** validCardNumber: all digits, 6 to 20 of them, with a correct check digit. */
export function validCardNumber(n: string): boolean {
  if (n.length < 6 || n.length > 20 || !/^[0-9]+$/.test(n)) return false
  return luhnDigit(n.slice(0, -1)) === n[n.length - 1]
}

/** normalizeCardNumber trims and drops spaces, as Go does before checking. */
export function normalizeCardNumber(raw: string): string {
  return raw.trim().replaceAll(' ', '')
}

export type CardCheck = { ok: true; number: string } | { ok: false; problem: CardProblem; error: string }

/**
 * checkCardNumber says what is wrong with a typed or scanned number, in Go's words. With card ranges
 * set (rangesSet), a number needs no check digit here: which range it belongs to, and whether that
 * range wants one, is Go's answer (members.CardChecker), which names the ranges.
 */
export function checkCardNumber(raw: string, rangesSet = false): CardCheck {
  const n = normalizeCardNumber(raw)
  let problem: CardProblem | null = null
  if (n === '') problem = 'required'
  else if (!/^[0-9]+$/.test(n)) problem = 'chars'
  else if (n.length < 6 || n.length > 20) problem = 'length'
  else if (!rangesSet && !validCardNumber(n)) problem = 'check'
  return problem ? { ok: false, problem, error: CARD_ERRORS[problem] } : { ok: true, number: n }
}

/** withCheckDigit appends the Luhn digit: what a generated number looks like (prefix + sequence + check). */
export function withCheckDigit(payload: string): string {
  return payload + luhnDigit(payload)
}

/** sampleCardNumber is the first number a prefix gives: prefix, a 7-digit sequence, the check digit. */
export function sampleCardNumber(prefix: string, seq = 1): string {
  return withCheckDigit(prefix + String(seq).padStart(7, '0'))
}

/** cardPrefixProblem mirrors SaveCardPrefix: 1 to 6 digits. */
export function cardPrefixProblem(prefix: string): boolean {
  const p = prefix.trim()
  return !/^[0-9]{1,6}$/.test(p)
}
