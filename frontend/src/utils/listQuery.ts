// The customer list's state (filters, sort, page) lives in the URL query so a list can be
// bookmarked and reopened. Defaults are left out of the URL; anything unreadable falls back to them.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { KINDS, type ArchivedFilter, type Gender, type ListQuery, type SortKey } from '@/api/customers'

export const PAGE_SIZES = [20, 50, 100] as const
const SORTS: SortKey[] = ['created', 'updated', 'name', 'district']

export function defaultListQuery(): ListQuery {
  return { district: '', kind: '', source: '', gender: '', ownerStaffId: 0, tagIds: [], segmentId: 0, archived: '', sort: 'created', desc: true, page: 1, pageSize: 20 }
}

function one(v: LocationQuery[string] | undefined): string {
  if (Array.isArray(v)) return v[0] ?? ''
  return v ?? ''
}

function positiveInt(s: string): number {
  return /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : 0
}

/** listQueryFromRoute reads the list state from a route's query. */
export function listQueryFromRoute(query: LocationQuery): ListQuery {
  const q = defaultListQuery()
  q.district = one(query.district)
  const kind = one(query.kind)
  q.kind = (KINDS as readonly string[]).includes(kind) ? kind : ''
  q.source = one(query.source)
  const g = one(query.gender)
  q.gender = (g === 'M' || g === 'F' ? g : '') as Gender
  q.ownerStaffId = positiveInt(one(query.owner))
  q.tagIds = ids(one(query.tags))
  q.segmentId = positiveInt(one(query.segment))
  const st = one(query.status)
  q.archived = (st === 'archived' || st === 'all' ? st : '') as ArchivedFilter
  const sort = one(query.sort) as SortKey
  if (SORTS.includes(sort)) q.sort = sort
  const order = one(query.order)
  if (order === 'asc') q.desc = false
  else if (order === 'desc') q.desc = true
  else q.desc = defaultDesc(q.sort)
  q.page = positiveInt(one(query.page)) || 1
  const size = positiveInt(one(query.size))
  q.pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 20
  return q
}

/** ids reads "3,7" as [3, 7], dropping anything that is not a positive id. */
export function ids(s: string): number[] {
  return [...new Set(s.split(',').map(positiveInt).filter((n) => n > 0))]
}

/** defaultDesc: newest first for times, A→Z for names and districts. */
export function defaultDesc(sort: SortKey): boolean {
  return sort === 'created' || sort === 'updated'
}

/** routeQueryFromList writes the list state as a route query, leaving defaults out. */
export function routeQueryFromList(q: ListQuery): LocationQueryRaw {
  const out: Record<string, string> = {}
  if (q.district) out.district = q.district
  if (q.kind) out.kind = q.kind
  if (q.source) out.source = q.source
  if (q.gender) out.gender = q.gender
  if (q.ownerStaffId) out.owner = String(q.ownerStaffId)
  if (q.tagIds.length) out.tags = q.tagIds.join(',')
  if (q.segmentId) out.segment = String(q.segmentId)
  if (q.archived) out.status = q.archived
  if (q.sort !== 'created') out.sort = q.sort
  if (q.desc !== defaultDesc(q.sort)) out.order = q.desc ? 'desc' : 'asc'
  if (q.page > 1) out.page = String(q.page)
  if (q.pageSize !== 20) out.size = String(q.pageSize)
  return out
}

/** hasFilters tells an empty archive from a filter that matched nobody. */
export function hasFilters(q: ListQuery): boolean {
  return !!(q.district || q.kind || q.source || q.gender || q.ownerStaffId || q.tagIds.length || q.segmentId || q.archived)
}
