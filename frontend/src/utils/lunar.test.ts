import { describe, expect, test } from 'vitest'
import { formatLunar, lunarDayName, lunarMonthName } from './lunar'

describe('lunar names', () => {
  test('birthdays read as families say them', () => {
    expect(formatLunar(3, 12)).toBe('农历三月十二')
    expect(formatLunar(1, 1)).toBe('农历正月初一')
    expect(formatLunar(4, 8, true)).toBe('农历闰四月初八')
    expect(formatLunar(11, 29)).toBe('农历冬月廿九')
    expect(formatLunar(12, 30)).toBe('农历腊月三十')
    expect(formatLunar(10, 20)).toBe('农历十月二十')
  })

  test('every day of a lunar month has its name', () => {
    const days = Array.from({ length: 30 }, (_, i) => lunarDayName(i + 1))
    expect(days).toEqual([
      '初一', '初二', '初三', '初四', '初五', '初六', '初七', '初八', '初九', '初十',
      '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十',
      '廿一', '廿二', '廿三', '廿四', '廿五', '廿六', '廿七', '廿八', '廿九', '三十',
    ])
  })

  test('month names', () => {
    expect(Array.from({ length: 12 }, (_, i) => lunarMonthName(i + 1))).toEqual([
      '正月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '冬月', '腊月',
    ])
    expect(lunarMonthName(4, true)).toBe('闰四月')
  })

  test('impossible dates give nothing rather than nonsense', () => {
    expect(formatLunar(0, 1)).toBe('')
    expect(formatLunar(13, 1)).toBe('')
    expect(formatLunar(3, 31)).toBe('')
    expect(lunarDayName(0)).toBe('')
  })
})
