import { expect, test } from 'vitest'
import { auditFilterFromRoute, auditHasFilters, defaultAuditFilter, routeQueryFromAudit } from './auditQuery'

test('defaults stay out of the URL and come back the same', () => {
  expect(routeQueryFromAudit(defaultAuditFilter())).toEqual({})
  expect(auditFilterFromRoute({})).toEqual(defaultAuditFilter())
  expect(auditHasFilters(defaultAuditFilter())).toBe(false)
})

test('a filtered page round-trips', () => {
  const f = { staffId: 3, action: '停用客户', target: '张三', from: '2026-11-01', to: '2026-11-23', page: 2, pageSize: 50 }
  const q = routeQueryFromAudit(f)
  expect(q).toEqual({ staff: '3', action: '停用客户', target: '张三', from: '2026-11-01', to: '2026-11-23', page: '2', size: '50' })
  expect(auditFilterFromRoute(q as Record<string, string>)).toEqual(f)
  expect(auditHasFilters(f)).toBe(true)
})

test('unreadable values fall back; reversed dates are put in order', () => {
  const f = auditFilterFromRoute({ staff: 'x', from: '2026-13', page: '-1', size: '33' })
  expect(f).toEqual(defaultAuditFilter())
  const r = auditFilterFromRoute({ from: '2026-11-23', to: '2026-11-01' })
  expect([r.from, r.to]).toEqual(['2026-11-01', '2026-11-23'])
})
