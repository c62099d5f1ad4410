import { call } from './transport'

/**
 * segments.Node: a group (op and items) or a condition (field, cmp and the value the field needs:
 * text for districts, kinds, dates…; num for ids, 元, counts, months; days for "last N days").
 */
export interface SegmentNode {
  op?: 'AND' | 'OR'
  items?: SegmentNode[]
  field?: string
  cmp?: string
  text?: string
  num?: number | null
  days?: number | null
}

export interface Segment {
  id: number
  name: string
  description: string
  definition: SegmentNode
  /** Active customers it finds now; -1 when its definition no longer counts. */
  count: number
  updatedAt: string
}

export interface SegmentInput {
  name: string
  description: string
  definition: SegmentNode
}

export function list(): Promise<Segment[]> {
  return call<Segment[]>('Segments', 'List')
}

export function get(id: number): Promise<Segment> {
  return call<Segment>('Segments', 'Get', id)
}

export function count(def: SegmentNode): Promise<number> {
  return call<number>('Segments', 'Count', def)
}

export function save(id: number, input: SegmentInput): Promise<Segment> {
  return call<Segment>('Segments', 'Save', id, input)
}

export function remove(id: number): Promise<Segment> {
  return call<Segment>('Segments', 'Delete', id)
}
