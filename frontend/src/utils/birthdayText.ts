import type { Birthday } from '@/api/customers'
import { formatLunar } from './lunar'

type T = (key: string, params?: Record<string, unknown>) => string

/**
 * birthdayText shows a birthday as people say it: 1985-03-12, 3月12日 without a year, 农历三月十二,
 * 1985年 农历闰四月初八. Empty when there is none.
 */
export function birthdayText(b: Birthday | undefined, t: T): string {
  if (!b || b.month === 0 || b.day === 0) return ''
  let date: string
  if (b.calendar === 'lunar') {
    date = formatLunar(b.month, b.day, b.leap)
    return b.year ? t('birthday.withYear', { year: b.year, date }) : date
  }
  if (b.year) {
    return t('birthday.solarWithYear', { year: b.year, month: String(b.month).padStart(2, '0'), day: String(b.day).padStart(2, '0') })
  }
  return t('birthday.solarNoYear', { month: b.month, day: b.day })
}
