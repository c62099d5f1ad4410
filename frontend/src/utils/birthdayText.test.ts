import { expect, test } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import { birthdayText } from './birthdayText'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
const t = (k: string, p?: Record<string, unknown>) => i18n.global.t(k, p ?? {})

test('birthdays on the detail page', () => {
  expect(birthdayText({ calendar: 'lunar', year: 0, month: 3, day: 12, leap: false }, t)).toBe('农历三月十二')
  expect(birthdayText({ calendar: 'lunar', year: 1985, month: 4, day: 8, leap: true }, t)).toBe('1985年 农历闰四月初八')
  expect(birthdayText({ calendar: 'solar', year: 1985, month: 3, day: 2, leap: false }, t)).toBe('1985-03-02')
  expect(birthdayText({ calendar: 'solar', year: 0, month: 3, day: 2, leap: false }, t)).toBe('3月2日')
  expect(birthdayText({ calendar: 'solar', year: 0, month: 0, day: 0, leap: false }, t)).toBe('')
})
