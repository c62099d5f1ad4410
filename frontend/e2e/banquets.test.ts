// A banquet through its screens on a real server: a wedding registered on the 登记宴席 form (an empty
// form refused field by field first), wine delivered with codes typed into the scan box one by one with Enter (a code scanned twice is
// refused), settled with returns, the delivery note and settlement slip printed to A5 PDFs and read back, a photo uploaded, and the host paying part of the balance by stored value, with the
// state, the host's stored value and the stock read back after each step.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { call, go, openApp, type App } from './harness'
import { printCount, receiptPdfText, stubPrint } from './receiptPdf'

/** field finds an input by its data-test, whether Element Plus put it on the input or on a wrapper. */
const field = (page: Page, test: string) => page.locator(`input[data-test="${test}"], [data-test="${test}"] input`).first()

let app: App
let banquet = 0
let host = 0
let productId = 0

// A real 2×2 PNG, so the evidence upload's image check passes.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=='

beforeAll(async () => {
  app = await openApp()
  const p = app.page
  productId = (await call<{ id: number }>(p, 'Sales', 'SaveProduct', {
    id: 0, name: '五粮液普五', series: '', volumeMl: 500, abv: '52%', category: '白酒', retailFen: 100000, bottlesPerCase: 6, service: false, active: true, levelPrices: {},
  })).id
  await call(p, 'Banquets', 'ReceiveStock', productId, 60, '进货', 'stock-1')
  const venue = (await call<{ id: number }>(p, 'Customers', 'Create', {
    name: '周经理', mobile: '13700000001', otherPhone: '', gender: 'M', birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false }, district: '城东', address: '',
    company: '', title: '', source: '进店', referrerId: 0, ownerStaffId: 0, notes: '', consent: true, kind: '终端门店', outletType: '酒店', shopName: '金源大酒店', contactPerson: '周经理',
  })).id
  host = (await call<{ customerId: number }>(p, 'Members', 'Register', { name: '张新郎', mobile: '13700000002', gender: '', levelId: 0, cardNumber: '' })).customerId
  await call(p, 'Wallet', 'Recharge', { customerId: host, packageId: 0, amountFen: 100000, method: 'wechat', note: '', key: 'rech-1', transferConfirmed: false })
  expect(venue).toBeGreaterThan(0)
})

afterAll(async () => {
  await app?.close()
})

