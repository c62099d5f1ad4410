import { describe, expect, test } from 'vitest'
import { changeField, countHint, FIELDS, isGroup, needsDays, newCondition, newGroup, tagIdsIn, valueKind } from './segments'

describe('segment builder catalogue', () => {
  test('a new condition starts at the field’s first comparison with its default days', () => {
    expect(newCondition('spend')).toEqual({ field: 'spend', cmp: 'gte', text: '', num: null, days: 365 })
    expect(newCondition('tag')).toEqual({ field: 'tag', cmp: 'has', text: '', num: null, days: null })
  })

  test('the value widget follows the comparison for last purchase', () => {
    expect(valueKind({ field: 'lastPurchase', cmp: 'before' })).toBe('date')
    expect(valueKind({ field: 'lastPurchase', cmp: 'within' })).toBe('days')
    expect(needsDays({ field: 'spend', cmp: 'lte' })).toBe(true)
    expect(needsDays({ field: 'tag', cmp: 'has' })).toBe(false)
  })

  test('changing the field clears values that no longer fit', () => {
    const n = { field: 'district', cmp: 'ne', text: '锦江区', num: null, days: null }
    changeField(n, 'events')
    expect(n).toEqual({ field: 'events', cmp: 'gte', text: '', num: null, days: null })
  })

  test('every field offers at least one comparison', () => {
    for (const [k, f] of Object.entries(FIELDS)) expect(f.cmps.length, k).toBeGreaterThan(0)
  })

  test('the ~200 hint fires below 50 and above 500 only', () => {
    const g = (n: number | null) => countHint(n, true)
    expect([g(null), g(49), g(50), g(200), g(500), g(501)]).toEqual(['', 'small', '', '', '', 'large'])
  })

  test('a segment not meant for a 社群 gets no group-size hint', () => {
    expect([countHint(12, false), countHint(180, false), countHint(5000, false)]).toEqual(['', '', ''])
  })

  test('groups and the tags a definition uses', () => {
    const def = newGroup('AND', { field: 'tag', cmp: 'has', num: 3 })
    def.items!.push(newGroup('OR', { field: 'tag', cmp: 'not', num: 5 }), { field: 'tag', cmp: 'has', num: 3 })
    expect(isGroup(def)).toBe(true)
    expect(isGroup(def.items![0])).toBe(false)
    expect(tagIdsIn(def)).toEqual([3, 5])
  })
})
