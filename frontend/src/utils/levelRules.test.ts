import { describe, expect, test } from 'vitest'
import { LEVEL_COLOURS, levelListProblem, levelProblems, newLevelDraft, removeBlock, type LevelDraft } from './levelRules'

const defaults = (): LevelDraft[] => [
  { id: 1, name: '普卡', colour: '#909399', upgrade: '0', keep: '0', multiplierPct: 100, discountPct: 100, birthdayPoints: 0, members: 0 },
  { id: 2, name: '银卡', colour: '#8c9eb5', upgrade: '5000', keep: '3000', multiplierPct: 120, discountPct: 98, birthdayPoints: 200, members: 0 },
  { id: 3, name: '金卡', colour: '#c9a227', upgrade: '20000', keep: '12000', multiplierPct: 150, discountPct: 95, birthdayPoints: 500, members: 0 },
  { id: 4, name: '钻石卡', colour: '#5b3fa0', upgrade: '50000', keep: '30000', multiplierPct: 200, discountPct: 90, birthdayPoints: 1000, members: 0 },
]

const keys = (rows: LevelDraft[]) => levelProblems(rows).map((r) => r.map((p) => `${p.field}:${p.key}`))

describe('level settings, checked as Go checks them', () => {
  test('the default levels are fine', () => {
    expect(keys(defaults())).toEqual([[], [], [], []])
  })

  test('thresholds must rise level by level, and keep may not exceed upgrade', () => {
    const rows = defaults()
    rows[2].upgrade = '5,000'
    rows[2].keep = '3000'
    rows[3].keep = '60000'
    const p = levelProblems(rows)
    expect(p[2]).toEqual([{ field: 'upgradeFen', key: 'levelUpgradeOrder', params: { name: '金卡', prev: '银卡' } }])
    expect(p[3]).toEqual([{ field: 'keepFen', key: 'levelKeepAbove', params: { name: '钻石卡' } }])
  })

  test('the recharge that opens a level is blank (never) or an amount', () => {
    const rows = defaults()
    rows[1].recharge = ''
    rows[2].recharge = '10000'
    rows[3].recharge = '一万'
    expect(keys(rows)).toEqual([[], [], [], ['rechargeFen:moneyFormat']])
    rows[3].recharge = '100.001'
    expect(keys(rows)[3]).toEqual(['rechargeFen:moneyDecimals'])
  })

  test('the lowest level starts at ¥0', () => {
    const rows = defaults()
    rows[0].upgrade = '100'
    expect(keys(rows)[0]).toEqual(['upgradeFen:levelFirstZero'])
  })

  test('names: required, at most 10 characters, no two alike', () => {
    const rows = defaults()
    rows[0].name = ' '
    rows[1].name = '至尊无上超级黄金白金卡'
    rows[3].name = '金卡'
    expect(keys(rows).map((r) => r[0])).toEqual(['name:levelNameRequired', 'name:levelNameTooLong', undefined, 'name:levelNameDuplicate'])
  })

  test('money typed wrongly, and the percentages out of range', () => {
    const rows = defaults()
    rows[1].upgrade = '5000.123'
    rows[1].keep = ''
    rows[1].multiplierPct = 0
    rows[1].discountPct = 101
    rows[1].birthdayPoints = -1
    expect(keys(rows)[1]).toEqual(['upgradeFen:moneyDecimals', 'keepFen:moneyRequired', 'multiplierPct:levelMultiplierRange', 'discountPct:levelDiscountRange', 'birthdayPoints:levelBirthdayNegative'])
    // The next level is not blamed for a threshold that could not be read.
    expect(keys(rows)[2]).toEqual([])
  })

  test('a new level goes above the highest: only its name is left to fill in', () => {
    const rows = defaults()
    const added = newLevelDraft(rows)
    expect(added).toMatchObject({ id: 0, name: '', upgrade: '100000', keep: '60000', multiplierPct: 100, discountPct: 100, birthdayPoints: 0, members: 0 })
    // A colour no level uses yet.
    expect(LEVEL_COLOURS.slice(4)).toContain(added.colour)
    rows.push(added)
    expect(keys(rows)).toEqual([[], [], [], [], ['name:levelNameRequired']])
    expect(levelProblems(rows)[4][0].params).toEqual({ n: 5 })
    rows[4].name = '黑金卡'
    expect(keys(rows)).toEqual([[], [], [], [], []])
    // Above a single ¥0 level, and on from a threshold that could not be read.
    expect(newLevelDraft(rows.slice(0, 1))).toMatchObject({ upgrade: '5000', keep: '3000' })
    expect(newLevelDraft([])).toMatchObject({ upgrade: '0', keep: '0' })
    rows[4].upgrade = 'abc'
    expect(newLevelDraft(rows).upgrade).toBe('5000')
  })

  test('a new level is checked against its neighbours like any other', () => {
    const rows = [...defaults(), { ...newLevelDraft(defaults()), name: '黑金卡', upgrade: '50000', keep: '60000' }]
    const p = levelProblems(rows)
    expect(p[4]).toEqual([
      { field: 'upgradeFen', key: 'levelUpgradeOrder', params: { name: '黑金卡', prev: '钻石卡' } },
      { field: 'keepFen', key: 'levelKeepAbove', params: { name: '黑金卡' } },
    ])
    rows[4].name = '钻石卡'
    expect(keys(rows)[4][0]).toBe('name:levelNameDuplicate')
  })

  test('removing a level: not the lowest, not one with members, and the rows after it move up', () => {
    const rows = defaults()
    rows[1].members = 3
    expect([0, 1, 2, 3].map((i) => removeBlock(rows, i))).toEqual(['lowest', 'hasMembers', null, null])
    // 金卡 removed: 钻石卡 is now the third level and is compared with 银卡.
    const left = rows.filter((_, i) => i !== 2)
    expect(keys(left)).toEqual([[], [], []])
    left[2].upgrade = '5000'
    left[2].keep = '0'
    expect(levelProblems(left)[2]).toEqual([{ field: 'upgradeFen', key: 'levelUpgradeOrder', params: { name: '钻石卡', prev: '银卡' } }])
    // Whichever level ends up lowest must start at ¥0, as Go checks it.
    const fromSilver = rows.slice(1)
    expect(keys(fromSilver)[0]).toEqual(['upgradeFen:levelFirstZero'])
    expect(removeBlock(rows.slice(0, 1), 0)).toBe('lowest')
  })

  test('the list may not be empty', () => {
    expect(levelListProblem([])).toBe('levelsEmpty')
    expect(levelListProblem(defaults())).toBeNull()
  })
})
