// Money as people type it (¥ amounts, yuan) and as Go keeps it (integer fen). Display is formatMoney
// in format.ts (¥1,234.00); this is the way in.
import { toHalfWidth } from './phone'

export type MoneyProblem = 'moneyFormat' | 'moneyDecimals' | 'moneyNegative' | 'moneyTooLarge'

/** The largest amount a form accepts: ¥100,000,000.00, far below what a float holds exactly. */
export const MAX_FEN = 10_000_000_000

export type MoneyResult = { ok: true; fen: number | null } | { ok: false; problem: MoneyProblem }

/**
 * parseYuan reads "1234", "1,234.5", "¥1234.50", "￥ 12", "１２３" (full width) or ".5" as fen.
 * Blank is fen null (the caller decides whether that is allowed). No floating point is involved:
 * "0.1" + "0.2" style rounding cannot creep in.
 */
export function parseYuan(raw: string): MoneyResult {
  let s = toHalfWidth(raw).trim().replace(/^[¥￥]/, '').replaceAll(',', '').replaceAll(' ', '')
  if (s === '') return { ok: true, fen: null }
  if (s.startsWith('-')) return /^-[0-9]*\.?[0-9]*$/.test(s) && /[0-9]/.test(s) ? { ok: false, problem: 'moneyNegative' } : { ok: false, problem: 'moneyFormat' }
  if (s.startsWith('+')) s = s.slice(1)
  const m = /^([0-9]*)(?:\.([0-9]*))?$/.exec(s)
  if (!m || (m[1] === '' && !m[2])) return { ok: false, problem: 'moneyFormat' }
  const cents = m[2] ?? ''
  if (cents.length > 2) return { ok: false, problem: 'moneyDecimals' }
  const whole = m[1].replace(/^0+(?=[0-9])/, '')
  if (whole.length > 9) return { ok: false, problem: 'moneyTooLarge' }
  const fen = Number(whole || '0') * 100 + Number(cents.padEnd(2, '0'))
  if (fen > MAX_FEN) return { ok: false, problem: 'moneyTooLarge' }
  return { ok: true, fen }
}

/** yuanText is fen as a form shows it for editing: 123400 → "1234", 123450 → "1234.50", null → "". */
export function yuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || Number.isNaN(fen)) return ''
  const neg = fen < 0
  const abs = Math.abs(Math.round(fen))
  const whole = Math.floor(abs / 100)
  const cents = abs % 100
  return (neg ? '-' : '') + (cents ? `${whole}.${String(cents).padStart(2, '0')}` : String(whole))
}

/** formatPoints: 1234 → "1,234"; signed adds "+" to gains, as ledgers show them. */
export function formatPoints(n: number, signed = false): string {
  const s = Math.abs(n).toLocaleString('en-US')
  if (n < 0) return '-' + s
  return (signed && n > 0 ? '+' : '') + s
}

/** discountText: a discount as 折, the way shops say it: 95 → "9.5折", 90 → "9折", 100 (none) → "". */
export function discountText(pct: number): string {
  if (pct >= 100) return ''
  const z = pct / 10
  return (Number.isInteger(z) ? String(z) : z.toFixed(1).replace(/0$/, '')) + '折'
}
