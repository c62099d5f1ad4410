// How the counter splits a purchase between stored value (储值) and one other method. Go checks the
// same again: the parts add up to the amount due, each is positive, stored value within the balance.
import type { Method, PayMethod } from '@/api/wallet'

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
