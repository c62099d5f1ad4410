// Follow-ups, merging two records of one person, archiving and restoring, through the real UI.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, go, openApp, type App } from './harness'

let app: App

interface Customer { id: number; name: string; mobile: string; otherPhone: string; company: string; mergedIntoId: number; archived: boolean }

function input(over: Record<string, unknown>) {
  return {
    name: '', mobile: '', otherPhone: '', gender: '', birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false },
    district: '', address: '', company: '', title: '', source: '进店', referrerId: 0, ownerStaffId: 0, notes: '', consent: false, ...over,
  }
}

async function followUpCount(id: number) {
  return (await call<unknown[]>(app.page, 'Customers', 'FollowUps', id)).length
}

beforeAll(async () => {
  app = await openApp()
})

afterAll(async () => {
  await app?.close()
})

describe('follow-ups, merge and archive', () => {
  let a: Customer
  let b: Customer

  beforeAll(async () => {
    // Two records of one person, typed in twice at different times.
    a = await call<Customer>(app.page, 'Customers', 'Create', input({ name: '李四', mobile: '13900000001', district: '武侯区', birthday: { calendar: 'lunar', year: 0, month: 3, day: 12, leap: false } }))
    b = await call<Customer>(app.page, 'Customers', 'Create', input({ name: '李四', mobile: '13900000002', company: '川酒集团' }))
    for (const content of ['第一次电话，问了新到的酱香', '送了品鉴会邀请函']) {
      await call(app.page, 'Customers', 'AddFollowUp', { customerId: b.id, date: '', channel: '电话', content, nextDate: '' })
    }
  })

  test('a follow-up added on the 回访 tab shows in the list, newest first', async () => {
    const { page } = app
    await go(app, `/customers/${a.id}`)
    // The lunar birthday reads as people say it.
    expect(await page.locator('[data-test="profile-birthday"]').textContent()).toBe('农历三月十二')
    await page.getByRole('tab', { name: '回访' }).click()
    await page.locator('[data-test="followup-empty"]').waitFor()
    await page.locator('[data-test="followup-channel"] .el-select__wrapper').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '微信' }).click()
    // Saving without content is refused in place.
    await page.locator('[data-test="followup-add"]').click()
    expect(await page.locator('[data-test="followup-content"] .el-form-item__error').textContent()).toContain('请填写回访内容')
    await page.locator('[data-test="followup-content"] textarea').fill('微信问候，客户想要两箱年货酒')
    await page.locator('[data-test="followup-add"]').click()
    const row = page.locator('[data-test="followup-table"] .el-table__row').first()
    await row.waitFor()
    const text = await row.textContent()
    expect(text).toContain('微信问候，客户想要两箱年货酒')
    expect(text).toContain('微信')
    expect(text).toContain('店主')
    expect(await followUpCount(a.id)).toBe(1)
  })

  test('merging 李四 into one record keeps the chosen values and moves the follow-ups', async () => {
    const { page } = app
    await go(app, `/customers/${a.id}`)
    await page.locator('[data-test="btn-merge"]').click()
    await page.waitForURL(/\/merge/)
    // The other 李四 is suggested as a likely duplicate.
    const suggestion = page.locator('[data-test="merge-suggestion"]', { hasText: '13900000002' })
    await suggestion.click()
    await page.locator('[data-test="merge-compare"]').waitFor()
    // Defaults: this record's values, the other's where this one is empty (company).
    expect(await page.locator('[data-test="merge-choice-mobile-A"] input').isChecked()).toBe(true)
    expect(await page.locator('[data-test="merge-choice-company-B"] input').isChecked()).toBe(true)
    // Keep the newer mobile.
    await page.locator('[data-test="merge-choice-mobile-B"]').click()
    await page.locator('[data-test="merge-submit"]').click()
    const box = page.locator('.el-message-box')
    await box.waitFor()
    expect(await box.textContent()).toContain(`把「李四」（#${b.id}）合并到「李四」（#${a.id}）`)
    await box.locator('.el-button--primary').click()
    await page.waitForURL(new RegExp(`#/customers/${a.id}$`))
    expect(await page.locator('[data-test="merge-done"]').textContent()).toContain('回访：2')

    expect(await page.locator('[data-test="profile-mobile"]').textContent()).toBe('13900000002')
    expect(await page.locator('[data-test="profile-company"]').textContent()).toBe('川酒集团')
    expect(await page.locator('[data-test="profile-district"]').textContent()).toBe('武侯区')
    // The mobile not chosen is kept as another phone.
    expect(await page.locator('[data-test="profile-otherPhone"]').textContent()).toContain('13900000001')
    expect(await page.locator('[data-test="merge-history"]').textContent()).toContain(`李四 #${b.id}`)

    await page.getByRole('tab', { name: '回访' }).click()
    await expect.poll(() => page.locator('[data-test="followup-table"] .el-table__row').count()).toBe(3)
    expect(await followUpCount(b.id)).toBe(0)

    // The merged record says where it went and offers no editing.
    await go(app, `/customers/${b.id}`)
    await page.locator('[data-test="merged-banner"]').waitFor()
    expect(await page.locator('[data-test="tag-merged"]').textContent()).toBe('已合并')
    expect(await page.locator('[data-test="btn-edit"]').count()).toBe(0)
    await page.locator('[data-test="survivor-link"]').click()
    await page.waitForURL(new RegExp(`#/customers/${a.id}$`))
    const merged = await call<Customer>(page, 'Customers', 'Get', b.id)
    expect(merged.mergedIntoId).toBe(a.id)
  })

  test('archiving needs a reason; an archived customer leaves the list and can be restored', async () => {
    const { page } = app
    const c = await call<Customer>(page, 'Customers', 'Create', input({ name: '赵六', mobile: '13700001234' }))
    await go(app, `/customers/${c.id}`)
    await page.locator('[data-test="btn-archive"]').click()
    const dialog = page.locator('.el-dialog', { hasText: '停用客户「赵六」' })
    await dialog.waitFor()
    await dialog.locator('[data-test="archive-confirm"]').click()
    expect(await dialog.locator('.el-form-item__error').textContent()).toContain('请填写停用原因')
    await dialog.locator('input[data-test="archive-reason"]').fill('已搬离本地')
    await page.keyboard.press('Enter')
    await page.locator('[data-test="archived-banner"]').waitFor()
    expect(await page.locator('[data-test="archived-banner"]').textContent()).toContain('已搬离本地')
    expect(await page.locator('[data-test="tag-archived"]').textContent()).toBe('已停用')

    await go(app, '/customers')
    await page.locator('[data-test="customer-table"] .el-table__row').first().waitFor()
    expect(await page.locator('[data-test="cell-name"]').allTextContents()).not.toContain('赵六')
    await go(app, '/customers?status=archived')
    await expect.poll(() => page.locator('[data-test="cell-name"]').allTextContents()).toContain('赵六')
    await page.locator('[data-test="cell-name"]', { hasText: '赵六' }).click()
    await page.waitForURL(new RegExp(`#/customers/${c.id}$`))
    await page.locator('[data-test="btn-restore"]').click()
    await expect.poll(() => page.locator('[data-test="archived-banner"]').count()).toBe(0)
    expect(await page.locator('[data-test="btn-archive"]').isVisible()).toBe(true)
    expect((await call<Customer>(page, 'Customers', 'Get', c.id)).archived).toBe(false)
    expect(app.pageErrors).toEqual([])
  })

  test('settings: the shop name shows in the header and its districts are offered in the form', async () => {
    const { page } = app
    await go(app, '/settings')
    await page.locator('[data-test="settings-name"] input').fill('蓉城老酒馆')
    const district = page.locator('input[data-test="district-input"]')
    await district.fill('金牛区')
    await district.press('Enter')
    await district.fill('成华区')
    await district.press('Enter')
    expect(await page.locator('[data-test="district-tag"]').allTextContents()).toEqual(['金牛区', '成华区'])
    await page.locator('[data-test="settings-save"]').click()
    await expect.poll(() => page.locator('[data-test="shop-name"]').textContent()).toContain('蓉城老酒馆')
    expect(await page.locator('[data-test="settings-dbpath"]').textContent()).toContain('e2e.db')
    expect(await page.locator('[data-test="demo-badge"]').count()).toBe(0)

    // Saved for real: a reload shows them, and the customer form offers the districts.
    await page.reload()
    await expect.poll(() => page.locator('[data-test="district-tag"]').allTextContents()).toEqual(['金牛区', '成华区'])
    await go(app, '/customers/new')
    await page.locator('[data-test="field-district"] input').click()
    const options = page.locator('.el-autocomplete-suggestion li:visible')
    await expect.poll(() => options.allTextContents()).toEqual(expect.arrayContaining(['金牛区', '成华区']))
    expect(app.pageErrors).toEqual([])
  })
})
