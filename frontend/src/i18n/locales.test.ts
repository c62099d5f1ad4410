import { expect, test } from 'vitest'
import zhCN from './zh-CN'
import en from './en'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

function params(s: string) {
  return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
}

test('English has exactly the Chinese keys, with the same placeholders', () => {
  expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  const get = (o: object, path: string) => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o) as string
  for (const k of keys(zhCN)) {
    expect(params(get(en, k)), k).toEqual(params(get(zhCN, k)))
  }
})

test('every Chinese message is filled in', () => {
  const get = (o: object, path: string) => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o) as string
  for (const k of keys(zhCN)) {
    if (k === 'common.none') continue
    expect(get(zhCN, k).trim(), k).not.toBe('')
  }
})
