// Creating, finding and refusing customers through the real UI on a real server.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, fill, go, openApp, type App } from './harness'

let app: App

beforeAll(async () => {
  app = await openApp()
})

afterAll(async () => {
  await app?.close()
})

async function listTotal(): Promise<number> {
  const page = await call<{ total: number }>(app.page, 'Customers', 'List', {
    district: '', source: '', gender: '', ownerStaffId: 0, archived: 'all', sort: 'created', desc: true, page: 1, pageSize: 20,
  })
  return page.total
}

describe('customer archive', () => {
  test('an empty archive says what to do next', async () => {
    const { page } = app
    await go(app, '/')
    await expect(page.locator('[data-test="home-empty"]').textContent()).resolves.toContain('新建客户')
    await go(app, '/customers')
    const empty = page.locator('[data-test="list-empty"]')
    await empty.waitFor()
    expect(await empty.textContent()).toContain('还没有客户')
    expect(await page.locator('[data-test="empty-new-customer"]').isVisible()).toBe(true)
    expect(await page.title()).toBe('酒客通')
  })

  test('a customer created through the form appears in the list', async () => {
    const { page } = app
    await go(app, '/customers')
    await page.locator('[data-test="list-new-customer"]').click()
    await page.waitForURL(/#\/customers\/new$/)
    // The name field has the focus: type straight away, Tab to the mobile, Enter saves.
    await page.keyboard.type('张三')
    await page.keyboard.press('Tab')
    await page.keyboard.type('13800138000')
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(await page.locator('[data-test="customer-name"]').textContent()).toBe('张三')
    expect(await page.locator('[data-test="profile-mobile"]').textContent()).toBe('13800138000')
    // 累计消费 is on the profile: nothing bought and no opening spend yet.
    expect(await page.locator('[data-test="profile-totalSpend"]').textContent()).toBe('¥0.00')
    expect(await page.locator('[data-test="profile-openingSpend"]').count()).toBe(0)

    await page.locator('[data-test="nav-customers"]').click()
    await page.waitForURL(/#\/customers$/)
    const row = page.locator('[data-test="customer-table"] .el-table__row').first()
    await row.waitFor()
    expect(await row.locator('[data-test="cell-name"]').textContent()).toBe('张三')
    expect(await row.locator('[data-test="cell-mobile"]').textContent()).toBe('13800138000')
    expect(await page.locator('[data-test="list-total"]').textContent()).toContain('共 1 位客户')
  })

  test('global search by pinyin initials finds 张三 and Enter opens his page', async () => {
    const { page } = app
    await go(app, '/customers')
    await page.locator('[data-test="customer-table"]').waitFor()
    // "/" focuses the search box from anywhere outside an input.
    await page.locator('h1').click()
    await page.keyboard.press('/')
    await page.keyboard.type('zs')
    const hit = page.locator('[data-test="search-hit"]').first()
    await hit.waitFor()
    expect(await hit.textContent()).toContain('张三')
    expect(await hit.locator('[data-test="search-match"]').textContent()).toBe('拼音首字母')
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(await page.locator('[data-test="customer-name"]').textContent()).toBe('张三')
  })

  test('global search by the last 4 digits; a scanner-fast Enter still opens the hit', async () => {
    const { page } = app
    await go(app, '/')
    await page.locator('[data-test="home-total"]').waitFor()
    await page.keyboard.press('F2')
    await page.keyboard.type('8000')
    const hit = page.locator('[data-test="search-hit"]').first()
    await hit.waitFor()
    expect(await hit.textContent()).toContain('张三')
    expect(await hit.locator('[data-test="search-match"]').textContent()).toBe('尾号')

    // Digits then Enter at once, faster than the type-ahead debounce, as a barcode scanner does.
    await go(app, '/customers')
    await page.locator('[data-test="customer-table"]').waitFor()
    const input = page.locator('input[data-test="global-search"]')
    await input.focus()
    await input.fill('13800138000')
    await input.press('Enter')
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(await page.locator('[data-test="customer-name"]').textContent()).toBe('张三')
  })

  test('a mobile that already belongs to 张三 is refused under the field, nothing typed is lost', async () => {
    const { page } = app
    const before = await listTotal()
    await go(app, '/customers/new')
    await fill(page, 'field-name', '张小三')
    await fill(page, 'field-mobile', '138 0013 8000')
    await fill(page, 'field-company', '蓉城酒业')
    await page.locator('[data-test="form-save"]').click()
    const err = page.locator('[data-test="error-mobile"]')
    await err.waitFor()
    expect(await err.textContent()).toContain('手机号已属于客户「张三」')
    // Still on the form with everything as typed.
    expect(page.url()).toMatch(/#\/customers\/new$/)
    expect(await page.locator('[data-test="field-name"] input').inputValue()).toBe('张小三')
    expect(await page.locator('[data-test="field-mobile"] input').inputValue()).toBe('138 0013 8000')
    expect(await page.locator('[data-test="field-company"] input').inputValue()).toBe('蓉城酒业')
    expect(await listTotal()).toBe(before)
    // The message links to the customer who has the number.
    await page.locator('[data-test="mobile-owner-link"]').click()
    // Leaving a filled form asks first.
    await page.locator('.el-message-box').waitFor()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(await page.locator('[data-test="customer-name"]').textContent()).toBe('张三')
  })

  test('a bad mobile is explained as it is typed, and the form will not save it', async () => {
    const { page } = app
    const before = await listTotal()
    await go(app, '/customers/new')
    await fill(page, 'field-name', '王五')
    await fill(page, 'field-mobile', '1380013800a')
    const err = page.locator('[data-test="error-mobile"]')
    await err.waitFor()
    expect((await err.textContent())?.trim()).toBe('手机号只能包含数字')
    // A number too short is pointed out once the clerk moves on.
    await fill(page, 'field-mobile', '1380013800')
    await page.locator('[data-test="field-otherPhone"] input').focus()
    await expect.poll(async () => (await err.textContent())?.trim()).toBe('手机号应为11位数字')
    await page.locator('[data-test="form-save"]').click()
    expect(page.url()).toMatch(/#\/customers\/new$/)
    expect(await listTotal()).toBe(before)
    // Full-width digits and a +86 prefix are fine.
    await fill(page, 'field-mobile', '+86 １３９-0000-1111')
    await expect.poll(() => err.count()).toBe(0)
    await page.locator('[data-test="form-save"]').click()
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(await page.locator('[data-test="profile-mobile"]').textContent()).toBe('13900001111')
  })

  test('the whole form by keyboard: a new district, a lunar birthday, and editing keeps it', async () => {
    const { page } = app
    await go(app, '/customers/new')
    await page.locator('[data-test="field-name"] input:focus').waitFor()
    await page.keyboard.type('孙七')
    // A district not in the list is simply typed.
    const district = page.locator('[data-test="field-district"] input')
    await district.click()
    await district.fill('青羊区')
    await district.press('Tab')
    await page.locator('[data-test="birthday-calendar"] label', { hasText: '农历' }).click()
    await page.locator('[data-test="birthday-month"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '三月' }).click()
    await page.locator('[data-test="birthday-day"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '十二' }).click()
    expect(await page.locator('[data-test="lunar-preview"]').textContent()).toContain('农历三月十二')
    await page.locator('[data-test="field-company"] input').fill('青羊茶社')
    await page.locator('[data-test="field-company"] input').press('Enter')
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(await page.locator('[data-test="profile-birthday"]').textContent()).toBe('农历三月十二')
    expect(await page.locator('[data-test="profile-district"]').textContent()).toBe('青羊区')

    // 编辑 opens the form with the stored values; Esc cancels without saving.
    await page.locator('[data-test="btn-edit"]').click()
    await page.waitForURL(/\/edit$/)
    expect(await page.locator('[data-test="field-company"] input').inputValue()).toBe('青羊茶社')
    await page.locator('[data-test="field-company"] input').fill('青羊茶楼')
    // The referrer is found as you type, like the global search.
    const referrer = page.locator('[data-test="field-referrerId"] input')
    await referrer.click()
    await referrer.fill('zs')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '张三' }).click()
    await page.locator('[data-test="field-company"] input').press('Enter')
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(await page.locator('[data-test="profile-company"]').textContent()).toBe('青羊茶楼')
    expect(await page.locator('[data-test="profile-referrer"]').textContent()).toBe('张三')
    await page.locator('[data-test="btn-edit"]').click()
    await page.waitForURL(/\/edit$/)
    await page.locator('[data-test="field-name"] input').press('Escape')
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(await page.locator('[data-test="customer-name"]').textContent()).toBe('孙七')
  })

  test('the list keeps filters in the URL', async () => {
    const { page } = app
    await go(app, '/customers?status=all&sort=name')
    await page.locator('[data-test="customer-table"] .el-table__row').first().waitFor()
    const names = await page.locator('[data-test="cell-name"]').allTextContents()
    // Sorted by name (pinyin): 孙七, 王五, 张三.
    expect(names).toEqual(['孙七', '王五', '张三'])
    await page.locator('[data-test="filter-order"]').click()
    await expect.poll(() => page.url()).toContain('order=desc')
    await expect.poll(() => page.locator('[data-test="cell-name"]').allTextContents()).toEqual(['张三', '王五', '孙七'])
    expect(app.pageErrors).toEqual([])
  })

  test('the list reads well with a few real customers (screenshot)', async () => {
    const { page } = app
    const people = [
      { name: '陈建国', mobile: '13512345678', gender: 'M', district: '锦江区', company: '锦江宾馆', source: '转介绍' },
      { name: '刘芳', mobile: '18688886666', gender: 'F', district: '武侯区', company: '', source: '活动' },
      { name: '欧阳明', mobile: '', gender: 'M', district: '高新区', company: '天府软件园', source: '团购' },
    ]
    for (const p of people) {
      await call(page, 'Customers', 'Create', {
        name: p.name, mobile: p.mobile, otherPhone: '', gender: p.gender, birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false },
        district: p.district, address: '', company: p.company, title: '', source: p.source, referrerId: 0, ownerStaffId: 0, notes: '', consent: true,
      })
    }
    await go(app, '/customers')
    await expect.poll(() => page.locator('[data-test="customer-table"] .el-table__row').count()).toBe(6)
    // District filter, kept in the URL.
    await page.locator('[data-test="filter-district"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '武侯区' }).click()
    await expect.poll(() => page.url()).toContain('district=')
    await expect.poll(() => page.locator('[data-test="cell-name"]').allTextContents()).toEqual(['刘芳'])
    await page.reload()
    await expect.poll(() => page.locator('[data-test="cell-name"]').allTextContents()).toEqual(['刘芳'])
    await go(app, '/customers')
    await expect.poll(() => page.locator('[data-test="customer-table"] .el-table__row').count()).toBe(6)
    await page.mouse.move(0, 0)
    await page.screenshot({ path: '/tmp/jiuke-e2e-list.png', fullPage: true })
    expect(app.pageErrors).toEqual([])
  })
})
