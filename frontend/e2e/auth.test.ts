// Staff and roles through the real UI: first-start setup, sign-in with a wrong then the right
// password, staff accounts, a clerk's masked list and a manager's PIN on the spot, the operation log,
// lock and unlock, erasing a customer's personal data, backups.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { call, fill, go, openApp, openSeat, signIn, type App } from './harness'

let app: App
let clerk: Page

const OWNER = { name: '王老板', password: 'laoban-8888', shop: '蓉城老酒馆' }
const MANAGER = { name: '李店长', pin: '2468' }
const CLERK = { name: '小张', pin: '1357' }

interface Customer { id: number; name: string; mobile: string; archived: boolean }

function input(over: Record<string, unknown>) {
  return {
    name: '', mobile: '', otherPhone: '', gender: '', birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false },
    district: '', address: '', company: '', title: '', source: '进店', referrerId: 0, ownerStaffId: 0, notes: '', consent: false, ...over,
  }
}

async function menu(page: Page, item: 'lock' | 'switch' | 'signout') {
  await page.locator('[data-test="staff-name"]').click()
  await page.locator(`[data-test="menu-${item}"]:visible`).click()
}

beforeAll(async () => {
  app = await openApp({ setup: false })
})

afterAll(async () => {
  await app?.close()
})

