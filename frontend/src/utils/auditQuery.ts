// The operation log's filters and page live in the URL, like the customer list's.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { AuditFilter } from '@/api/staff'
import { PAGE_SIZES } from './listQuery'

export function defaultAuditFilter(): AuditFilter {
  return { staffId: 0, action: '', target: '', from: '', to: '', page: 1, pageSize: 20 }
}

function one(v: LocationQuery[string] | undefined): string {
  if (Array.isArray(v)) return v[0] ?? ''
  return v ?? ''
}

function positiveInt(s: string): number {
  return /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : 0
}

function date(s: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : ''
}

export function auditFilterFromRoute(query: LocationQuery): AuditFilter {
  const f = defaultAuditFilter()
  f.staffId = positiveInt(one(query.staff))
  f.action = one(query.action)
  f.target = one(query.target)
  f.from = date(one(query.from))
  f.to = date(one(query.to))
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from]
  f.page = positiveInt(one(query.page)) || 1
  const size = positiveInt(one(query.size))
  f.pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 20
  return f
}

export function routeQueryFromAudit(f: AuditFilter): LocationQueryRaw {
  const out: Record<string, string> = {}
  if (f.staffId) out.staff = String(f.staffId)
  if (f.action) out.action = f.action
  if (f.target.trim()) out.target = f.target.trim()
  if (f.from) out.from = f.from
  if (f.to) out.to = f.to
  if (f.page > 1) out.page = String(f.page)
  if (f.pageSize !== 20) out.size = String(f.pageSize)
  return out
}

export function auditHasFilters(f: AuditFilter): boolean {
  return !!(f.staffId || f.action || f.target || f.from || f.to)
}
