import { describe, expect, test } from 'vitest'
import { parseFieldPath } from './fieldPath'
import { newRequestKey } from './requestKey'
import { defaultMemberQuery, memberQueryFromRoute, routeQueryFromMember } from './memberQuery'

describe('Go field paths', () => {
  test('plain, indexed and nested', () => {
    expect(parseFieldPath('mobile')).toEqual({ name: 'mobile', index: -1, sub: '' })
    expect(parseFieldPath('lines[0].qty')).toEqual({ name: 'lines', index: 0, sub: 'qty' })
    expect(parseFieldPath('levels[12].upgradeFen')).toEqual({ name: 'levels', index: 12, sub: 'upgradeFen' })
    expect(parseFieldPath('lines')).toEqual({ name: 'lines', index: -1, sub: '' })
    expect(parseFieldPath('')).toEqual({ name: '', index: -1, sub: '' })
  })
})

describe('request keys', () => {
  test('one new key per form opening', () => {
    const a = newRequestKey()
    const b = newRequestKey()
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(a).not.toBe(b)
  })
})

describe('member list state in the URL', () => {
  test('defaults stay out of the URL; a round trip keeps the rest', () => {
    expect(routeQueryFromMember(defaultMemberQuery())).toEqual({})
    const q = { levelId: 2, kind: '终端门店', tagIds: [4, 5], page: 3, pageSize: 50 }
    expect(routeQueryFromMember(q)).toEqual({ level: '2', kind: '终端门店', tags: '4,5', page: '3', size: '50' })
    expect(memberQueryFromRoute({ level: '2', kind: '终端门店', tags: '4,5', page: '3', size: '50' })).toEqual(q)
  })

  test('anything unreadable falls back to the defaults', () => {
    expect(memberQueryFromRoute({ level: 'x', page: '-1', size: '30' })).toEqual(defaultMemberQuery())
    expect(memberQueryFromRoute({ level: ['3', '4'], kind: '路人' })).toEqual({ levelId: 3, kind: '', tagIds: [], page: 1, pageSize: 20 })
  })
})
