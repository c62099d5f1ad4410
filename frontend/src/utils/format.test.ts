import { describe, expect, test } from 'vitest'
import { formatDate, formatDateTime, formatMoney, formatTime, todayInShop } from './format'

describe('display formats', () => {
  test('dates and times are shown in shop time (Asia/Shanghai), whatever the PC is set to', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(formatDate('2026-11-22T16:30:00Z')).toBe('2026-11-23')
    expect(formatTime('2026-11-23T06:05:00Z')).toBe('11-23 14:05')
    expect(formatDateTime('2026-11-23T06:05:00Z')).toBe('2026-11-23 14:05')
    expect(todayInShop(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23')
  })

  test('a plain date stays as it is; nothing gives nothing', () => {
    expect(formatDate('2026-01-05')).toBe('2026-01-05')
    expect(formatDate('')).toBe('')
    expect(formatTime('not a time')).toBe('')
  })

  test('money from integer fen', () => {
    expect(formatMoney(123400)).toBe('¥1,234.00')
    expect(formatMoney(5)).toBe('¥0.05')
    expect(formatMoney(123456789)).toBe('¥1,234,567.89')
    expect(formatMoney(-1999)).toBe('-¥19.99')
  })
})