describe('a wedding banquet registered, delivered, settled and paid partly by stored value', () => {
  test('a wedding is registered on the form; an empty form is refused field by field and saves nothing', async () => {
    const p = app.page
    await go(app, '/banquets')
    await p.locator('[data-test="banquet-new"]').click()
    await p.locator('[data-test="banquet-form"]').waitFor()
    await p.locator('[data-test="banquet-save"]').click()
    await expect.poll(() => p.locator('[data-test="banquet-form"] .el-form-item__error').allTextContents())
      .toEqual(expect.arrayContaining(['请选择主家', '请选择宴席场地', '请选择宴席日期', '请选择酒品']))
    expect((await call<{ total: number }>(p, 'Banquets', 'List', { state: '', search: '', page: 1, pageSize: 20 })).total).toBe(0)

    await p.locator('[data-test="banquet-field-host"] input').fill('张新郎')
    await p.locator('.el-select-dropdown__item:visible').filter({ hasText: '张新郎' }).click()
    await p.locator('[data-test="banquet-field-kind"]').getByText('婚宴').click()
    const day = new Date(Date.now() + 7 * 86400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
    const date = p.locator('[data-test="banquet-field-date"] input').first()
    await date.fill(day)
    await date.press('Enter')
    await p.locator('[data-test="banquet-field-venue"] .el-select').click()
    await p.locator('.el-select-dropdown__item:visible').filter({ hasText: '金源大酒店' }).click()
    await p.locator('[data-test="banquet-field-tables"] input').fill('10')
    await p.locator('[data-test="banquet-line-0"] [data-test="banquet-line-product"]').click()
    await p.locator('.el-select-dropdown__item:visible').filter({ hasText: '五粮液普五' }).click()
    await p.locator('[data-test="banquet-line-0"] [data-test="banquet-line-cases"] input').fill('2')
    await p.locator('[data-test="banquet-line-0"] input[placeholder="单价（元/瓶）"]').fill('800')
    // Two cases of six at ¥800 a bottle.
    await expect.poll(() => p.locator('[data-test="banquet-total"]').textContent()).toContain('9,600.00')
    await p.locator('[data-test="banquet-save"]').click()
    await p.waitForURL(/#\/banquets\/\d+$/)
    banquet = Number(/banquets\/(\d+)$/.exec(p.url())![1])
    await expect.poll(() => p.locator('[data-test="banquet-state"]').textContent()).toContain('登记')
    const d = await call<{ banquet: { hostId: number; kind: string; tables: number }; lines: { unitFen: number; cases: number }[] }>(p, 'Banquets', 'Detail', banquet)
    expect(d.banquet).toMatchObject({ hostId: host, kind: '婚宴', tables: 10 })
    expect(d.lines).toMatchObject([{ cases: 2, unitFen: 80000 }])
  })

  test('codes are scanned one by one and a code scanned twice is refused', async () => {
    const p = app.page
    await go(app, `/banquets/${banquet}`)
    const scan = field(p, 'delivery-scan')
    for (const code of ['WLY-001', 'WLY-002', 'WLY-001']) {
      await scan.fill(code)
      await scan.press('Enter')
    }
    await expect.poll(() => p.locator('[data-test="delivery-code"]').allTextContents()).toEqual(['WLY-001', 'WLY-002'])
    await expect.poll(() => p.locator('[data-test="delivery-scan-error"]').textContent()).toContain('WLY-001')
    await p.locator('[data-test="delivery-save"]').click()
    await expect.poll(() => p.locator('[data-test="banquet-state"]').textContent()).toContain('已送酒')
    const stock = await call<{ productId: number; onHand: number; atBanquets: number }[]>(p, 'Banquets', 'Stock')
    expect(stock.find((s) => s.productId === productId)).toMatchObject({ onHand: 48, atBanquets: 12 })
  })

  test('settled with returns, the host pays part by stored value', async () => {
    const p = app.page
    await field(p, 'settle-opened').fill('9')
    await field(p, 'settle-returned').fill('3')
    await expect.poll(() => p.locator('[data-test="settle-amount"]').textContent()).toContain('7,200.00')
    await p.locator('[data-test="settle-save"]').click()
    await expect.poll(() => p.locator('[data-test="banquet-state"]').textContent()).toContain('已结算')
    // ¥7,200 due; ¥600 of it from the host's ¥1,000 stored value.
    await p.locator('[data-test="pay-method"]').click()
    await p.locator('.el-select-dropdown__item:visible').filter({ hasText: '储值' }).click()
    await expect.poll(() => p.locator('[data-test="pay-stored"]').textContent()).toContain('1,000.00')
    await field(p, 'pay-amount').fill('2000')
    await p.locator('[data-test="pay-save"]').click()
    await expect.poll(() => p.locator('[data-test="pay-error"]').textContent()).toContain('还差 ¥1000.00')
    await field(p, 'pay-amount').fill('600')
    await p.locator('[data-test="pay-save"]').click()
    await expect.poll(() => p.locator('[data-test="pay-balance"]').textContent()).toContain('6,600.00')
    const bal = await call<{ principalFen: number; bonusFen: number }>(p, 'Wallet', 'Balance', host)
    expect(bal.principalFen + bal.bonusFen).toBe(40000)
    const stock = await call<{ productId: number; onHand: number; atBanquets: number }[]>(p, 'Banquets', 'Stock')
    expect(stock.find((s) => s.productId === productId)).toMatchObject({ onHand: 51, atBanquets: 0 })
  })

  test('the delivery note and the settlement slip print on A5 with the codes and the settled figures', async () => {
    const p = app.page
    await stubPrint(p)
    await p.locator('[data-test="print-delivery"]').click()
    await expect.poll(() => printCount(p)).toBe(1)
    const note = await receiptPdfText(p, app.server.dir, 'banquet-delivery', 'A5')
    for (const want of ['宴席送酒单', '张新郎', '金源大酒店', '五粮液普五', 'WLY-001', 'WLY-002']) expect(note).toContain(want)
    // Only the note is printed, not the page's buttons around it.
    expect(note).not.toContain('记一笔')
    await p.locator('[data-test="print-settlement"]').click()
    await expect.poll(() => printCount(p)).toBe(2)
    const slip = await receiptPdfText(p, app.server.dir, 'banquet-settlement', 'A5')
    for (const want of ['宴席结算单', '张新郎', '五粮液普五', '7,200.00']) expect(slip).toContain(want)
  })

  test('a photo of the tables is attached by upload in the browser (no window file dialog here)', async () => {
    const p = app.page
    expect(await p.locator('[data-test="evidence-pick"]').count()).toBe(0)
    await p.locator('[data-test="evidence-file"]').setInputFiles({ name: 'tables.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') })
    await expect.poll(() => p.locator('[data-test="evidence-photo"]').count()).toBe(1)
  })
})
