// Stored value through the real UI on a real server: a 充1000送100 package set up in 设置 · 储值, a member
// recharged with it from the 储值 tab (a recharge over the named-card cap refused), a purchase paid half
// by stored value and half by WeChat with the balance shown before confirming, its refund returning the
// stored part to the card, a manual adjustment with a reason, and 退卡 by a clerk with the figures shown
// first and a manager's PIN on the spot: principal paid back, bonus forfeited, card frozen. After each
// step the balance and the ledger are read from the screen, and the balance from Go. Then a company's
// ¥5,000 recharge with the bank-transfer notice, and the 预收款 card, report, export and 章程.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { call, go, OWNER, openApp, openSeat, signIn, type App } from './harness'

const MANAGER = { name: '王店长', pin: '8642' }
const CLERK = { name: '小李', pin: '2468' }

let app: App
let memberId = 0
interface Balance { principalFen: number; bonusFen: number }
const balance = () => call<Balance>(app.page, 'Wallet', 'Balance', memberId)

/** fill types into a field by its data-test, whether Element Plus put it on the input or on a wrapper. */
async function fill(page: Page, test: string, value: string) {
  await page.locator(`input[data-test="${test}"], textarea[data-test="${test}"], [data-test="${test}"] input`).first().fill(value)
}

/** walletTab opens the member's 储值 tab and waits for its ledger to show `kinds`, newest first. */
async function walletTab(page: Page, total: string, split: string, kinds: string[]) {
  // Reloaded, so the tab loads afresh even when the page was already showing it.
  await page.goto(app.server.url + `#/members/${memberId}?tab=wallet`)
  await page.reload()
  // A fresh start of the app on this busy machine takes longer than a poll waits.
  await page.locator('[data-test="wallet-kind"]').nth(kinds.length - 1).waitFor()
  await expect.poll(() => page.locator('[data-test="wallet-kind"]').allTextContents()).toEqual(kinds)
  expect(await page.locator('[data-test="wallet-balance"]').textContent()).toBe(total)
  expect(await page.locator('[data-test="wallet-split"]').textContent()).toBe(split)
}

beforeAll(async () => {
  app = await openApp()
  await call(app.page, 'Sales', 'SaveProduct', { id: 0, name: '干红', series: '', volumeMl: 750, abv: '13%vol', category: '葡萄酒', retailFen: 40000,
    bottlesPerCase: 6, service: false, active: true, levelPrices: {} })
  const r = await call<{ customerId: number }>(app.page, 'Members', 'Register', { name: '储值客', mobile: '13900139001', levelId: 0, cardNumber: '', gender: '' })
  memberId = r.customerId
  await call(app.page, 'Staff', 'Create', { name: MANAGER.name, role: 'manager', active: true, secret: MANAGER.pin })
  await call(app.page, 'Staff', 'Create', { name: CLERK.name, role: 'clerk', active: true, secret: CLERK.pin })
})

afterAll(async () => {
  await app?.close()
})

