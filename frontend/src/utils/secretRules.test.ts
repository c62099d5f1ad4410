import { describe, expect, test } from 'vitest'
import { nameProblem, secretKind, secretProblem } from './secretRules'

describe('secretProblem follows Go’s rules', () => {
  test('PINs are 4 to 8 digits', () => {
    expect(secretProblem('6688', { required: true })).toBe('')
    expect(secretProblem('13572468', { required: true })).toBe('')
    expect(secretProblem('123', { required: true })).toBe('pinLength')
    expect(secretProblem('123456789', { required: true })).toBe('pinLength')
  })
  test('no repeated digit or run up or down by one', () => {
    for (const pin of ['1111', '0000', '1234', '0123', '12345678', '9876', '3210']) {
      expect(secretProblem(pin, { required: true })).toBe('pinGuessable')
    }
    for (const pin of ['1357', '2468', '1233', '8901', '1112']) expect(secretProblem(pin, { required: true })).toBe('')
  })
  test('passwords are 6 to 64 characters, counted as characters', () => {
    expect(secretProblem('abc12', { required: true })).toBe('passwordTooShort')
    expect(secretProblem('酒客通好用啊', { required: true })).toBe('')
    expect(secretProblem('x'.repeat(65), { required: true })).toBe('passwordTooLong')
  })
  test('empty is fine only when keeping the old one', () => {
    expect(secretProblem('', { required: true })).toBe('required')
    expect(secretProblem('', { required: false })).toBe('')
  })
  test('the owner needs a password, not a PIN', () => {
    expect(secretProblem('123456', { required: true, owner: true })).toBe('ownerNeedsPassword')
    expect(secretProblem('laoban88', { required: true, owner: true })).toBe('')
  })
  test('kind', () => {
    expect(secretKind('0000')).toBe('pin')
    expect(secretKind('00a0')).toBe('password')
  })
})

test('nameProblem', () => {
  expect(nameProblem('  ')).toBe('required')
  expect(nameProblem('王小二')).toBe('')
  expect(nameProblem('一二三四五六七八九十一二三四五六七八九十一')).toBe('tooLong')
})
