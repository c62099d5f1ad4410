// Stored wine at the counter through the real UI: a customer's purchase of six bottles is stored (存酒)
// from the member page, two bottles are taken out (取酒), a third request for more than is left is
// refused naming both figures, and the 取酒 receipt prints with its signature line; printed again from
// the history it says 重打 (the owner sees the full mobile; clerks' answers are masked in Go, app/web's
// masking test). The stored-wine lists show the customer and the stock.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, go, openApp, type App } from './harness'
import { printCount, receiptPdfText, stubPrint } from './receiptPdf'

let app: App
let customerId = 0
let productId = 0

beforeAll(async () => {
  app = await openApp()
  const { page } = app
  const product = await call<{ id: number }>(page, 'Sales', 'SaveProduct', { id: 0, name: '飞天茅台', series: '', volumeMl: 500, abv: '53%vol', category: '白酒',
    retailFen: 299900, service: false, active: true, levelPrices: {} })
  const levels = await call<{ id: number }[]>(page, 'Members', 'Levels')
  const m = await call<{ customerId: number }>(page, 'Members', 'Register', { name: '王建国', mobile: '13912345678', levelId: levels[0].id, cardNumber: '', gender: '' })
  customerId = m.customerId
  productId = product.id
  await call(page, 'Sales', 'Record', { customerId, key: 'e2e-buy', lines: [{ productId: product.id, qty: 6 }] })
})

afterAll(async () => {
  await app?.close()
})

describe('stored wine', () => {
  test('six bottles of a purchase are stored from the member page', async () => {
    const { page } = app
    await go(app, `/members/${customerId}?tab=wine`)
    await page.locator('[data-test="wine-none"]').waitFor()
    await page.locator('[data-test="btn-wine-deposit"]').click()
    const dialog = page.locator('[data-test="wine-deposit-dialog"]')
    await dialog.locator('[data-test="wine-source"] .el-select').click()
    await page.locator('[data-test="wine-source-option"]').filter({ hasText: '可存 6 瓶' }).click()
    await dialog.locator('[data-test="wine-qty"] input').fill('6')
    await dialog.locator('[data-test="wine-place"]').fill('二号酒柜第三层')
    await dialog.locator('[data-test="wine-deposit-confirm"]').click()
    await expect.poll(() => page.locator('[data-test="wine-done-text"]').textContent()).toContain('已存入 飞天茅台 500ml 6 瓶，现存 6 瓶')
    await expect.poll(() => page.locator('[data-test="wine-bottles"]').textContent()).toBe('6')
  })

  test('two bottles are taken; more than is left is refused naming both figures', async () => {
    const { page } = app
    await page.locator('[data-test="btn-wine-withdraw"]').click()
    const dialog = page.locator('[data-test="wine-withdraw-dialog"]')
    const qty = dialog.locator('[data-test="wine-withdraw-qty"] input')
    await qty.fill('9')
    await qty.press('Tab')
    await expect.poll(() => dialog.locator('[data-test="wine-withdraw-qty-error"]').textContent()).toBe('存酒不足：飞天茅台 500ml 存有 6 瓶，要取 9 瓶')
    await qty.fill('2')
    await qty.press('Enter')
    await expect.poll(() => page.locator('[data-test="wine-done-text"]').textContent()).toContain('已取出 飞天茅台 500ml 2 瓶，还剩 4 瓶')
    await expect.poll(() => page.locator('[data-test="wine-bottles"]').textContent()).toBe('4')
    // Go refuses too, whatever the form says: nothing changes.
    await expect(call(page, 'Wine', 'Withdraw', { customerId, productId, qty: 5, note: '', key: 'e2e-too-many' })).rejects.toThrow('存有 4 瓶，要取 5 瓶')
    const held = await call<{ bottles: number }[]>(page, 'Wine', 'Balances', customerId)
    expect(held.map((h) => h.bottles)).toEqual([4])
  })

  test('the 取酒 receipt prints on 58 mm with a signature line, and again as 重打', async () => {
    const { page } = app
    await stubPrint(page)
    await page.locator('[data-test="wine-done"] [data-test="print-receipt"] button').first().click()
    await expect.poll(() => printCount(page)).toBe(1)
    const area = page.locator('#jk-print-area [data-test="receipt"]')
    expect(await area.textContent()).toContain('取酒单')
    expect(await area.locator('[data-test="receipt-signature"]').count()).toBe(1)
    expect(await area.locator('[data-test="receipt-reprint"]').count()).toBe(0)
    // The shop's default paper is 80 mm; the row's menu prints this one on 58 mm, marked 重打.
    await page.locator('[data-test="wine-ledger"] .el-table__row').first().locator('[data-test="print-receipt"] .el-dropdown__caret-button').click()
    await page.locator('[data-test="print-paper-58"]:visible').click()
    await expect.poll(() => printCount(page)).toBe(2)
    await area.locator('[data-test="receipt-reprint"]').waitFor()
    const text = await receiptPdfText(page, app.server.dir, 'withdraw-58', '58')
    for (const want of ['我的酒行', '取酒单', '重打', '王建国', '13912345678', '飞天茅台', '剩余 4 瓶', '客户签字']) expect(text).toContain(want)
  })

  test('the stored-wine lists show the customer and the bottles per product', async () => {
    const { page } = app
    await go(app, '/wine')
    const row = page.locator('[data-test="wine-holders"] .el-table__row').first()
    await row.waitFor()
    expect(await row.textContent()).toContain('王建国')
    await go(app, '/wine?tab=stock')
    await expect.poll(() => page.locator('[data-test="wine-stock"] .el-table__row').first().textContent()).toContain('飞天茅台')
  })
})
