// The membership economy through the real UI on a real server: a product and a gift set up in the
// settings, a VIP registered with a scanned card (a wrong check digit refused), the card scanned in the
// global search, a purchase by keyboard that earns points and lifts the member to 银卡, a gift
// redeemed, and a refund of that purchase after the points were spent: the shortfall is shown, turned
// into money, before the clerk confirms. Last, a fifth level is added in 设置 › 会员等级 and removed again.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, fill, go, openApp, type App } from './harness'
import { sampleCardNumber } from '../src/utils/cardNumber'

let app: App
let memberId = 0
// A card as a scanner reads it: prefix 6, sequence 12345, Luhn check digit.
const CARD = sampleCardNumber('6', 12345)
const BAD_CARD = CARD.slice(0, -1) + String((Number(CARD.at(-1)) + 3) % 10)

beforeAll(async () => {
  app = await openApp()
})

afterAll(async () => {
  await app?.close()
})

async function balance(): Promise<number> {
  const v = await call<{ balance: number }>(app.page, 'Members', 'View', memberId)
  return v.balance
}

describe('membership at the counter', () => {
  test('a product is added in 设置 › 酒品, a gift in 积分 › 礼品', async () => {
    const { page } = app
    await go(app, '/settings?tab=products')
    await page.locator('[data-test="products-empty"]').waitFor()
    await page.locator('[data-test="product-add"]').click()
    const dialog = page.locator('[data-test="product-dialog"]')
    await dialog.locator('[data-test="product-field-name"] input:focus').waitFor()
    await page.keyboard.type('飞天茅台')
    await fill(page, 'product-field-series', '茅台')
    await fill(page, 'product-field-volume', '500')
    await fill(page, 'product-field-abv', '53%vol')
    await fill(page, 'product-field-retail', '2,999')
    // The member price of 银卡 follows its discount unless one is typed.
    await expect.poll(() => dialog.locator('input[data-test="product-price-2"]').getAttribute('placeholder')).toBe('留空按9.8折：¥2,939.02')
    await dialog.locator('[data-test="product-field-retail"] input').press('Enter')
    const row = page.locator('[data-test="product-table"] .el-table__row').first()
    await row.waitFor()
    expect(await row.locator('[data-test="product-name"]').textContent()).toBe('飞天茅台')
    expect(await row.locator('[data-test="product-retail"]').textContent()).toBe('¥2,999.00')

    // A second product straight through the API, to pick among two.
    await call(page, 'Sales', 'SaveProduct', { id: 0, name: '普五', series: '五粮液', volumeMl: 500, abv: '52%vol', category: '白酒', retailFen: 109900, service: false, active: true, levelPrices: {} })

    await go(app, '/points?tab=gifts')
    await page.locator('[data-test="gift-add"]').click()
    const gd = page.locator('[data-test="gift-dialog"]')
    await gd.locator('[data-test="gift-field-name"] input:focus').waitFor()
    await page.keyboard.type('定制水晶酒杯')
    const cost = gd.locator('[data-test="gift-field-cost"] input')
    await cost.fill('5000')
    await cost.press('Tab')
    const stock = gd.locator('[data-test="gift-field-stock"] input')
    await stock.fill('3')
    await stock.press('Tab')
    await gd.locator('[data-test="gift-save"]').click()
    await expect.poll(() => page.locator('[data-test="gift-name"]').allTextContents()).toEqual(['定制水晶酒杯'])
    expect(await page.locator('[data-test="gift-stock"]').textContent()).toBe('3')
  })

  test('registering a VIP: a wrong check digit is refused, a scanned card number is taken', async () => {
    const { page } = app
    await go(app, '/members/new')
    await page.locator('[data-test="reg-name"] input:focus').waitFor()
    await page.keyboard.type('王大伟')
    await page.keyboard.press('Tab')
    await page.keyboard.type('13900139000')
    const card = page.locator('[data-test="reg-cardNumber"] input')
    await card.fill(BAD_CARD)
    await card.press('Enter')
    const err = page.locator('[data-test="error-cardNumber"]')
    await err.waitFor()
    expect((await err.textContent())?.trim()).toBe('卡号校验位不正确，请重新扫描或核对卡号')
    expect(page.url()).toMatch(/#\/members\/new$/)
    const none = await call<{ total: number }>(page, 'Members', 'List', { levelId: 0, page: 1, pageSize: 20 })
    expect(none.total).toBe(0)
    // Go refuses it in the same words, should a number get past the form.
    await expect(call(page, 'Members', 'Register', { name: '王大伟', mobile: '13900139000', levelId: 0, cardNumber: BAD_CARD, gender: '' }))
      .rejects.toThrow('卡号校验位不正确')

    // The scanner types the right number and Enter.
    await card.fill(CARD)
    await page.locator('[data-test="card-ok"]').waitFor()
    await card.press('Enter')
    await page.waitForURL(/#\/members\/\d+$/)
    memberId = Number(page.url().match(/members\/(\d+)$/)![1])
    expect(await page.locator('[data-test="register-done"]').textContent()).toContain(`已注册会员「王大伟」，卡号 ${CARD}`)
    expect(await page.locator('[data-test="level-tag"]').first().textContent()).toBe('普卡')
    expect(await page.locator('[data-test="card-number"]').textContent()).toBe(CARD)
    expect(await page.locator('[data-test="card-barcode"] rect').count()).toBeGreaterThan(10)
  })

  test('scanning the card in the global search opens the member view, ready for a sale', async () => {
    const { page } = app
    await go(app, '/')
    await page.locator('[data-test="home-total"]').waitFor()
    await page.keyboard.press('F2')
    // A scanner: the digits and Enter at once.
    await page.keyboard.type(CARD)
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/members\/\d+\?scan=/)
    expect(await page.locator('[data-test="member-name"]').textContent()).toBe('王大伟')
    expect(await page.locator('[data-test="member-balance"]').textContent()).toContain('0')
    expect(await page.locator('[data-test="member-gap"]').textContent()).toBe('再消费 ¥5,000.00 升级为「银卡」')
    // 新建消费 has the focus: Enter starts the sale.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('btn-purchase')
  })

  test('a purchase by keyboard earns points and lifts the member to 银卡 when it crosses ¥5,000', async () => {
    const { page } = app
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/purchase$/)
    await page.locator('[data-test="line-product-0"] input:focus').waitFor()
    await page.keyboard.type('茅台')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '飞天茅台' }).waitFor()
    await page.keyboard.press('Enter')
    // Picking moves on to the quantity, selected, so typing replaces it.
    await page.locator('input[data-test="line-qty-0"]:focus').waitFor()
    await page.keyboard.type('2')
    expect(await page.locator('[data-test="line-unit-0"]').textContent()).toBe('¥2,999.00')
    await expect.poll(() => page.locator('[data-test="sale-total"]').textContent()).toBe('¥5,998.00')
    expect(await page.locator('[data-test="sale-points"]').textContent()).toContain('+5,998')
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/members\/\d+$/)
    const done = page.locator('[data-test="purchase-done"]')
    await done.waitFor()
    expect(await done.locator('[data-test="purchase-done-text"]').textContent()).toBe('已记录消费 ¥5,998.00，获得 5,998 积分')
    expect(await done.locator('[data-test="purchase-upgraded"]').textContent()).toBe('恭喜！已升级为「银卡」')
    expect(await page.locator('[data-test="level-tag"]').first().textContent()).toBe('银卡')
    expect(await page.locator('[data-test="member-balance"]').textContent()).toContain('5,998')
    expect(await page.locator('[data-test="member-spend"]').textContent()).toBe('¥5,998.00')
    expect(await balance()).toBe(5998)
    await expect.poll(() => page.locator('[data-test="purchase-lines"]').allTextContents()).toEqual(['茅台 飞天茅台 500ml × 2'])
  })

  test('redeeming a gift by keyboard: too many is refused clearly, one is taken', async () => {
    const { page } = app
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('btn-purchase')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const dialog = page.locator('[data-test="redeem-dialog"]')
    await dialog.locator('[data-test="redeem-gift"] input:focus').waitFor()
    await page.keyboard.type('酒杯')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '定制水晶酒杯' }).waitFor()
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.locator('[data-test="redeem-cost"]').textContent()).toBe('5,000')
    // Two would need 10,000 points: said at once, and nothing can be booked.
    await dialog.locator('.el-input-number__increase').click()
    await expect.poll(() => dialog.locator('[data-test="redeem-qty-error"]').textContent()).toContain('积分不足：可用 5,998 分，需要 10,000 分')
    expect(await dialog.locator('[data-test="redeem-confirm"]').isDisabled()).toBe(true)
    await dialog.locator('.el-input-number__decrease').click()
    await expect.poll(() => dialog.locator('[data-test="redeem-after"]').textContent()).toBe('998')
    await dialog.locator('[data-test="redeem-qty"] input').press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('[data-test="member-balance"]').textContent()).toContain('998')
    expect(await balance()).toBe(998)
    const gifts = await call<{ stock: number }[]>(page, 'Points', 'Gifts', false)
    expect(gifts[0].stock).toBe(2)

    await page.reload()
    await page.locator('[data-test="purchase-table"] .el-table__row').first().waitFor()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: '/tmp/jiuke-member.png', fullPage: true })
  })

  test('refunding the purchase after the points were spent shows the shortfall deducted before confirming', async () => {
    const { page } = app
    await page.locator('[data-test="btn-refund"]').first().click()
    const dialog = page.locator('[data-test="refund-dialog"]')
    const plan = dialog.locator('[data-test="refund-plan"]')
    await plan.waitFor()
    await expect.poll(() => dialog.locator('[data-test="refund-confirm"]').textContent()).toContain('确认退货，实退 ¥5,948.00')
    expect(await plan.locator('[data-test="plan-amount"]').textContent()).toBe('¥5,998.00')
    expect(await plan.locator('[data-test="plan-points"]').textContent()).toBe('5,998')
    expect(await plan.locator('[data-test="plan-shortfall"]').textContent()).toContain('积分不足 5,000 分，按每分 ¥0.01 折合扣款')
    expect(await plan.locator('[data-test="plan-deduct"]').textContent()).toBe('-¥50.00')
    expect(await plan.locator('[data-test="plan-paid"]').textContent()).toBe('¥5,948.00')
    expect(await plan.locator('[data-test="refund-summary"]').textContent()).toBe(
      '退款 ¥5,998.00，应扣回积分 5,998 分，但客户只剩 998 分：扣回 998 分，不足的 5,000 分按每分 ¥0.01 折合 ¥50.00，从退款中扣除，实退 ¥5,948.00。' +
      '退款后等级将由 银卡 降回 普卡。')
    // The purchase lifted him to 银卡; without it his spend is under ¥5,000, so the refund takes the level back.
    expect(await plan.locator('[data-test="plan-level"]').textContent()).toBe('退款后等级将由 银卡 降回 普卡')
    // Nothing has changed yet.
    expect(await balance()).toBe(998)

    // By line: one bottle of two, the plan follows the choice (2,999 points back, 2,001 short → ¥20.01).
    await dialog.locator('[data-test="refund-by-line"]').click()
    const qty = dialog.locator('[data-test="refund-qty-0"] input')
    await qty.fill('1')
    await qty.press('Tab')
    await expect.poll(() => plan.locator('[data-test="plan-paid"]').textContent()).toBe('¥2,978.99')
    // ¥2,999 of spend left is still under 银卡's ¥5,000: the level goes back for one bottle too.
    expect(await plan.locator('[data-test="plan-level"]').textContent()).toBe('退款后等级将由 银卡 降回 普卡')
    await page.screenshot({ path: '/tmp/jiuke-refund.png' })
    await dialog.locator('[data-test="refund-all"]').click()
    await expect.poll(() => dialog.locator('[data-test="refund-confirm"]').textContent()).toContain('¥5,948.00')

    await dialog.locator('[data-test="refund-confirm"]').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('[data-test="member-balance"]').textContent()).toBe('0分')
    expect(await balance()).toBe(0)
    await expect.poll(() => page.locator('[data-test="purchase-refunded"]').textContent()).toBe('已退 ¥5,998.00')
    await expect.poll(() => page.locator('[data-test="level-tag"]').first().textContent()).toBe('普卡')
    const purchases = await call<{ refundedFen: number }[]>(page, 'Sales', 'Purchases', memberId, '', 0)
    expect(purchases[0].refundedFen).toBe(599800)
    expect(app.pageErrors).toEqual([])
  })

  test('a frozen card: scanning it says so, and unfreezing lifts it', async () => {
    const { page } = app
    await page.locator('[data-test="btn-freeze"]').click()
    const dialog = page.locator('[data-test="freeze-dialog"]')
    await dialog.locator('[data-test="freeze-reason"] input:focus').waitFor()
    // A reason is required.
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.locator('.el-form-item__error').textContent()).toBe('请填写冻结原因')
    await page.keyboard.type('客户要求暂停')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('[data-test="frozen-banner"]').textContent()).toContain('会员卡已冻结（客户要求暂停）')

    await page.keyboard.press('F2')
    await page.keyboard.type(CARD)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\?scan=/)
    await expect.poll(() => page.locator('[data-test="scan-warning"]').textContent()).toContain('该卡已冻结（客户要求暂停），不能积分或消费积分')
    expect(await page.locator('[data-test="member-name"]').textContent()).toBe('王大伟')

    await page.locator('[data-test="btn-unfreeze"]').click()
    await page.locator('.el-message-box .el-button--primary').click()
    await expect.poll(() => page.locator('[data-test="frozen-banner"]').count()).toBe(0)
    expect(await page.locator('[data-test="card-state"]').textContent()).toBe('正常')
  })

  test('a lost card is replaced by a generated one; scanning the old card points to the new', async () => {
    const { page } = app
    await page.locator('[data-test="btn-replace"]').click()
    const dialog = page.locator('[data-test="replace-dialog"]')
    await dialog.locator('[data-test="replace-number"] input:focus').waitFor()
    // Blank: a number is generated from the prefix.
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('[data-test="card-number"]').textContent()).not.toBe(CARD)
    const fresh = (await page.locator('[data-test="card-number"]').textContent())!
    expect(fresh).toMatch(/^8\d{8}$/)
    expect(await page.locator('[data-test="member-balance"]').textContent()).toBe('0分')

    await page.keyboard.press('F2')
    await page.keyboard.type(CARD)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-test="scan-warning"]').textContent()).toContain(`该卡已挂失补办，新卡号 ${fresh}`)
  })

  test('registering with the mobile of a customer already in the archive makes that customer the member', async () => {
    const { page } = app
    const c = await call<{ id: number }>(page, 'Customers', 'Create', {
      name: '李娜', mobile: '13611112222', otherPhone: '', gender: 'F', birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false },
      district: '', address: '', company: '', title: '', source: '进店', referrerId: 0, ownerStaffId: 0, notes: '', consent: false,
    })
    await go(app, `/customers/${c.id}`)
    await page.locator('[data-test="btn-register-member"]').waitFor()
    await go(app, '/members/new')
    await page.locator('[data-test="reg-name"] input:focus').waitFor()
    await page.keyboard.type('李娜')
    await page.keyboard.press('Tab')
    await page.keyboard.type('136 1111 2222')
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`#/members/${c.id}$`))
    expect(await page.locator('[data-test="register-reused"]').textContent()).toContain('手机号 136 1111 2222 已有客户档案「李娜」')
    expect(await page.locator('[data-test="register-done"]').textContent()).toContain('（自动生成）')
    await go(app, `/customers/${c.id}`)
    await page.locator('[data-test="btn-member-page"]').waitFor()
    expect(await page.locator('[data-test="level-tag"]').textContent()).toBe('普卡')
    expect(app.pageErrors).toEqual([])
  })

  test('a fifth level 黑金卡 is added above 钻石卡, kept after a reload, then removed again', async () => {
    const { page } = app
    type L = { id: number; name: string; upgradeFen: number; keepFen: number; members: number }
    // The refund took 王大伟 back to 普卡: a member placed in 银卡 by hand keeps that level in use.
    const silver = (await call<L[]>(page, 'Members', 'Levels')).find((l) => l.name === '银卡')!
    expect(silver.members).toBe(0)
    await call(page, 'Members', 'Register', { name: '陈银卡', mobile: '13700137001', gender: '', levelId: silver.id, cardNumber: '' })
    await go(app, '/settings?tab=levels')
    await page.locator('[data-test="level-row-3"]').waitFor()
    expect(await page.locator('[data-test="level-row-4"]').count()).toBe(0)
    // The lowest level cannot be removed; one with members can't either, and says why.
    expect(await page.locator('[data-test="level-remove-0"]').count()).toBe(0)
    expect(await page.locator('[data-test="level-remove-1"]').isDisabled()).toBe(true)
    expect(await page.locator('[data-test="level-remove-wrap-1"]').getAttribute('aria-label')).toBe('「银卡」还有 1 位会员，请先调整他们的等级再删除')

    await page.locator('[data-test="levels-add"]').click()
    // The new row has the focus on its blank name, and says so until it has one.
    await page.locator('input[data-test="level-name-4"]:focus').waitFor()
    await expect.poll(() => page.locator('[data-test="level-error-4"]').textContent()).toBe('第5个等级缺少名称')
    expect(await page.locator('[data-test="levels-save"]').isDisabled()).toBe(true)
    await page.keyboard.type('黑金卡')
    // A threshold below 钻石卡 is pointed out before saving.
    await page.locator('input[data-test="level-upgrade-4"]').fill('40,000')
    await expect.poll(() => page.locator('[data-test="level-error-4"]').textContent()).toContain('「黑金卡」的升级门槛应高于「钻石卡」')
    await page.locator('input[data-test="level-upgrade-4"]').fill('80,000')
    await page.locator('input[data-test="level-keep-4"]').fill('50000')
    await page.locator('input[data-test="level-keep-4"]').press('Enter')
    await page.locator('.el-message--success', { hasText: '会员等级已保存' }).waitFor()

    await page.reload()
    await page.locator('[data-test="level-row-4"]').waitFor()
    expect(await page.locator('input[data-test="level-name-4"]').inputValue()).toBe('黑金卡')
    expect(await page.locator('input[data-test="level-upgrade-4"]').inputValue()).toBe('80000')
    let levels = await call<L[]>(page, 'Members', 'Levels')
    expect(levels.map((l) => l.name)).toEqual(['普卡', '银卡', '金卡', '钻石卡', '黑金卡'])
    expect(levels[4]).toMatchObject({ upgradeFen: 8_000_000, keepFen: 5_000_000, members: 0 })

    // Removing asks first; cancelling keeps the row.
    await page.locator('[data-test="level-remove-4"]').click()
    const box = page.locator('.jk-level-remove-confirm')
    await expect.poll(() => box.textContent()).toContain('删除等级「黑金卡」？保存后生效。')
    await box.locator('.el-button', { hasText: '取消' }).click()
    await box.waitFor({ state: 'hidden' })
    expect(await page.locator('[data-test="level-row-4"]').count()).toBe(1)
    await page.locator('[data-test="level-remove-4"]').click()
    await box.locator('.el-button--primary').click()
    await box.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('[data-test="level-row-4"]').count()).toBe(0)
    await page.locator('[data-test="levels-save"]').click()
    await expect.poll(async () => (await call<L[]>(page, 'Members', 'Levels')).map((l) => l.name)).toEqual(['普卡', '银卡', '金卡', '钻石卡'])
    await page.reload()
    await page.locator('[data-test="level-row-3"]').waitFor()
    expect(await page.locator('[data-test="level-row-4"]').count()).toBe(0)
    levels = await call<L[]>(page, 'Members', 'Levels')
    expect(levels).toHaveLength(4)
    expect(app.pageErrors).toEqual([])
  })

  test('a member with years of purchases sees them a hundred at a time, none lost', async () => {
    const { page } = app
    const r = await call<{ customerId: number }>(page, 'Members', 'Register', { name: '老主顾', mobile: '13700137777', gender: '', levelId: 0, cardNumber: '' })
    const [wuliang] = (await call<{ id: number; name: string }[]>(page, 'Sales', 'Products', true)).filter((p) => p.name === '普五')
    for (let i = 0; i < 101; i++) {
      const date = new Date(Date.UTC(2024, 0, 1 + i * 5)).toISOString().slice(0, 10)
      await call(page, 'Sales', 'Record', { customerId: r.customerId, cardNumber: '', lines: [{ productId: wuliang.id, qty: 1, overridePrice: false, unitFen: 0 }],
        date, note: '', key: `e2e-years-${i}`, noPoints: false, communityId: 0 })
    }
    await go(app, `/members/${r.customerId}`)
    const rows = page.locator('[data-test="purchase-table"] .el-table__body tr.el-table__row')
    await expect.poll(() => rows.count()).toBe(100)
    await page.locator('[data-test="list-more"]').click()
    await expect.poll(() => page.locator('[data-test="list-all-shown"]').textContent()).toBe('已全部显示（101 条）')
    expect(await rows.last().locator('.jk-mono').first().textContent()).toBe('2024-01-01')
    expect(app.pageErrors).toEqual([])
  })
})
