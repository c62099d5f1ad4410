import { describe, expect, test } from 'vitest'
import { parseHex, tagColours } from './colour'

describe('level tag colours', () => {
  test('hex colours as settings store them', () => {
    expect(parseHex('#8c9eb5')).toEqual([140, 158, 181])
    expect(parseHex('#fff')).toEqual([255, 255, 255])
    expect(parseHex('red')).toBeNull()
  })

  test('the default levels read with white text; a pale colour gets dark text', () => {
    for (const c of ['#909399', '#8c9eb5', '#c9a227', '#5b3fa0', '#8b1a2b']) expect(tagColours(c).text, c).toBe('#ffffff')
    expect(tagColours('#f5e6a8').text).toBe('#303133')
    expect(tagColours('#FFF')).toEqual({ background: '#ffffff', text: '#303133' })
  })

  test('an unreadable colour falls back to grey', () => {
    expect(tagColours('').background).toBe('#909399')
  })
})
