// Coupons through the real UI on a real server: a manager issues a 满减 coupon to a saved segment
// (the count shown before confirming), then a clerk-style counter sale scans one of them: the
// discount and the amount due show live, another customer's coupon is refused by name, and the sale
// uses the coupon exactly once.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, go, openApp, type App } from './harness'

let app: App
const MEMBERS = [['周一', '13900001001'], ['吴二', '13900001002'], ['郑三', '13900001003']] as const
const ids: number[] = []

beforeAll(async () => {
  app = await openApp()
  const { page } = app
  const levels = await call<{ id: number; name: string }[]>(page, 'Members', 'Levels')
  for (const [name, mobile] of MEMBERS) {
    const r = await call<{ customerId: number }>(page, 'Members', 'Register', { name, mobile, gender: '', levelId: levels[0].id, cardNumber: '' })
    ids.push(r.customerId)
  }
  await call(page, 'Sales', 'SaveProduct', { id: 0, name: '普五', series: '五粮液', volumeMl: 500, abv: '52%vol', category: '白酒', retailFen: 109900,
    bottlesPerCase: 6, service: false, active: true, levelPrices: {} })
  await call(page, 'Segments', 'Save', 0, { name: '普卡会员', description: '', definition: { op: 'AND', items: [{ field: 'level', cmp: 'is', num: levels[0].id }] } })
  await call(page, 'Coupons', 'SaveType', { id: 0, name: '满1500减100', kind: 'threshold', valueFen: 10000, thresholdFen: 150000, giftId: 0, giftName: '',
    validDays: 30, validFrom: '', validTo: '', withMemberPrice: true, campaign: '冬季酱香节', autoOn: '', clerkMayIssue: true, active: true, issued: 0 })
})

afterAll(async () => {
  await app?.close()
})

async function pickOption(select: string, option: string) {
  await app.page.locator(`${select} .el-select__wrapper`).first().click()
  await app.page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

type Page = { items: { code: string; customerId: number; state: string }[]; total: number }

describe('coupons', () => {
  test('a manager issues a coupon to a segment, seeing the count first', async () => {
    const { page } = app
    await go(app, '/coupons')
    await page.locator('[data-test="coupon-issue"]').click()
    const dialog = page.locator('[data-test="issue-dialog"]')
    await dialog.locator('[data-test="issue-mode-segment"]').click()
    await pickOption('[data-test="issue-dialog"] [data-test="issue-type"]', '满1500减100')
    await pickOption('[data-test="issue-dialog"] [data-test="issue-segment"]', '普卡会员')
    await expect.poll(() => dialog.locator('[data-test="issue-preview"]').textContent()).toContain('将发给 3 位客户')
    await dialog.locator('[data-test="issue-submit"]').click()
    await page.locator('.el-message--success', { hasText: '已发放 3 张，跳过 0 位已发过的客户' }).waitFor()
    await expect.poll(() => page.locator('[data-test="coupon-table"] [data-test="coupon-code"]').count()).toBe(3)
    const list = await call<Page>(page, 'Coupons', 'List', { query: '', state: '', typeId: 0, campaign: '冬季酱香节', customerId: 0, page: 1, size: 20 })
    expect(list.total).toBe(3)
  })

  test('the counter scans one: the discount shows live, a foreign coupon is refused, the sale uses it once', async () => {
    const { page } = app
    const all = await call<Page>(page, 'Coupons', 'List', { query: '', state: '', typeId: 0, campaign: '', customerId: 0, page: 1, size: 20 })
    const mine = all.items.find((c) => c.customerId === ids[0])!
    const foreign = all.items.find((c) => c.customerId === ids[1])!
    await go(app, `/members/${ids[0]}/purchase`)
    await page.locator('[data-test="line-product-0"] input:focus').waitFor()
    await page.keyboard.type('普五')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '普五' }).waitFor()
    await page.keyboard.press('Enter')
    await page.locator('input[data-test="line-qty-0"]:focus').waitFor()
    await page.keyboard.type('1')
    // Below the threshold: scanning names the shortfall and keeps nothing.
    const code = page.locator('input[data-test="sale-coupon-code"]')
    await code.fill(mine.code.toLowerCase())
    await code.press('Enter')
    await expect.poll(() => page.locator('[data-test="sale-coupon-error"]').textContent()).toContain('还差 ¥401.00')
    expect(await page.locator('[data-test="sale-coupon-tag"]').count()).toBe(0)
    // Another customer's coupon is refused by name.
    await code.fill(foreign.code)
    await code.press('Enter')
    await expect.poll(() => page.locator('[data-test="sale-coupon-error"]').textContent()).toContain('不属于该客户')
    // Two bottles pass the threshold: the coupon is kept and the amount due shows.
    await page.locator('input[data-test="line-qty-0"]').fill('2')
    await code.fill(mine.code)
    await code.press('Enter')
    await page.locator('[data-test="sale-coupon-tag"]').waitFor()
    await expect.poll(() => page.locator('[data-test="sale-due"]').textContent()).toBe('¥2,098.00')
    await page.locator('[data-test="sale-submit"]').click()
    await page.waitForURL(/#\/members\/\d+$/)
    const purchases = await call<{ totalFen: number; couponFen: number; dueFen: number }[]>(page, 'Sales', 'Purchases', ids[0], '', 0)
    expect(purchases[0]).toMatchObject({ totalFen: 219800, couponFen: 10000, dueFen: 209800 })
    const after = await call<{ coupon: { state: string }; entries: { kind: string }[] }>(page, 'Coupons', 'Detail', mine.code)
    expect(after.coupon.state).toBe('used')
    expect(after.entries.map((e) => e.kind)).toEqual(['issue', 'use'])
    // The member page lists the used coupon.
    await go(app, `/members/${ids[0]}?tab=coupons`)
    await expect.poll(() => page.locator('[data-test="coupon-state-tag"]').allTextContents()).toEqual(['已使用'])
  })
})
