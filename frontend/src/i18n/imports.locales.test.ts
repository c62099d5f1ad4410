import { expect, test } from 'vitest'
import zh from './imports.zh-CN'
import en from './imports.en'
import zhCN from './zh-CN'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
const get = (o: object, path: string) => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o) as string
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

test('import messages: English has the Chinese keys and placeholders, all filled in', () => {
  expect(keys(en).sort()).toEqual(keys(zh).sort())
  for (const k of keys(zh)) {
    expect(get(zh, k).trim(), k).not.toBe('')
    expect(params(get(en, k)), k).toEqual(params(get(zh, k)))
  }
})

test('import messages add keys without replacing the main ones', () => {
  const main = new Set(keys(zhCN))
  for (const k of keys(zh)) expect(main.has(k), k).toBe(false)
  expect(Object.keys(zhCN)).not.toContain('imports')
  expect(Object.keys(zhCN)).not.toContain('exports')
})
