import { expect, test } from 'vitest'
import { zhCNBase } from './zh-CN'
import customersZh from './customers.zh-CN'
import customersEn from './customers.en'
import membersZh from './members.zh-CN'
import membersEn from './members.en'
import pointsZh from './points.zh-CN'
import pointsEn from './points.en'
import salesZh from './sales.zh-CN'
import salesEn from './sales.en'
import settingsZh from './settings.zh-CN'
import settingsEn from './settings.en'
import segmentsZh from './segments.zh-CN'
import segmentsEn from './segments.en'
import eventsZh from './events.zh-CN'
import eventsEn from './events.en'
import groupsZh from './groups.zh-CN'
import groupsEn from './groups.en'
import reportsZh from './reports.zh-CN'
import reportsEn from './reports.en'
import printZh from './print.zh-CN'
import printEn from './print.en'
import couponsZh from './coupons.zh-CN'
import couponsEn from './coupons.en'
import banquetsZh from './banquets.zh-CN'
import banquetsEn from './banquets.en'
import walletZh from './wallet.zh-CN'
import walletEn from './wallet.en'
import wineZh from './wine.zh-CN'
import wineEn from './wine.en'
import authZh from './auth.zh-CN'
import importsZh from './imports.zh-CN'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
const get = (o: object, path: string) => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o) as string
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

const modules = [
  ['customers', customersZh, customersEn],
  ['members', membersZh, membersEn],
  ['points', pointsZh, pointsEn],
  ['sales', salesZh, salesEn],
  ['settings', settingsZh, settingsEn],
  ['segments', segmentsZh, segmentsEn],
  ['events', eventsZh, eventsEn],
  ['groups', groupsZh, groupsEn],
  ['reports', reportsZh, reportsEn],
  ['print', printZh, printEn],
  ['coupons', couponsZh, couponsEn],
  ['banquets', banquetsZh, banquetsEn],
  ['wallet', walletZh, walletEn],
  ['wine', wineZh, wineEn],
] as const

test.each(modules)('%s: English has exactly the Chinese keys and placeholders, all filled in', (_, zh, en) => {
  expect(keys(en).sort()).toEqual(keys(zh).sort())
  for (const k of keys(zh)) {
    expect(params(get(en, k)), k).toEqual(params(get(zh, k)))
    expect(get(zh, k).trim(), k).not.toBe('')
  }
})

test('no module file overwrites a key of the base or of another module', () => {
  const seen = new Map<string, string>(keys(zhCNBase).map((k) => [k, 'base']))
  const all = [...modules.map(([name, zh]) => [name, zh] as const), ['auth', authZh] as const, ['imports', importsZh] as const]
  for (const [name, zh] of all) {
    for (const k of keys(zh)) {
      expect(seen.get(k), `${name}: ${k}`).toBeUndefined()
      seen.set(k, name)
    }
  }
})
