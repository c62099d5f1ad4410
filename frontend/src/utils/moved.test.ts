import { expect, test } from 'vitest'
import { parseMoved } from './moved'

test('what a merge moved lists each kind with its count', () => {
  expect(parseMoved({ 回访: 2, 推荐的客户: 0 })).toEqual([{ label: '回访', n: 2 }, { label: '推荐的客户', n: 0 }])
  expect(parseMoved(null)).toEqual([])
})
