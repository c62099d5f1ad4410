import { expect, test } from 'vitest'
import { inDaysKey, pointValueText, startsAtLabel } from './dashboard'

test('a birthday today says 今天, later ones count days', () => {
  expect(inDaysKey(0)).toEqual({ key: 'dash.today', n: 0 })
  expect(inDaysKey(5)).toEqual({ key: 'dash.inDays', n: 5 })
})

test('event times drop the year only within the same year', () => {
  expect(startsAtLabel('2026-11-28 19:00', '2026-11-23')).toBe('11-28 19:00')
  expect(startsAtLabel('2027-01-05 18:30', '2026-12-28')).toBe('2027-01-05 18:30')
})

test('point value is shown in yuan', () => {
  expect(pointValueText(1)).toBe('¥0.01')
  expect(pointValueText(150)).toBe('¥1.50')
})
