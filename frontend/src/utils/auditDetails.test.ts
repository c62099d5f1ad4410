import { expect, test } from 'vitest'
import { prettyJSON } from './auditDetails'

test('the raw view indents JSON and leaves plain text', () => {
  expect(prettyJSON('已重设')).toBe('已重设')
  expect(prettyJSON('not json')).toBe('not json')
  expect(prettyJSON('{"a":1}')).toBe('{\n  "a": 1\n}')
})
