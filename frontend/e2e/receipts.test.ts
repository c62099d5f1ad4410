// Every kind of receipt rendered by Chromium to PDF at its paper's width and read back with pdftotext:
// a purchase paid half by stored value (58 mm), its refund (80 mm), the recharge (A5), the stored-value
// spend, a gift redemption, 存酒 and 取酒, a coupon handed out (its code as a barcode) and a purchase
// that used a coupon. Each comes from the receipt page's 打印, the same path the counter uses; with
// JIUKE_UPDATE_README=1 the 80 mm reprint is saved as the README's screenshot. Then the counter's own
// entries: 打印 on a recharge line of the 储值 tab, on the refund under its purchase in the history, and on the banner after a coupon is
// handed out on the member page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { call, go, openApp, type App } from './harness'
import { pdfWidthMm, printCount, receiptPdfText, stubPrint } from './receiptPdf'

let app: App
const ids: Record<string, number> = {}
let customerId = 0
let couponCode = ''

beforeAll(async () => {
  app = await openApp()
  const { page } = app
  const product = await call<{ id: number }>(page, 'Sales', 'SaveProduct', { id: 0, name: '第八代五粮液', series: '', volumeMl: 500, abv: '52%vol', category: '白酒',
    retailFen: 109900, service: false, active: true, levelPrices: {} })
  const levels = await call<{ id: number }[]>(page, 'Members', 'Levels')
  const m = await call<{ customerId: number }>(page, 'Members', 'Register', { name: '李秀英', mobile: '13811112222', levelId: levels[0].id, cardNumber: '', gender: '' })
  const c = m.customerId
  customerId = c
  const rech = await call<{ entry: { id: number } }>(page, 'Wallet', 'Recharge', { customerId: c, packageId: 0, amountFen: 200000, method: 'wechat', note: '', key: 'e2e-r1', transferConfirmed: false })
  ids.recharge = rech.entry.id
  const buy = await call<{ id: number; totalFen: number; lines: { id: number }[] }>(page, 'Sales', 'Record', { customerId: c, key: 'e2e-p1',
    lines: [{ productId: product.id, qty: 2 }], payments: [{ method: 'stored', amountFen: 109900 }, { method: 'cash', amountFen: 109900 }] })
  ids.purchase = buy.id
  const ledger = await call<{ id: number; kind: string }[]>(page, 'Wallet', 'Ledger', c, 0)
  ids.spend = ledger.find((e) => e.kind === 'spend')!.id
  const refund = await call<{ refundId: number }>(page, 'Sales', 'Refund', { purchaseId: buy.id, all: false, lines: [{ lineId: buy.lines[0].id, qty: 1 }], reason: '送错了', key: 'e2e-f1' })
  ids.refund = refund.refundId
  const gift = await call<{ id: number }>(page, 'Points', 'SaveGift', { id: 0, name: '定制开瓶器', pointsCost: 100, stock: 10, active: true })
  ids.redemption = (await call<{ id: number }>(page, 'Points', 'Redeem', { customerId: c, giftId: gift.id, qty: 1, key: 'e2e-g1' })).id
  ids.deposit = (await call<{ id: number }>(page, 'Wine', 'Deposit', { customerId: c, productId: product.id, qty: 1, purchaseId: buy.id, place: '恒温柜A区', expiresOn: '', note: '', key: 'e2e-w1' })).id
  ids.withdraw = (await call<{ id: number }>(page, 'Wine', 'Withdraw', { customerId: c, productId: product.id, qty: 1, note: '', key: 'e2e-w2' })).id
  const type = await call<{ id: number }>(page, 'Coupons', 'SaveType', { id: 0, name: '满1000减100', kind: 'threshold', valueFen: 10000, thresholdFen: 100000,
    giftId: 0, giftName: '', validDays: 30, validFrom: '', validTo: '', withMemberPrice: true, campaign: '冬季酱香节', autoOn: '', clerkMayIssue: true, active: true, issued: 0 })
  const handed = await call<{ id: number; code: string }[]>(page, 'Coupons', 'Issue', { typeId: type.id, customerId: c, qty: 2, key: 'e2e-c1' })
  ids.coupon = handed[0].id
  couponCode = handed[0].code
  // The second coupon goes on a purchase of its own, so the purchase above keeps its figures.
  ids.couponPurchase = (await call<{ id: number }>(page, 'Sales', 'Record', { customerId: c, key: 'e2e-p2', couponCodes: [handed[1].code],
    lines: [{ productId: product.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 99900 }] })).id
})

afterAll(async () => {
  await app?.close()
})

async function printed(kind: string, id: number, paper: '58' | '80' | 'A5', name: string): Promise<string> {
  const { page } = app
  await go(app, `/receipt/${kind}/${id}?paper=${paper}`)
  await page.locator('.jk-receipt-preview [data-test="receipt"]').waitFor()
  await stubPrint(page)
  await page.locator('[data-test="receipt-print"]').click()
  await expect.poll(() => printCount(page)).toBe(1)
  const text = await receiptPdfText(page, app.server.dir, name, paper)
  const width = pdfWidthMm(app.server.dir, name)
  expect(Math.round(width)).toBe(paper === 'A5' ? 148 : Number(paper))
  return text
}