describe('stored value at the counter', () => {
  test('the owner sets up a package in 设置 · 储值, each amount checked as typed', async () => {
    const { page } = app
    await go(app, '/settings?tab=wallet')
    await page.locator('[data-test="package-add"]').click()
    await fill(page, 'package-name-0', '充1000送100')
    await fill(page, 'package-pay-0', '1000.123')
    await expect.poll(() => page.locator('[data-test="package-pay-error-0"]').textContent()).toBe('金额最多两位小数')
    await page.locator('[data-test="packages-save"]').click()
    expect(await call<unknown[]>(page, 'Wallet', 'Packages', false)).toEqual([])
    await fill(page, 'package-pay-0', '1000')
    await fill(page, 'package-bonus-0', '100')
    await fill(page, 'package-points-0', '200')
    await expect.poll(() => page.locator('[data-test="packages-error"]').count()).toBe(0)
    await page.locator('[data-test="packages-save"]').click()
    await expect.poll(() => page.locator('.el-message--success').last().textContent()).toContain('充值套餐已保存')
    expect(await call(page, 'Wallet', 'Packages', false)).toMatchObject([{ name: '充1000送100', payFen: 100000, bonusFen: 10000, points: 200, active: true }])
  })

  test('recharge with a package from the 储值 tab shows the bonus and the balance after; over the cap is refused', async () => {
    const { page } = app
    await go(app, `/members/${memberId}?tab=wallet`)
    await page.locator('[data-test="wallet-empty"]').waitFor()
    expect(await page.locator('[data-test="wallet-balance"]').textContent()).toBe('¥0.00')
    await page.locator('[data-test="wallet-recharge"]').click()
    const dialog = page.locator('[data-test="recharge-dialog"]')
    const pkg = dialog.locator('.el-radio-button', { hasText: '充1000送100' })
    await pkg.waitFor()
    expect(await pkg.textContent()).toContain('送 ¥100.00')
    expect(await pkg.textContent()).toContain('另送 200 积分')
    await pkg.click()
    await expect.poll(() => dialog.locator('[data-test="recharge-after"]').textContent()).toContain('¥1,100.00')
    await dialog.locator('[data-test="recharge-confirm"]').click()
    await expect.poll(() => page.locator('.el-message--success').last().textContent()).toContain('已充值 ¥1,000.00')
    expect(await page.locator('.el-message--success').last().textContent()).toContain('赠送 ¥100.00')
    expect(await page.locator('.el-message--success').last().textContent()).toContain('200 积分')
    await walletTab(page, '¥1,100.00', '本金 ¥1,000.00 · 赠送 ¥100.00', ['充值'])
    expect(await balance()).toEqual({ principalFen: 100000, bonusFen: 10000 })

    // A custom amount has no bonus; ¥4,500 more would put the principal over ¥5,000: refused, nothing booked.
    await page.locator('[data-test="wallet-recharge"]').click()
    await dialog.locator('[data-test="package-custom"]').click()
    await fill(page, 'recharge-amount', '45.123')
    await expect.poll(() => dialog.locator('[data-test="recharge-amount"] .el-form-item__error').textContent()).toContain('两位小数')
    await fill(page, 'recharge-amount', '4500')
    await expect.poll(() => dialog.locator('[data-test="recharge-after"]').textContent()).toContain('赠送 ¥100.00')
    await dialog.locator('[data-test="recharge-confirm"]').click()
    await expect.poll(() => dialog.locator('[data-test="recharge-error"]').textContent()).toBe('记名卡余额上限为 ¥5000.00：现有本金 ¥1000.00，充值后本金将为 ¥5500.00，超出 ¥500.00')
    await dialog.locator('.el-dialog__headerbtn').click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await balance()).toEqual({ principalFen: 100000, bonusFen: 10000 })
  })

  test('a purchase paid half by stored value: the balance is shown, a shortfall named, the split booked', async () => {
    const { page } = app
    await go(app, `/members/${memberId}/purchase`)
    await page.locator('[data-test="line-product-0"] input:focus').waitFor()
    await page.keyboard.type('干红')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '干红' }).waitFor()
    await page.keyboard.press('Enter')
    await page.locator('input[data-test="line-qty-0"]:focus').waitFor()
    await page.keyboard.type('4')
    await expect.poll(() => page.locator('[data-test="sale-total"]').textContent()).toBe('¥1,600.00')
    await expect.poll(() => page.locator('[data-test="pay-balance"]').textContent()).toContain('¥1,100.00')
    await fill(page, 'pay-stored', '1200')
    await expect.poll(() => page.locator('[data-test="pay-error"]').textContent()).toBe('储值余额不足，还差 ¥100.00')
    await fill(page, 'pay-stored', '800')
    await expect.poll(() => page.locator('[data-test="pay-error"]').count()).toBe(0)
    await page.locator('[data-test="pay-method"] .el-radio-button', { hasText: '微信' }).click()
    await page.locator('[data-test="sale-submit"]').click()
    await page.waitForURL(/#\/members\/\d+$/)
    // ¥800 from 1000 principal + 100 bonus, in proportion: 727.27 principal, 72.73 bonus.
    await expect.poll(balance).toEqual({ principalFen: 100000 - 72727, bonusFen: 10000 - 7273 })
    await walletTab(page, '¥300.00', '本金 ¥272.73 · 赠送 ¥27.27', ['消费', '充值'])
    const purchases = await call<{ payments: { method: string; amountFen: number }[] }[]>(page, 'Sales', 'Purchases', memberId, '', 0)
    expect(purchases[0].payments).toEqual([{ method: 'stored', amountFen: 80000 }, { method: 'wechat', amountFen: 80000 }])
  })

  test('refunding the purchase returns the stored part to the card, the rest as WeChat', async () => {
    const { page } = app
    await go(app, `/members/${memberId}`)
    await page.locator('[data-test="btn-refund"]').first().click()
    const dialog = page.locator('[data-test="refund-dialog"]')
    await expect.poll(() => dialog.locator('[data-test="plan-payback"]').allTextContents()).toEqual(['退回去向退回储值 ¥800.00', '退回去向微信退还 ¥800.00'])
    await fill(page, 'refund-reason', '质量问题')
    await dialog.locator('[data-test="refund-confirm"]').click()
    await expect.poll(balance).toEqual({ principalFen: 100000, bonusFen: 10000 })
    await walletTab(page, '¥1,100.00', '本金 ¥1,000.00 · 赠送 ¥100.00', ['退货退回', '消费', '充值'])
  })

  test('a manual adjustment needs a reason and cannot take off more than the balance holds', async () => {
    const { page } = app
    await walletTab(page, '¥1,100.00', '本金 ¥1,000.00 · 赠送 ¥100.00', ['退货退回', '消费', '充值'])
    await page.locator('[data-test="wallet-adjust"]').click()
    const dialog = page.locator('[data-test="adjust-dialog"]')
    await dialog.locator('[data-test="adjust-direction"] .el-radio-button', { hasText: '减少' }).click()
    await fill(page, 'adjust-principal', '2000')
    await expect.poll(() => dialog.locator('[data-test="adjust-principal"] .el-form-item__error').textContent()).toBe('本金只有 ¥1,000.00，不能减少更多')
    await dialog.locator('[data-test="adjust-direction"] .el-radio-button', { hasText: '增加' }).click()
    await fill(page, 'adjust-principal', '')
    await fill(page, 'adjust-bonus', '20')
    await dialog.locator('[data-test="adjust-confirm"]').click()
    await expect.poll(() => dialog.locator('[data-test="adjust-reason"] .el-form-item__error').textContent()).toBe('请填写调整原因')
    expect(await balance()).toEqual({ principalFen: 100000, bonusFen: 10000 })
    await fill(page, 'adjust-reason', '退货补偿')
    await dialog.locator('[data-test="adjust-confirm"]').click()
    await expect.poll(balance).toEqual({ principalFen: 100000, bonusFen: 12000 })
    await walletTab(page, '¥1,120.00', '本金 ¥1,000.00 · 赠送 ¥120.00', ['调整', '退货退回', '消费', '充值'])
  })

  test('退卡 by a clerk shows the principal refunded and the bonus forfeited, needs a manager PIN, then freezes the card', async () => {
    const clerk = await openSeat(app)
    await signIn(clerk, CLERK.name, CLERK.pin)
    await clerk.locator('[data-test="staff-role"]').filter({ hasText: '店员' }).waitFor()
    await clerk.goto(app.server.url + `#/members/${memberId}?tab=wallet`)
    await expect.poll(() => clerk.locator('[data-test="wallet-balance"]').textContent()).toBe('¥1,120.00')
    await clerk.locator('[data-test="wallet-close"]').click()
    const dialog = clerk.locator('[data-test="close-dialog"]')
    await expect.poll(() => dialog.locator('[data-test="close-refund"]').textContent()).toBe('¥1,000.00')
    expect(await dialog.locator('[data-test="close-forfeit"]').textContent()).toBe('¥120.00')
    await dialog.locator('[data-test="close-confirm"]').click()
    await expect.poll(() => dialog.locator('[data-test="close-reason"] .el-form-item__error').textContent()).toBe('请填写退卡原因')
    // The dialog's own hint says a manager approves; the approval itself comes only with a reason.
    const approval = clerk.locator('.el-dialog', { has: clerk.locator('[data-test="approval-secret"]') })
    expect(await approval.isVisible()).toBe(false)
    await fill(clerk, 'close-reason', '搬家')
    await dialog.locator('[data-test="close-confirm"]').click()

    await approval.waitFor()
    expect(await approval.textContent()).toContain('「储值退卡」需要店长或老板授权')
    await approval.locator('[data-test="approval-approver"] .el-radio', { hasText: MANAGER.name }).click()
    const pin = approval.locator('[data-test="approval-secret"] input')
    await pin.fill(MANAGER.pin)
    await pin.press('Enter')
    await approval.waitFor({ state: 'hidden' })
    await expect.poll(() => clerk.locator('.el-message--success').last().textContent()).toContain('退还本金 ¥1,000.00')
    await expect.poll(balance).toEqual({ principalFen: 0, bonusFen: 0 })
    const view = await call<{ card: { state: string } }>(app.page, 'Members', 'View', memberId)
    expect(view.card.state).toBe('frozen')
    await walletTab(clerk, '¥0.00', '本金 ¥0.00 · 赠送 ¥0.00', ['退卡', '调整', '退货退回', '消费', '充值'])
    expect(await clerk.locator('[data-test="wallet-recharge"]').isDisabled()).toBe(true)
    await clerk.close()
  })

  test('a company recharging ¥5,000 is told to pay by bank transfer first, and goes on once the clerk confirms', async () => {
    const { page } = app
    const co = await call<{ id: number }>(page, 'Customers', 'Create', { name: '川酒贸易公司', mobile: '13900139002', otherPhone: '', gender: '',
      birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false }, district: '', address: '', company: '川酒贸易公司', title: '',
      source: '进店', referrerId: 0, ownerStaffId: 0, notes: '', consent: false, kind: '企业' })
    const r = await call<{ customerId: number; reused: boolean }>(page, 'Members', 'Register', { name: '川酒贸易公司', mobile: '13900139002', levelId: 0, cardNumber: '', gender: '' })
    expect(r).toMatchObject({ customerId: co.id, reused: true })
    await go(app, `/members/${co.id}?tab=wallet`)
    await page.locator('[data-test="wallet-empty"]').waitFor()
    await page.locator('[data-test="wallet-recharge"]').click()
    const dialog = page.locator('[data-test="recharge-dialog"]')
    await dialog.locator('[data-test="package-custom"]').click()
    await fill(page, 'recharge-amount', '5000')
    await dialog.locator('[data-test="recharge-method"] .el-radio-button', { hasText: '现金' }).click()
    await dialog.locator('[data-test="recharge-confirm"]').click()
    const notice = page.locator('.el-message-box', { hasText: '请确认付款方式' })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('应通过对公银行转账支付')
    expect(await call<Balance>(page, 'Wallet', 'Balance', co.id)).toEqual({ principalFen: 0, bonusFen: 0 })
    await notice.locator('button', { hasText: '已确认，继续充值' }).click()
    await expect.poll(() => call<Balance>(page, 'Wallet', 'Balance', co.id)).toEqual({ principalFen: 500000, bonusFen: 0 })
    await expect.poll(() => page.locator('[data-test="wallet-balance"]').textContent()).toBe('¥5,000.00')
  })

  test('预收款: the home card, the report per staff with its export, and the printable 章程', async () => {
    const { page } = app
    await go(app, '/')
    await expect.poll(() => page.locator('[data-test="dash-wallet-total"]').textContent()).toBe('¥5,000.00')
    await page.locator('[data-test="dash-wallet"]').click()
    await page.waitForURL(/#\/wallet/)
    await expect.poll(() => page.locator('[data-test="liability-balance"]').textContent()).toBe('¥5,000.00')
    const staffRows = page.locator('[data-test="liability-staff"] .el-table__body tr')
    const cells = async (i: number) => (await staffRows.nth(i).locator('td').allTextContents()).map((c) => c.trim())
    await expect.poll(() => staffRows.count()).toBe(2)
    const byName = new Map([await cells(0), await cells(1)].map((c) => [c[0], c.slice(1)]))
    // recharge, bonus given, spend, refund back, 退卡 paid back, bonus forfeited, adjustments
    expect(byName.get(OWNER.name)).toEqual(['¥6,000.00', '¥100.00', '¥800.00', '¥800.00', '¥0.00', '¥0.00', '¥20.00'])
    expect(byName.get(CLERK.name)).toEqual(['¥0.00', '¥0.00', '¥0.00', '¥0.00', '¥1,000.00', '¥120.00', '¥0.00'])
    expect(await page.locator('[data-test="liability-quarters"]').count()).toBe(1)
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="liability-export"]').click()])
    expect(download.suggestedFilename()).toMatch(/^储值预收款报表.*\.xlsx$/)

    await go(app, '/wallet/agreement')
    await expect.poll(() => page.locator('[data-test="agreement-text"]').textContent()).toContain(OWNER.shop)
  })
})
