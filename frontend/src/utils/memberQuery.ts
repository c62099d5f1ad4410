// The member list's state (level filter, page, page size) in the URL query, like the customer list.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { MemberQuery } from '@/api/members'
import { PAGE_SIZES, ids } from './listQuery'
import { KINDS } from '@/api/customers'

export function defaultMemberQuery(): MemberQuery {
  return { levelId: 0, kind: '', tagIds: [], page: 1, pageSize: 20 }
}

function one(v: LocationQuery[string] | undefined): string {
  if (Array.isArray(v)) return v[0] ?? ''
  return v ?? ''
}

function positiveInt(s: string): number {
  return /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : 0
}

export function memberQueryFromRoute(query: LocationQuery): MemberQuery {
  const q = defaultMemberQuery()
  q.levelId = positiveInt(one(query.level))
  q.tagIds = ids(one(query.tags))
  const kind = one(query.kind)
  q.kind = (KINDS as readonly string[]).includes(kind) ? kind : ''
  q.page = positiveInt(one(query.page)) || 1
  const size = positiveInt(one(query.size))
  q.pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 20
  return q
}

export function routeQueryFromMember(q: MemberQuery): LocationQueryRaw {
  const out: Record<string, string> = {}
  if (q.levelId) out.level = String(q.levelId)
  if (q.tagIds.length) out.tags = q.tagIds.join(',')
  if (q.kind) out.kind = q.kind
  if (q.page > 1) out.page = String(q.page)
  if (q.pageSize !== 20) out.size = String(q.pageSize)
  return out
}
