// The home page and the reports through the real UI on a real server: members, a purchase and a
// birthday tomorrow are created through the API, the dashboard shows the right counts and the birthday,
// the reports page draws its charts (a canvas with pixels on it) and an export downloads an .xlsx.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, go, openApp, type App } from './harness'

let app: App

/** tomorrow in the shop's time zone, as month and day. */
function tomorrowInShop(): { month: number; day: number; ymd: string } {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 86_400_000))
  return { month: Number(ymd.slice(5, 7)), day: Number(ymd.slice(8, 10)), ymd }
}

beforeAll(async () => {
  app = await openApp()
  const { page } = app
  const b = tomorrowInShop()
  const customer = (name: string, mobile: string, birthday = { calendar: 'solar', year: 0, month: 0, day: 0, leap: false }) =>
    call<{ id: number }>(page, 'Customers', 'Create', { name, mobile, birthday, source: '进店' })
  const star = await customer('寿星刘', '13800000001', { calendar: 'solar', year: 1980, month: b.month, day: b.day, leap: false })
  await customer('散客周', '13800000003')
  for (const [name, mobile] of [['寿星刘', '13800000001'], ['新会员何', '13800000002']]) {
    await call(page, 'Members', 'Register', { name, mobile, gender: '', levelId: 0, cardNumber: '' })
  }
  const product = await call<{ id: number }>(page, 'Sales', 'SaveProduct', {
    id: 0, name: '普五', series: '五粮液', volumeMl: 500, abv: '52%vol', category: '白酒', retailFen: 109900, service: false, active: true, levelPrices: {},
  })
  await call(page, 'Sales', 'Record', { customerId: star.id, cardNumber: '', lines: [{ productId: product.id, qty: 2, overridePrice: false, unitFen: 0 }], date: '', note: '', key: 'e2e-1', noPoints: false })
})

afterAll(async () => {
  await app?.close()
})

describe('dashboard and reports', () => {
  test('the home page counts members, points and the birthday tomorrow', async () => {
    const { page } = app
    await go(app, '/')
    await page.reload() // the home page was open, empty, before the data came in through the API
    await page.locator('[data-test="dash-members"]').waitFor()
    expect(await page.locator('[data-test="home-total"]').textContent()).toContain('3')
    expect(await page.locator('[data-test="dash-members-total"]').textContent()).toBe('2')
    expect(await page.locator('[data-test="dash-new-month"]').textContent()).toBe('本月新增 2 位')
    expect(await page.locator('[data-test="dash-active-count"]').textContent()).toBe('1')
    // ¥2,198 at 普卡 earns 2,198 points; one point is worth ¥0.01 by default.
    expect(await page.locator('[data-test="dash-points-issued"]').textContent()).toBe('2,198')
    expect(await page.locator('[data-test="dash-points-outstanding"]').textContent()).toBe('2,198')
    expect(await page.locator('[data-test="dash-liability"]').textContent()).toBe('折合负债 ¥21.98')
    expect(await page.locator('[data-test="dash-birthdays-7"]').textContent()).toBe('1')
    const birthday = page.locator('[data-test="dash-birthday"]')
    expect(await birthday.count()).toBe(1)
    expect(await birthday.textContent()).toContain('寿星刘')
    expect(await birthday.textContent()).toContain(`${tomorrowInShop().ymd.slice(5)} · 1天后`)
    await birthday.locator('a').click()
    await page.waitForURL(/#\/members\/\d+$/)
    expect(app.pageErrors).toEqual([])
  })

  test('the reports page draws its charts and exports to Excel', async () => {
    const { page } = app
    await page.locator('[data-test="nav-reports"]').click()
    await page.waitForURL(/#\/reports$/)
    const canvas = page.locator('[data-test="report-growth"] canvas')
    await canvas.waitFor()
    // Not blank: the chart painted pixels (bars, axes, labels) on its canvas.
    await expect
      .poll(() =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
          let painted = 0
          for (let i = 3; i < px.length; i += 4) if (px[i] > 0) painted++
          return painted
        }),
      )
      .toBeGreaterThan(1000)
    await page.locator('[data-test="report-sales"] canvas').first().waitFor()
    expect(await page.locator('[data-test="staff-table"] .el-table__row').count()).toBeGreaterThan(0)

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-sales"]').click()])
    expect(download.suggestedFilename()).toMatch(/^销售报表-\d{8}-\d{4}\.xlsx$/)
    const bytes = readFileSync((await download.path())!)
    expect(bytes.subarray(0, 2).toString()).toBe('PK') // a zip, as every .xlsx is
    expect(app.pageErrors).toEqual([])
  })
})
