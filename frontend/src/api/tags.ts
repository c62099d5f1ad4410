import { call } from './transport'
import type { SegmentNode } from './segments'

/** tags.Tag. A smart tag has a rule (one segment condition); manual tags have rule null. */
export interface Tag {
  id: number
  name: string
  colour: string
  group: string
  kind: 'manual' | 'smart'
  rule: SegmentNode | null
  /** Active customers carrying it (0 in a customer's own chip list). */
  count: number
  computedAt: string
}

export interface TagInput {
  name: string
  colour: string
  group: string
  rule: SegmentNode | null
}

/** tags.Progress, emitted as "tags:progress" while smart tags are recomputed. */
export interface TagsProgress {
  done: number
  total: number
  tag: string
}

export interface BulkResult {
  tag: Tag
  changed: number
}

export function list(): Promise<Tag[]> {
  return call<Tag[]>('Tags', 'List')
}

export function of(customerId: number): Promise<Tag[]> {
  return call<Tag[]>('Tags', 'Of', customerId)
}

export function save(id: number, input: TagInput): Promise<Tag> {
  return call<Tag>('Tags', 'Save', id, input)
}

export function remove(id: number): Promise<Tag> {
  return call<Tag>('Tags', 'Delete', id)
}

export function apply(tagId: number, customerIds: number[]): Promise<BulkResult> {
  return call<BulkResult>('Tags', 'Apply', tagId, customerIds)
}

export function untag(tagId: number, customerIds: number[]): Promise<BulkResult> {
  return call<BulkResult>('Tags', 'Remove', tagId, customerIds)
}

/** refresh recomputes smart tags only if their data changed since last time; true if it did. */
export function refresh(): Promise<boolean> {
  return call<boolean>('Tags', 'Refresh')
}

export function recompute(): Promise<void> {
  return call<void>('Tags', 'Recompute')
}
