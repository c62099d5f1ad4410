// The segment builder's catalogue: which comparisons each field offers and which widget its value
// needs. Mirrors backend/segments/node.go; the server validates again and names the condition.
import type { SegmentNode } from '@/api/segments'

export type ValueKind = 'none' | 'tag' | 'level' | 'district' | 'kind' | 'gender' | 'source' | 'category'
  | 'amount' | 'count' | 'month' | 'date' | 'days'

interface FieldSpec {
  cmps: string[]
  value: (cmp: string) => ValueKind
  /** "in the last N days" alongside the value (spend). */
  days?: boolean
  defaultDays?: number
}

const fixed = (cmps: string[], v: ValueKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({ cmps, value: () => v, ...extra })

export const FIELDS: Record<string, FieldSpec> = {
  tag: fixed(['has', 'not'], 'tag'),
  level: fixed(['is', 'not'], 'level'),
  district: fixed(['eq', 'ne'], 'district'),
  kind: fixed(['eq', 'ne'], 'kind'),
  gender: fixed(['eq', 'ne'], 'gender'),
  source: fixed(['eq', 'ne'], 'source'),
  spend: fixed(['gte', 'lte'], 'amount', { days: true, defaultDays: 365 }),
  /** All-time spend net of refunds, with the undated opening spend an import brought (期初累计消费). */
  totalSpend: fixed(['gte', 'lte'], 'amount'),
  lastPurchase: { cmps: ['within', 'notWithin', 'olderThan', 'before', 'after'], value: (c) => (c === 'before' || c === 'after' ? 'date' : 'days'), defaultDays: 180 },
  created: fixed(['after', 'before'], 'date'),
  birthMonth: fixed(['eq'], 'month'),
  events: fixed(['gte'], 'count'),
  points: fixed(['gte'], 'count'),
  referrals: fixed(['gte'], 'count'),
  category: fixed(['bought'], 'category'),
  service: fixed(['bought'], 'none'),
}

export const FIELD_KEYS = Object.keys(FIELDS)

/** The conditions a smart tag's rule may use (tags.SmartFields). */
export const SMART_FIELDS = ['spend', 'totalSpend', 'lastPurchase', 'events', 'referrals', 'category', 'service', 'birthMonth', 'level']

export const KINDS = ['个人', '终端门店', '企业']
export const CATEGORIES = ['白酒', '葡萄酒', '啤酒', '洋酒', '黄酒', '服务']

export function valueKind(n: SegmentNode): ValueKind {
  const f = FIELDS[n.field ?? '']
  return f ? f.value(n.cmp ?? '') : 'none'
}

export function needsDays(n: SegmentNode): boolean {
  return !!FIELDS[n.field ?? '']?.days || valueKind(n) === 'days'
}

/** newCondition is a fresh condition on field with its first comparison and sensible defaults. */
export function newCondition(field = 'tag'): SegmentNode {
  const f = FIELDS[field]
  return { field, cmp: f.cmps[0], text: '', num: null, days: f.defaultDays ?? null }
}

/** changeField keeps the node's place but resets what no longer fits the new field. */
export function changeField(n: SegmentNode, field: string): void {
  Object.assign(n, newCondition(field))
}

export function newGroup(op: 'AND' | 'OR' = 'AND', first: SegmentNode = newCondition()): SegmentNode {
  return { op, items: [first] }
}

export function isGroup(n: SegmentNode): boolean {
  return !!n.op || Array.isArray(n.items)
}

/**
 * countHint: a community works best with about 200 people. Only a segment meant for a 社群 gets the
 * hint: a segment of 30 big spenders for a tasting is not too small.
 */
export function countHint(n: number | null, forGroup: boolean): '' | 'small' | 'large' {
  if (!forGroup || n === null || n < 0) return ''
  if (n < 50) return 'small'
  if (n > 500) return 'large'
  return ''
}

/** tagIdsIn lists the tags a definition refers to, so the builder can show their names. */
export function tagIdsIn(n: SegmentNode): number[] {
  if (isGroup(n)) return [...new Set((n.items ?? []).flatMap(tagIdsIn))]
  return n.field === 'tag' && n.num ? [n.num] : []
}
