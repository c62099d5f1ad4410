import { expect, test } from 'vitest'
import { formatBytes } from './bytes'

test('formatBytes', () => {
  expect(formatBytes(532)).toBe('532 B')
  expect(formatBytes(20480)).toBe('20.0 KB')
  expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB')
  expect(formatBytes(-1)).toBe('')
})
