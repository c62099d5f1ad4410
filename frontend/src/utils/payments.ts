// How the counter splits a purchase between stored value (储值) and one other method. Go checks the
// same again: the parts add up to the amount due, each is positive, stored value within the balance.
import type { Method, PayMethod } from '@/api/wallet'
import { parseYuan } from './money'

export interface Payment {
  method: PayMethod
  amountFen: number
}

/** paymentsFor is what a purchase sends: the stored part (if any) and the rest by `other`. */
export function paymentsFor(totalFen: number, storedFen: number, other: Method): Payment[] {
  const stored = Math.max(0, Math.min(storedFen, totalFen))
  const out: Payment[] = []
  if (stored > 0) out.push({ method: 'stored', amountFen: stored })
  if (totalFen - stored > 0) out.push({ method: other, amountFen: totalFen - stored })
  return out
}

/** shortfall is how much the stored-value part exceeds the balance (0 when it fits). */
export function shortfall(storedFen: number, balanceFen: number): number {
  return Math.max(0, storedFen - balanceFen)
}

/** amountDue is what the payments must add up to: the total, less what the coupons take off once Go
 * has answered for them (no coupons, or no answer yet, leaves the total). */
export function amountDue(totalFen: number, coupons: { discountFen: number; dueFen: number } | null): number {
  return coupons ? coupons.dueFen : totalFen
}

/** signedFen is a typed adjustment in fen, negative when the balance goes down; 0 when blank or bad. */
export function signedFen(raw: string, direction: 'up' | 'down'): number {
  const p = parseYuan(raw)
  const fen = p.ok ? p.fen ?? 0 : 0
  return direction === 'down' && fen ? -fen : fen
}

/** adjustProblem is the message key for a typed adjustment that cannot be booked: a bad amount, or
 * taking more off a balance than it holds. '' when it is fine (blank is fine: that balance stays). */
export function adjustProblem(raw: string, direction: 'up' | 'down', haveFen: number): string {
  const p = parseYuan(raw)
  if (!p.ok) return `validate.${p.problem}`
  if (direction === 'down' && (p.fen ?? 0) > haveFen) return 'wallet.adjust.belowZero'
  return ''
}
