import { describe, expect, test } from 'vitest'
import { defaultListQuery, hasFilters, listQueryFromRoute, routeQueryFromList } from './listQuery'

describe('customer list state ⇄ URL query', () => {
  test('an empty URL is the default list: active customers, newest first, 20 a page', () => {
    expect(listQueryFromRoute({})).toEqual(defaultListQuery())
    expect(routeQueryFromList(defaultListQuery())).toEqual({})
  })

  test('a bookmarked list reopens exactly', () => {
    const q = { ...defaultListQuery(), district: '武侯区', kind: '终端门店', source: '转介绍', gender: 'F' as const, ownerStaffId: 3, archived: 'all' as const, sort: 'name' as const, desc: true, page: 4, pageSize: 50 }
    const url = routeQueryFromList(q)
    expect(url).toEqual({ district: '武侯区', kind: '终端门店', source: '转介绍', gender: 'F', owner: '3', status: 'all', sort: 'name', order: 'desc', page: '4', size: '50' })
    expect(listQueryFromRoute(url as Record<string, string>)).toEqual(q)
  })

  test('tag and segment filters round-trip through the URL', () => {
    const q = { ...defaultListQuery(), tagIds: [3, 7], segmentId: 2 }
    const url = routeQueryFromList(q)
    expect(url).toEqual({ tags: '3,7', segment: '2' })
    expect(listQueryFromRoute(url as Record<string, string>)).toEqual(q)
    expect(listQueryFromRoute({ tags: '3,x,-1,3,9', segment: 'abc' })).toMatchObject({ tagIds: [3, 9], segmentId: 0 })
    expect(hasFilters({ ...defaultListQuery(), tagIds: [1] })).toBe(true)
    expect(hasFilters({ ...defaultListQuery(), segmentId: 1 })).toBe(true)
  })

  test('names sort A→Z and times newest first unless the URL says otherwise', () => {
    expect(listQueryFromRoute({ sort: 'name' }).desc).toBe(false)
    expect(listQueryFromRoute({ sort: 'updated' }).desc).toBe(true)
    expect(listQueryFromRoute({ sort: 'updated', order: 'asc' }).desc).toBe(false)
    expect(routeQueryFromList({ ...defaultListQuery(), sort: 'district', desc: false })).toEqual({ sort: 'district' })
  })

  test('a hand-edited or stale URL falls back to defaults instead of failing', () => {
    const q = listQueryFromRoute({ sort: 'price', page: '-2', size: '37', status: 'deleted', gender: 'X', owner: 'abc', kind: '路人' })
    expect(q).toEqual(defaultListQuery())
  })

  test('repeated parameters use the first', () => {
    expect(listQueryFromRoute({ district: ['锦江区', '武侯区'] }).district).toBe('锦江区')
  })

  test('hasFilters tells an empty archive from a filter that matched nobody', () => {
    expect(hasFilters(defaultListQuery())).toBe(false)
    expect(hasFilters({ ...defaultListQuery(), sort: 'name', page: 3 })).toBe(false)
    expect(hasFilters({ ...defaultListQuery(), archived: 'archived' })).toBe(true)
  })
})