describe('staff, sign-in and the operation log', () => {
  let zhang: Customer
  let li: Customer

  test('first start: the setup screen checks what is typed, then signs the owner in', async () => {
    const { page } = app
    // Nothing else is reachable before setup.
    await go(app, '/customers')
    await page.locator('[data-test="setup-title"]').waitFor()
    expect(page.url()).toMatch(/#\/setup$/)
    // The start screen is in the page the window loads first, and gone once the setup screen is drawn.
    expect(await (await fetch(app.server.url)).text()).toContain('id="jk-boot"')
    expect(await page.locator('#jk-boot').count()).toBe(0)
    await page.locator('[data-test="setup-shopName"] input:focus').waitFor()
    await page.keyboard.type(OWNER.shop)
    await page.keyboard.press('Tab')
    await page.keyboard.type(OWNER.name)
    await page.keyboard.press('Tab')
    await page.keyboard.type('123456')
    await page.keyboard.press('Tab')
    // The owner needs a real password, not a PIN.
    await expect.poll(() => page.locator('[data-test="setup-password"] .el-form-item__error').textContent()).toContain('不能只用数字')
    await page.locator('[data-test="setup-password"] input').fill('laoban-8888')
    await page.locator('[data-test="setup-confirm"] input').fill('laoban-888')
    await page.locator('[data-test="setup-confirm"] input').press('Enter')
    expect(await page.locator('[data-test="setup-confirm"] .el-form-item__error').textContent()).toContain('两次输入的密码不一样')
    expect(page.url()).toMatch(/#\/setup$/)
    await page.locator('[data-test="setup-confirm"] input').fill(OWNER.password)
    await page.locator('[data-test="setup-confirm"] input').press('Enter')
    await page.waitForURL(/#\/$/)
    await expect.poll(() => page.locator('[data-test="shop-name"]').textContent()).toContain(OWNER.shop)
    expect(await page.locator('[data-test="staff-name"]').textContent()).toContain(OWNER.name)
    expect(await page.locator('[data-test="home-welcome"]').textContent()).toContain(OWNER.name)
    // The owner's pages are in the sidebar.
    expect(await page.locator('[data-test="nav-staff"]').isVisible()).toBe(true)
    expect(await page.locator('[data-test="nav-audit"]').isVisible()).toBe(true)
  })

  test('sign out, then a wrong password is refused with Go’s count and the right one signs in', async () => {
    const { page } = app
    await menu(page, 'signout')
    await page.locator('[data-test="signin-title"]').waitFor()
    expect(page.url()).toMatch(/#\/signin$/)
    // Back to the app is not possible.
    await go(app, '/customers')
    await page.locator('[data-test="signin-submit"]').waitFor()
    expect(page.url()).toContain('#/signin?redirect=')
    // The last person to sign in on this computer is already picked.
    await expect.poll(() => page.locator('[data-test="signin-staff"] .el-radio.is-checked').textContent()).toContain(OWNER.name)
    await page.locator('[data-test="signin-secret"] input:focus').waitFor()
    await page.keyboard.type('wrong-one')
    await page.keyboard.press('Enter')
    const err = page.locator('[data-test="signin-secret"] .el-form-item__error')
    await err.waitFor()
    expect(await err.textContent()).toContain('PIN或密码不正确，还可再试 4 次')
    expect(await page.locator('[data-test="signin-secret"] input').inputValue()).toBe('')
    await page.keyboard.type(OWNER.password)
    await page.keyboard.press('Enter')
    // Back where the guard stopped us.
    await page.waitForURL(/#\/customers$/)
    await page.locator('[data-test="list-empty"]').waitFor()
  })

  test('the owner adds a manager and a clerk with PINs', async () => {
    const { page } = app
    await page.locator('[data-test="nav-staff"]').click()
    await page.waitForURL(/#\/staff$/)
    await expect.poll(() => page.locator('[data-test="staff-cell-name"]').allTextContents()).toEqual([OWNER.name])

    for (const [who, role] of [[MANAGER, 'manager'], [CLERK, 'clerk']] as const) {
      await page.locator('[data-test="staff-add"]').click()
      const dialog = page.locator('.el-dialog', { hasText: '新增员工' })
      await dialog.locator('[data-test="staff-field-name"] input:focus').waitFor()
      await page.keyboard.type(who.name)
      await dialog.locator(`[data-test="staff-role-${role}"]`).click()
      // A 3-digit PIN is refused as typed, before Go sees it.
      const secret = dialog.locator('[data-test="staff-field-secret"] input')
      await secret.fill('135')
      await secret.press('Enter')
      expect(await dialog.locator('[data-test="staff-field-secret"] .el-form-item__error').textContent()).toContain('PIN应为4到8位数字')
      await secret.fill(who.pin)
      await secret.press('Enter')
      await dialog.waitFor({ state: 'hidden' })
    }
    await expect.poll(() => page.locator('[data-test="staff-cell-name"]').allTextContents()).toEqual([OWNER.name, MANAGER.name, CLERK.name])
    expect(await page.locator('[data-test="staff-cell-role"]').allTextContents()).toEqual(['老板', '店长', '店员'])
    expect(await page.locator('[data-test="staff-cell-secret"]').allTextContents()).toEqual(['密码', 'PIN', 'PIN'])

    zhang = await call<Customer>(page, 'Customers', 'Create', input({ name: '张三', mobile: '13800138000' }))
    li = await call<Customer>(page, 'Customers', 'Create', input({ name: '李四', mobile: '13900000001', company: '川酒集团', notes: '喜欢酱香' }))
  })

  test('a clerk signs in on another computer, sees masked mobiles, and archiving needs a manager’s PIN', async () => {
    clerk = await openSeat(app)
    await expect.poll(() => clerk.locator('[data-test="signin-staff"] .el-radio').allTextContents()).toEqual(['王老板老板', '李店长店长', '小张店员'])
    await clerk.mouse.move(0, 0)
    await clerk.screenshot({ path: '/tmp/jiuke-signin.png' })
    await signIn(clerk, CLERK.name, CLERK.pin)
    await clerk.locator('[data-test="shop-name"]').filter({ hasText: OWNER.shop }).waitFor()
    expect(await clerk.locator('[data-test="staff-role"]').textContent()).toBe('店员')
    // The owner's pages are not offered, nor reachable.
    expect(await clerk.locator('[data-test="nav-audit"]').count()).toBe(0)
    expect(await clerk.locator('[data-test="nav-staff"]').count()).toBe(0)
    await clerk.goto(app.server.url + '#/audit')
    await clerk.waitForURL(/#\/$/)

    await clerk.goto(app.server.url + '#/customers')
    await expect.poll(() => clerk.locator('[data-test="cell-mobile"]').allTextContents()).toEqual(['139****0001', '138****8000'])
    expect(await clerk.locator('[data-test="customer-table"] a[href^="tel:"]').count()).toBe(0)
    await clerk.locator('[data-test="cell-name"]', { hasText: '张三' }).click()
    await clerk.waitForURL(new RegExp(`#/customers/${zhang.id}$`))
    expect(await clerk.locator('[data-test="btn-erase"]').count()).toBe(0)

    await clerk.locator('[data-test="btn-archive"]').click()
    const archive = clerk.locator('.el-dialog', { hasText: '停用客户「张三」' })
    await archive.locator('input[data-test="archive-reason"]').fill('已搬离本地')
    await clerk.keyboard.press('Enter')
    const approval = clerk.locator('.el-dialog', { hasText: '需要店长授权' })
    await approval.waitFor()
    expect(await approval.textContent()).toContain('「停用客户」需要店长或老板授权')
    await approval.locator('[data-test="approval-approver"] .el-radio', { hasText: MANAGER.name }).click()
    const pin = approval.locator('[data-test="approval-secret"] input')
    await pin.fill('0000')
    await pin.press('Enter')
    await expect.poll(() => approval.locator('.el-form-item__error').textContent()).toContain('PIN或密码不正确')
    await pin.fill(MANAGER.pin)
    await pin.press('Enter')
    await approval.waitFor({ state: 'hidden' })
    await clerk.locator('[data-test="archived-banner"]').waitFor()
    expect(await clerk.locator('[data-test="archived-banner"]').textContent()).toContain('已搬离本地')
    expect((await call<Customer>(clerk, 'Customers', 'Get', zhang.id)).archived).toBe(true)

    // The approval was for that one action: restoring asks again; cancelling leaves it archived.
    await clerk.locator('[data-test="btn-restore"]').click()
    await approval.waitFor()
    await approval.locator('[data-test="approval-cancel"]').click()
    await approval.waitFor({ state: 'hidden' })
    await expect.poll(() => clerk.locator('.el-message--error').textContent()).toContain('没有店长授权')
    expect(await clerk.locator('[data-test="archived-banner"]').isVisible()).toBe(true)
  })

  test('the owner sees the archive in 操作日志, with the clerk and the approving manager', async () => {
    const { page } = app
    await page.locator('[data-test="nav-audit"]').click()
    await page.waitForURL(/#\/audit$/)
    const rows = page.locator('[data-test="audit-table"] .el-table__row')
    await expect.poll(() => rows.count()).toBeGreaterThan(5)
    await page.locator('[data-test="audit-table"] .el-loading-mask').waitFor({ state: 'hidden' })
    await page.mouse.move(0, 0)
    await page.screenshot({ path: '/tmp/jiuke-audit.png', fullPage: true })

    await page.locator('[data-test="audit-filter-action"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '停用客户' }).click()
    await expect.poll(() => page.url()).toContain('action=')
    await expect.poll(() => rows.count()).toBe(1)
    const row = rows.first()
    expect(await row.locator('[data-test="audit-cell-staff"]').textContent()).toBe(CLERK.name)
    expect((await row.locator('[data-test="audit-cell-target"]').textContent())?.trim()).toBe('张三')
    expect(await row.locator('[data-test="audit-cell-details"]').textContent()).toContain('原因：已搬离本地')
    expect(await row.locator('[data-test="audit-cell-approved"]').textContent()).toBe(MANAGER.name)

    // The owner exports what the filter shows: one line, as a real .xlsx.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-audit"]').click()])
    expect(download.suggestedFilename()).toMatch(/^操作日志-.*\.xlsx$/)
    expect(await page.locator('[data-test="export-audit-result"]').textContent()).toContain('1')

    // Staff edits read as old → new; the filters survive a reload (kept in the URL).
    await go(app, '/audit?action=' + encodeURIComponent('新增员工'))
    await expect.poll(() => page.locator('[data-test="audit-cell-details"]').allTextContents()).toEqual(['角色：店员', '角色：店长'])
    await page.locator('input[data-test="audit-filter-target"]').fill('小')
    await expect.poll(() => page.url()).toContain('target=')
    await expect.poll(() => rows.count()).toBe(1)
    await page.reload()
    await expect.poll(() => page.locator('[data-test="audit-cell-target"]').allTextContents()).toEqual([CLERK.name])
  })

  test('切换用户 on the clerk’s computer: the manager signs in there and gets the page afresh', async () => {
    await clerk.goto(app.server.url + '#/customers')
    await clerk.locator('[data-test="cell-mobile"]').first().waitFor()
    await menu(clerk, 'switch')
    await clerk.locator('[data-test="signin-title"]').filter({ hasText: '切换用户' }).waitFor()
    expect(await clerk.locator('[data-test="signin-staff"] .el-radio.is-checked').count()).toBe(0)
    await signIn(clerk, MANAGER.name, MANAGER.pin)
    await expect.poll(() => clerk.locator('[data-test="staff-name"]').textContent()).toContain(MANAGER.name)
    expect(clerk.url()).toMatch(/#\/customers$/)
    // Managers see full mobiles.
    await expect.poll(() => clerk.locator('[data-test="cell-mobile"]').allTextContents()).toEqual(['13900000001'])
  })

  test('锁定 covers the page: nothing is reachable, and what was typed is still there after unlocking', async () => {
    const { page } = app
    await go(app, '/customers/new')
    await fill(page, 'field-name', '王五')
    await menu(page, 'lock')
    await page.locator('[data-test="lock-title"]').waitFor()
    expect(await page.locator('[data-test="lock-text"]').textContent()).toContain(OWNER.name)
    expect(page.url()).toMatch(/#\/customers\/new$/)
    expect(await page.locator('[data-test="field-name"]').isVisible()).toBe(false)
    expect(await page.locator('[data-test="shop-name"]').isVisible()).toBe(false)
    // Go refuses calls while locked, too.
    const refused = await call(page, 'Customers', 'Get', zhang.id).then(() => '', (e: Error) => e.message)
    expect(refused).toContain('"signIn":true')
    await page.locator('[data-test="signin-secret"] input:focus').waitFor()
    await page.keyboard.type('not-it')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-test="signin-secret"] .el-form-item__error').textContent()).toContain('PIN或密码不正确')
    await page.keyboard.type(OWNER.password)
    await page.keyboard.press('Enter')
    await page.locator('[data-test="lock-title"]').waitFor({ state: 'detached' })
    expect(await page.locator('[data-test="field-name"] input').inputValue()).toBe('王五')
    expect(await page.locator('[data-test="staff-name"]').textContent()).toContain(OWNER.name)

    // Locked, another page can only be reached through the lock screen, which then goes there.
    await page.locator('[data-test="nav-customers"]').click()
    await page.locator('.el-message-box .el-button--primary').click() // 放弃修改
    await page.waitForURL(/#\/customers$/)
    await menu(page, 'lock')
    await page.locator('[data-test="lock-title"]').waitFor()
    await go(app, '/settings')
    await page.waitForURL(/#\/signin\?redirect=/)
    await page.locator('[data-test="lock-title"]').waitFor()
    await page.locator('[data-test="signin-secret"] input').fill(OWNER.password)
    await page.locator('[data-test="signin-secret"] input').press('Enter')
    await page.waitForURL(/#\/settings$/)
    expect(await page.locator('[data-test="staff-name"]').textContent()).toContain(OWNER.name)
  })

  test('the owner erases a customer’s personal data; the record stays, anonymous', async () => {
    const { page } = app
    await go(app, `/customers/${li.id}`)
    await page.locator('[data-test="btn-erase"]').click()
    const dialog = page.locator('.el-dialog', { hasText: '删除「李四」的个人信息' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('删除后无法恢复')
    await dialog.locator('[data-test="erase-confirm"]').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('[data-test="customer-name"]').textContent()).toBe(`已删除客户#${li.id}`)
    expect(await page.locator('[data-test="profile-mobile"]').textContent()).toBe('—')
    expect(await page.locator('[data-test="profile-company"]').textContent()).toBe('—')
    expect(await page.locator('[data-test="btn-erase"]').count()).toBe(0)
    const got = await call<Customer>(page, 'Customers', 'Get', li.id)
    expect(got.mobile).toBe('')
    await go(app, '/audit?action=' + encodeURIComponent('删除个人信息'))
    await expect.poll(() => page.locator('[data-test="audit-cell-staff"]').allTextContents()).toEqual([OWNER.name])
  })

  test('settings: a backup now into the backup folder, restore one by name asks to restart; the shop network is off', async () => {
    const { page } = app
    await go(app, '/settings')
    await page.getByRole('tab', { name: '数据备份' }).click()
    await expect.poll(() => page.url()).toContain('tab=backup')
    await page.locator('[data-test="backup-now"]').click()
    await expect.poll(() => page.locator('[data-test="backup-done"]').textContent()).toMatch(/已备份到 backups 文件夹：酒客通备份-\d{8}-\d{6}\.db/)
    // A browser names no path on the server: no folder to type, no file to pick; the list is the way.
    expect(await page.locator('[data-test="backup-done"]').textContent()).not.toContain(app.server.dir)
    expect(await page.locator('[data-test="backup-to"]').count()).toBe(0)
    expect(await page.locator('[data-test="restore-choose"]').count()).toBe(0)
    await page.locator('[data-test="restore-browser-hint"]').waitFor()
    await expect.poll(() => page.locator('[data-test="backup-cell-kind"]').allTextContents()).toContain('手动')

    const name = (await page.locator('[data-test="backup-cell-name"]').first().textContent())!
    await page.locator(`[data-test="backup-restore-${name}"]`).click()
    const dialog = page.locator('.el-dialog', { hasText: '确认从备份恢复' })
    await dialog.locator('[data-test="restore-confirm"]').click()
    await page.locator('[data-test="restore-restart"]').waitFor()
    expect(await page.locator('[data-test="restore-restart"]').textContent()).toContain('请关闭并重新打开酒客通以完成恢复')

    await page.getByRole('tab', { name: '局域网模式' }).click()
    await expect.poll(() => page.locator('[data-test="lan-state"]').textContent()).toBe('未开启')
    expect(await page.locator('[data-test="lan-address"]').count()).toBe(0)
    expect(app.pageErrors).toEqual([])
  })
})
