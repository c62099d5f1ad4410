// The settlement form against the brand programme's terms: which entered figures differ from what the
// programme computes (each difference needs the manager's reason, as Go checks again).
import type { Gift, Terms } from '@/api/banquets'

export interface Entered { gifts: Gift[]; rebateOutletFen: number; rebateHostFen: number }

/** giftQuantity is a gift row's quantity: per table × tables, or the quantity of an extra gift. */
export function giftQuantity(g: Gift, tables: number): number {
  return g.perTable > 0 ? g.perTable * tables : g.quantity
}

/** termsDiffer lists the differences between what is entered and what the programme computed. */
export function termsDiffer(e: Entered, t: Terms | null, tables: number): string[] {
  if (!t || !t.programme) return []
  const out: string[] = []
  if (e.rebateOutletFen !== t.rebateOutletFen) out.push('rebateOutlet')
  if (e.rebateHostFen !== t.rebateHostFen) out.push('rebateHost')
  const sum = (gs: Gift[]) => {
    const m = new Map<string, number>()
    for (const g of gs) if (g.name.trim()) m.set(g.name.trim(), (m.get(g.name.trim()) ?? 0) + giftQuantity(g, tables))
    return m
  }
  const a = sum(e.gifts)
  const b = sum(t.gifts)
  for (const name of new Set([...a.keys(), ...b.keys()])) if ((a.get(name) ?? 0) !== (b.get(name) ?? 0)) out.push(`gift:${name}`)
  return out
}
