// Mobile numbers as people type or paste them, normalised exactly as Go does (backend/customers/phone.go),
// so the form can say what is wrong before the server is asked.

export const MOBILE_ERRORS = {
  chars: '手机号只能包含数字',
  length: '手机号应为11位数字',
  prefix: '手机号应以1开头，第二位为3到9',
} as const

export type MobileResult = { ok: true; mobile: string } | { ok: false; error: string; kind: keyof typeof MOBILE_ERRORS }

/** toHalfWidth maps full-width ASCII (０-９, ＋, －, （）) and the ideographic space to plain ASCII. */
export function toHalfWidth(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c === 0x3000) out += ' '
    else if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0)
    else out += ch
  }
  return out
}

const isDigits = (s: string) => /^[0-9]+$/.test(s)

/**
 * normalizeMobile accepts spaces, dashes, brackets, full-width digits, a +86/0086/86 prefix and the
 * "13800138000.0" a spreadsheet makes of a number. An empty input is allowed and gives "".
 */
export function normalizeMobile(raw: string): MobileResult {
  let s = toHalfWidth(raw).trim()
  if (s === '') return { ok: true, mobile: '' }
  const dot = s.indexOf('.')
  if (dot > 0 && /^0*$/.test(s.slice(dot + 1)) && isDigits(s.slice(0, dot))) {
    s = s.slice(0, dot)
  }
  let d = ''
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch >= '0' && ch <= '9') d += ch
    else if (ch === ' ' || ch === '-' || ch === '(' || ch === ')' || ch === '\t') continue
    else if (ch === '+' && i === 0) continue
    else return { ok: false, kind: 'chars', error: MOBILE_ERRORS.chars }
  }
  if (d.length === 15 && d.startsWith('0086')) d = d.slice(4)
  else if (d.length === 13 && d.startsWith('86')) d = d.slice(2)
  if (d.length !== 11) return { ok: false, kind: 'length', error: MOBILE_ERRORS.length }
  if (!/^1[3-9][0-9]{9}$/.test(d)) return { ok: false, kind: 'prefix', error: MOBILE_ERRORS.prefix }
  return { ok: true, mobile: d }
}

/**
 * mobileError is what the form shows under the mobile field. While the clerk is still typing
 * (finished = false) only a wrong character is reported; a short number is not an error yet.
 */
export function mobileError(raw: string, finished: boolean): string {
  const r = normalizeMobile(raw)
  if (r.ok) return ''
  if (!finished && r.kind !== 'chars') {
    // Too many digits is wrong however the typing ends.
    const digits = toHalfWidth(raw).replace(/[^0-9]/g, '')
    if (digits.length > 15) return r.error
    return ''
  }
  return r.error
}

/** maskMobile shows 138****8000, for staff who may not see full numbers. */
export function maskMobile(m: string): string {
  return m.length === 11 ? m.slice(0, 3) + '****' + m.slice(7) : m
}
