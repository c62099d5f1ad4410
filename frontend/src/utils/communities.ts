// Pure helpers of the community (社群) pages: tree order, masking for the projector, split and
// pool texts.

export interface TreeNode {
  id: number
  parentId: number
}

/** treeOrder puts each node right after its parent (depth-first), the roots' children first. */
export function treeOrder<T extends TreeNode>(nodes: T[], rootIds: number[]): { node: T; depth: number }[] {
  const kids = new Map<number, T[]>()
  for (const n of nodes) {
    const list = kids.get(n.parentId) ?? []
    list.push(n)
    kids.set(n.parentId, list)
  }
  const out: { node: T; depth: number }[] = []
  const seen = new Set<T>()
  const walk = (parent: number, depth: number) => {
    for (const n of kids.get(parent) ?? []) {
      if (seen.has(n)) continue
      seen.add(n)
      out.push({ node: n, depth })
      if (n.id !== parent) walk(n.id, depth + 1)
    }
  }
  for (const r of rootIds) walk(r, 0)
  for (const n of nodes) if (!seen.has(n)) out.push({ node: n, depth: 0 })
  return out
}

/** maskMobile shows 138****8000 on a projector; anything not an 11-digit mobile shows only its tail. */
export function maskMobile(m: string): string {
  if (/^\d{11}$/.test(m)) return `${m.slice(0, 3)}****${m.slice(7)}`
  if (m.includes('*')) return m
  return m.length > 4 ? `****${m.slice(-4)}` : m
}

/** maskName keeps the surname for the big screen: 张三丰 → 张**. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  return chars[0] + '*'.repeat(chars.length - 1)
}

/** splitText summarises a split plan: "锦江区 80 · 武侯区 70 · 其他 3 类 20". */
export function splitText(buckets: { value: string; count: number }[], shown = 4): string {
  const head = buckets.slice(0, shown).map((b) => `${b.value} ${b.count}`)
  const rest = buckets.slice(shown)
  if (rest.length) head.push(`其他 ${rest.length} 类 ${rest.reduce((s, b) => s + b.count, 0)}`)
  return head.join(' · ')
}

/** prizeCount is how many winners the prize lines ask for. */
export function prizeCount(prizes: { giftId: number; count: number }[]): number {
  return prizes.reduce((s, p) => s + (p.giftId && p.count > 0 ? p.count : 0), 0)
}

/** drawProblem says, before drawing, why it cannot work; '' when it can. */
export function drawProblem(eligible: number, prizes: { giftId: number; count: number }[]): '' | 'noPrize' | 'emptyPool' | 'tooManyPrizes' {
  const need = prizeCount(prizes)
  if (need === 0) return 'noPrize'
  if (eligible === 0) return 'emptyPool'
  if (need > eligible) return 'tooManyPrizes'
  return ''
}
