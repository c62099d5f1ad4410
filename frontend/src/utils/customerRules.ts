// Customer form rules that need no database, the same as Go's (backend/customers/validate.go,
// birthday.go). A rule returns a Problem: an i18n key under "validate." and its parameters.
import type { Birthday } from '@/api/customers'
import { normalizeMobile } from './phone'

export interface Problem {
  key: string
  params?: Record<string, string | number>
}

const runes = (s: string) => [...s].length

export function nameProblem(name: string): Problem | null {
  const n = name.trim()
  if (n === '') return { key: 'nameRequired' }
  if (runes(n) > 30) return { key: 'nameTooLong' }
  return null
}

export function mobileProblem(raw: string): Problem | null {
  const r = normalizeMobile(raw)
  return r.ok ? null : { key: 'mobile_' + r.kind }
}

export function lengthProblem(value: string, max: number): Problem | null {
  return runes(value.trim()) > max ? { key: 'tooLong', params: { max } } : null
}

function daysInSolarMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * birthdayProblem checks a birthday against today (2026-11-23, shop time). A lunar birthday's
 * year-specific rules (is there a leap month that year, does the month have a 30th) need the lunar
 * tables, which only Go has; Go reports those under the same field.
 */
export function birthdayProblem(b: Birthday, today: string): Problem | null {
  if (b.year === 0 && b.month === 0 && b.day === 0) return null
  const [ty, tm, td] = today.split('-').map(Number)
  if (b.year !== 0 && (!Number.isInteger(b.year) || b.year < 1900 || b.year > ty)) {
    return { key: 'birthYearRange', params: { max: ty } }
  }
  if (b.month < 1 || b.month > 12) return { key: 'birthMonthMissing' }
  if (b.day === 0) return { key: 'birthDayMissing' }
  if (b.calendar === 'solar') {
    const days = daysInSolarMonth(b.year || 2000, b.month)
    if (b.day < 1 || b.day > days) return { key: 'solarNoSuchDay', params: { month: b.month, day: b.day } }
    if (b.year !== 0) {
      const iso = `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`
      if (iso > today) return { key: 'birthdayFuture' }
    }
    return null
  }
  if (b.day < 1 || b.day > 30) return { key: 'lunarDayRange' }
  // A lunar date falls some weeks after the solar date of the same numbers, so a lunar month/day
  // later in this year than today's solar month/day is certainly still to come.
  if (b.year === ty && (b.month > tm || (b.month === tm && b.day > td))) return { key: 'birthdayFuture' }
  return null
}
