// The 打印物料 tab through the real UI on a real server: the poster preview is drawn by Go and follows
// the layout picked; a wording with an unknown placeholder is named under the field; one guest's
// poster, every guest's posters (zip) and the name tents download with the names Go gave them.
import { statSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, go, openApp, type App } from './harness'

let app: App
let eventId = 0

beforeAll(async () => {
  app = await openApp()
  const ids: number[] = []
  for (const [name, mobile, gender] of [['欧阳娜娜', '13900139101', 'F'], ['张伟', '13900139102', '']] as const) {
    const c = await call<{ id: number }>(app.page, 'Customers', 'Create', { name, mobile, gender })
    ids.push(c.id)
  }
  const ev = await call<{ id: number }>(app.page, 'Events', 'Create', {
    name: '秋季酱香品鉴会', kind: '品鉴会', theme: '坤沙老酒之夜', startsAt: '2026-12-05 19:00', endsAt: '2026-12-05 21:30',
    venue: '蜀香酒行二楼', address: '锦江区春熙路1号', capacity: 0, hostStaffId: 0, featuredProducts: '飞天茅台', notes: '', attendPoints: 0,
  })
  eventId = ev.id
  await call(app.page, 'Events', 'AddGuests', eventId, ids, 0)
  const tables = await call<{ id: number }[]>(app.page, 'Events', 'AddTables', eventId, 1, 10)
  const d = await call<{ guests: { id: number }[] }>(app.page, 'Events', 'Detail', eventId)
  await call(app.page, 'Events', 'Seat', eventId, d.guests[0].id, tables[0].id)
})

afterAll(async () => {
  await app?.close()
})

describe('printed material', () => {
  test('the preview is drawn and follows the layout', async () => {
    const { page } = app
    await go(app, `/events/${eventId}?tab=print`)
    const img = page.locator('[data-test="print-preview"]')
    await img.waitFor()
    const first = await img.getAttribute('src')
    expect(first).toMatch(/^data:image\/png;base64,/)
    // Without shop-network mode the poster carries no code, and the tab says so.
    await expect.poll(() => page.locator('[data-test="print-qr-note"]').textContent()).toContain('局域网模式未开启')
    await page.locator('[data-test="print-layout-plain"]').click()
    await expect.poll(() => img.getAttribute('src'), { timeout: 15_000 }).not.toBe(first)
  })

  test('an unknown placeholder is named under the wording and the style cannot be saved', async () => {
    const { page } = app
    const box = page.locator('textarea[data-test="print-wording"]')
    await box.fill('诚邀{客户}光临')
    await expect.poll(() => page.locator('.el-form-item__error').first().textContent()).toBe('“{客户}”不是可用的占位符')
    expect(await page.locator('[data-test="print-save-style"]').isDisabled()).toBe(true)
    await box.fill('诚邀{称呼}光临{活动名称}')
    await page.locator('[data-test="print-save-style"]').click()
    await page.locator('.el-message--success', { hasText: '海报样式已保存' }).waitFor()
    const opts = await call<{ style: { layout: string; wording: string } }>(page, 'Print', 'Options')
    expect(opts.style).toMatchObject({ layout: 'plain', wording: '诚邀{称呼}光临{活动名称}' })
  })

  test('posters and name tents download', async () => {
    const { page } = app
    for (const [button, name] of [
      ['print-one-png', /^邀请函-秋季酱香品鉴会-欧阳娜娜\.png$/],
      ['print-all-zip', /^邀请函-秋季酱香品鉴会-2位\.zip$/],
      ['print-name-tents', /^席卡-秋季酱香品鉴会\.pdf$/],
    ] as const) {
      const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test="${button}"]`).click()])
      expect(d.suggestedFilename()).toMatch(name)
      const path = await d.path()
      expect(statSync(path!).size).toBeGreaterThan(2000)
    }
    expect(app.pageErrors).toEqual([])
  })
})
