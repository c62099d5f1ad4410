import { expect, test } from 'vitest'
import { PHONE, wordingProblem } from './print'

const t = (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`
const placeholders = ['{姓名}', '{称呼}', '{活动名称}', '{时间}', '{地点}', '{桌号}']

test('wording: placeholders the invitation has pass, others are named', () => {
  expect(wordingProblem('诚邀{称呼}莅临{活动名称}', placeholders, 120, t)).toBe('')
  expect(wordingProblem('诚邀{客户}莅临', placeholders, 120, t)).toBe('print.badPlaceholder{"p":"{客户}"}')
})

test('wording: counted in characters, not bytes', () => {
  expect(wordingProblem('酒'.repeat(120), placeholders, 120, t)).toBe('')
  expect(wordingProblem('酒'.repeat(121), placeholders, 120, t)).toBe('print.wordingTooLong{"n":120}')
})

test('phone rule matches Go', () => {
  expect(PHONE.test('13800138000')).toBe(true)
  expect(PHONE.test('028-8888 8888')).toBe(true)
  expect(PHONE.test('1234')).toBe(false)
  expect(PHONE.test('电话13800138000')).toBe(false)
})
