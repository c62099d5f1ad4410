import { describe, expect, test } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import type { Birthday } from '@/api/customers'
import { birthdayProblem, lengthProblem, mobileProblem, nameProblem, type Problem } from './customerRules'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
const say = (p: Problem | null) => (p ? i18n.global.t(`validate.${p.key}`, p.params ?? {}) : '')

const solar = (year: number, month: number, day: number): Birthday => ({ calendar: 'solar', year, month, day, leap: false })
const lunar = (year: number, month: number, day: number, leap = false): Birthday => ({ calendar: 'lunar', year, month, day, leap })
const TODAY = '2026-11-23'

describe('customer form rules, in the words the clerk sees', () => {
  test('name', () => {
    expect(say(nameProblem(''))).toBe('请填写姓名')
    expect(say(nameProblem('   '))).toBe('请填写姓名')
    expect(say(nameProblem('张三'))).toBe('')
    expect(say(nameProblem('张'.repeat(30)))).toBe('')
    expect(say(nameProblem('张'.repeat(31)))).toBe('姓名不能超过30个字')
  })

  test('mobile', () => {
    expect(say(mobileProblem('1380013800a'))).toBe('手机号只能包含数字')
    expect(say(mobileProblem('1380013800'))).toBe('手机号应为11位数字')
    expect(say(mobileProblem('12800138000'))).toBe('手机号应以1开头，第二位为3到9')
    expect(say(mobileProblem('+86 138-0013-8000'))).toBe('')
  })

  test('length limits count characters, not bytes', () => {
    expect(say(lengthProblem('酒'.repeat(60), 60))).toBe('')
    expect(say(lengthProblem('酒'.repeat(61), 60))).toBe('内容不能超过60个字')
  })

  test('no birthday at all is fine', () => {
    expect(birthdayProblem(solar(0, 0, 0), TODAY)).toBeNull()
  })

  test('a solar day must exist in its month; 2月29日 without a year is allowed', () => {
    expect(say(birthdayProblem(solar(0, 2, 29), TODAY))).toBe('')
    expect(say(birthdayProblem(solar(2023, 2, 29), TODAY))).toBe('2月没有29日')
    expect(say(birthdayProblem(solar(1990, 4, 31), TODAY))).toBe('4月没有31日')
    expect(say(birthdayProblem(solar(1990, 12, 31), TODAY))).toBe('')
  })

  test('a birthday cannot be in the future', () => {
    expect(say(birthdayProblem(solar(2026, 11, 23), TODAY))).toBe('')
    expect(say(birthdayProblem(solar(2026, 11, 24), TODAY))).toBe('生日不能晚于今天')
    expect(say(birthdayProblem(solar(2027, 1, 1), TODAY))).toBe('出生年份应在1900到2026之间')
    expect(say(birthdayProblem(lunar(2026, 12, 1), TODAY))).toBe('生日不能晚于今天')
  })

  test('year, month and day each have their limits', () => {
    expect(say(birthdayProblem(solar(1899, 5, 1), TODAY))).toBe('出生年份应在1900到2026之间')
    expect(say(birthdayProblem(solar(1985, 0, 0), TODAY))).toBe('请选择生日的月份')
    expect(say(birthdayProblem(solar(0, 5, 0), TODAY))).toBe('请选择生日的日期')
    expect(say(birthdayProblem(lunar(0, 3, 31), TODAY))).toBe('农历日期应在初一到三十之间')
    expect(say(birthdayProblem(lunar(1985, 3, 30), TODAY))).toBe('')
  })
})
