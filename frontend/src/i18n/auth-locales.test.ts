import { expect, test } from 'vitest'
import zhCN from './zh-CN'
import authZhCN from './auth.zh-CN'
import authEn from './auth.en'
import { i18n } from './index'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
const get = (o: object, path: string) => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o) as string
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

test('auth.en has exactly the keys of auth.zh-CN, with the same placeholders, all filled in', () => {
  expect(keys(authEn).sort()).toEqual(keys(authZhCN).sort())
  for (const k of keys(authZhCN)) {
    expect(params(get(authEn, k)), k).toEqual(params(get(authZhCN, k)))
    expect(get(authZhCN, k).trim(), k).not.toBe('')
  }
})

test('the module’s keys add to the base locale without replacing any', () => {
  const base = new Set(keys(zhCN))
  for (const k of keys(authZhCN)) expect(base.has(k), k).toBe(false)
  // Both reach the app: a base key and a module key under the same namespace.
  const t = i18n.global.t as (k: string) => string
  expect(t('nav.customers')).toBe('客户')
  expect(t('nav.audit')).toBe('操作日志')
})