describe('receipts', () => {
  test.each([
    ['purchase', '58', ['我的酒行', '消费小票', '李秀英', '13811112222', '第八代五粮液', '¥2,198.00', '储值', '现金', '¥1,099.00', '积分余额', '储值本金']],
    ['refund', '80', ['退货小票', '第八代五粮液', '¥1,099.00', '送错了', '储值本金']],
    ['recharge', 'A5', ['充值小票', '¥2,000.00', '微信', '储值本金']],
    ['spend', '58', ['储值消费小票', '¥1,099.00', '储值本金']],
    ['redemption', '80', ['礼品兑换单', '定制开瓶器', '积分余额']],
    ['deposit', '58', ['存酒凭条', '第八代五粮液', '恒温柜A区', '剩余 1 瓶']],
    ['withdraw', '80', ['取酒单', '第八代五粮液', '剩余 0 瓶', '客户签字']],
    ['coupon', '58', ['优惠券', '满1000减100', '满 ¥1000.00 减 ¥100.00', '冬季酱香节', '券码', '有效期']],
    ['couponPurchase', '80', ['消费小票', '第八代五粮液', '现金', '¥999.00', '用券 满1000减100', '抵 ¥100.00']],
  ] as const)('%s prints on %s', async (name, paper, wants) => {
    const kind = ({ deposit: 'wine', withdraw: 'wine', couponPurchase: 'purchase' } as Record<string, string>)[name] ?? name
    const text = await printed(kind, ids[name], paper, name)
    for (const w of wants) expect(text, `${name}: ${w}\n${text}`).toContain(w)
    expect(text).not.toContain('重打')
    if (name === 'coupon') {
      // The code is printed as a Code 128 barcode with the code under it, for the counter's scanner.
      expect(text).toContain(couponCode)
      expect(await app.page.locator('#jk-print-area [data-test="card-barcode"] rect').count()).toBeGreaterThan(10)
    }
  })

  test('a second print of the purchase is marked 重打; a screenshot goes to the README', async () => {
    const text = await printed('purchase', ids.purchase, '80', 'purchase-again')
    expect(text).toContain('重打')
    const { page } = app
    await go(app, `/receipt/purchase/${ids.purchase}?paper=80`)
    const shot = page.locator('.jk-receipt-preview [data-test="receipt"]')
    await shot.waitFor()
    const file = join(app.server.dir, 'receipt.png')
    await shot.screenshot({ path: file })
    // Only on request, like the README's permission table: a plain test run must not change tracked files.
    if (process.env.JIUKE_UPDATE_README) {
      const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'images')
      mkdirSync(docs, { recursive: true })
      copyFileSync(file, join(docs, 'receipt-80mm.png'))
    }
  })

  test('打印 on the 储值 tab prints the recharge line; spends print from theirs', async () => {
    const { page } = app
    await go(app, `/members/${customerId}?tab=wallet`)
    const table = page.locator('[data-test="wallet-table"]')
    await table.locator('.el-table__row').first().waitFor()
    await stubPrint(page)
    await table.locator('.el-table__row', { hasText: '充值' }).locator('[data-test="print-receipt"] button').first().click()
    await expect.poll(() => printCount(page)).toBe(1)
    const text = await receiptPdfText(page, app.server.dir, 'wallet-row', '80')
    expect(text).toContain('充值小票')
    expect(text).toContain('¥2,000.00')
    expect(text).toContain('重打') // printed once above already
    // Only recharges and spends have a receipt of their own; each such line offers one.
    const kinds = await table.locator('[data-test="wallet-kind"]').allTextContents()
    const buttons = await table.locator('.el-table__row').evaluateAll((rows) => rows.map((r) => !!r.querySelector('[data-test="print-receipt"]')))
    expect(buttons).toEqual(kinds.map((k) => k === '充值' || k === '消费'))
  })

  test('the refund prints again from its purchase in the history, marked 重打', async () => {
    const { page } = app
    await go(app, `/members/${customerId}?tab=purchases`)
    const row = page.locator('[data-test="purchase-table"] .el-table__row').filter({ has: page.locator('[data-test="purchase-total"]', { hasText: '¥2,198.00' }) })
    await row.locator('.el-table__expand-icon').click()
    const refund = page.locator('[data-test="purchase-refund"]')
    await expect.poll(() => refund.count()).toBe(1)
    await stubPrint(page)
    await refund.locator('[data-test="print-receipt"] button').first().click()
    await expect.poll(() => printCount(page)).toBe(1)
    const text = await receiptPdfText(page, app.server.dir, 'refund-row', '80')
    expect(text).toContain('退货小票')
    expect(text).toContain('送错了')
    expect(text).toContain('重打')
  })

  test('a coupon handed out on the member page is printed from the banner, with its code', async () => {
    const { page } = app
    await go(app, `/members/${customerId}?tab=coupons`)
    await page.locator('[data-test="coupon-table"] .el-table__row').first().waitFor()
    await page.locator('[data-test="coupon-issue"]').click()
    const dialog = page.locator('[data-test="issue-dialog"]')
    await dialog.locator('[data-test="issue-type"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '满1000减100' }).click()
    await dialog.locator('[data-test="issue-submit"]').click()
    const banner = page.locator('[data-test="receipt-banner"]')
    await banner.waitFor()
    const code = (await banner.locator('[data-test="print-receipt"]').textContent())!.trim()
    expect(code).toMatch(/^[A-Z0-9]{10}$/)
    await stubPrint(page)
    await banner.locator('[data-test="print-receipt"] button').first().click()
    await expect.poll(() => printCount(page)).toBe(1)
    const text = await receiptPdfText(page, app.server.dir, 'coupon-banner', '80')
    expect(text).toContain('优惠券')
    expect(text).toContain(code)
  })
})
