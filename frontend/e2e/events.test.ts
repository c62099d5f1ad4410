// A tasting event through the real UI on a real server: created in 活动, three members added from a
// search, an invitation copied (the guest becomes 已邀请, the text is on the clipboard), auto-seated
// then one guest dragged to another table, checked in by scanning a card (the table number shows,
// the live count moves on this desk and, pushed, on a second one), and the sign-in sheet downloaded.
import { statSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { call, fill, go, openApp, openSeat, OWNER, signIn, type App } from './harness'
import { daysEarly } from '../src/utils/eventRules'

let app: App
let eventId = 0
const members: { name: string; card: string; id: number }[] = []
const guestIds: Record<string, number> = {}

beforeAll(async () => {
  app = await openApp()
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url.replace(/\/$/, '') })
  for (const [name, mobile, level, gender] of [['王大伟', '13900139001', 4, 'M'], ['李秀英', '13900139002', 2, 'F'], ['赵小刚', '13900139003', 1, 'M']] as const) {
    const r = await call<{ customerId: number; card: { number: string } }>(app.page, 'Members', 'Register', { name, mobile, levelId: level, cardNumber: '', gender })
    members.push({ name, card: r.card.number, id: r.customerId })
  }
})

afterAll(async () => {
  await app?.close()
})

async function guests() {
  const d = await call<{ guests: { id: number; name: string; status: string; tableNumber: number }[] }>(app.page, 'Events', 'Detail', eventId)
  return d.guests
}

async function confirmBox() {
  await app.page.locator('.el-message-box__btns .el-button--primary').click()
}

/** The event's start and how many whole days ahead it is: the new event is set for next Saturday 19:00. */
async function earliness() {
  const d = await call<{ event: { startsAt: string } }>(app.page, 'Events', 'Detail', eventId)
  return { startsAt: d.event.startsAt, days: daysEarly(d.event.startsAt) }
}

/**
 * checkIn scans or types at a sign-in desk. The first check-in on a desk more than a day before the
 * start asks first, naming the start and the days left; it is confirmed, and later ones go straight on.
 */
async function checkIn(desk: Page, text: string, first: boolean) {
  const input = desk.locator('input[data-test="checkin-input"]')
  await input.fill(text)
  await input.press('Enter')
  const { startsAt, days } = await earliness()
  if (!first || days === 0) return
  const box = desk.locator('.el-message-box', { hasText: '活动还没到日子' })
  await expect.poll(() => box.locator('.el-message-box__message').textContent()).toBe(`活动定于 ${startsAt} 开始，还有 ${days} 天。确定现在就签到吗？`)
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

describe('a tasting event end to end', () => {
  test('an event is created from the 活动 page', async () => {
    const { page } = app
    await go(app, '/')
    await page.locator('[data-test="nav-events"]').click()
    await page.locator('[data-test="events-empty"]').waitFor()
    await page.locator('[data-test="event-new"]').click()
    await page.locator('[data-test="event-field-name"] input:focus').waitFor()
    await page.keyboard.type('冬季酱香品鉴会')
    await fill(page, 'event-field-venue', '蜀香酒行二楼品鉴室')
    await page.locator('[data-test="event-save"]').click()
    await page.waitForURL(/#\/events\/\d+/)
    eventId = Number(page.url().match(/events\/(\d+)/)![1])
    await expect.poll(() => page.locator('[data-test="event-title"]').textContent()).toBe('冬季酱香品鉴会')
    expect(await page.locator('[data-test="event-page-state"]').textContent()).toBe('筹备中')
    // The 品鉴会 checklist is there from the start.
    await expect.poll(() => page.locator('[data-test="task-1"]').textContent()).toContain('确定场地并预订')
    // A cost line: a negative amount is refused in place, a good one adds to the totals.
    await page.locator('input[data-test="cost-item"]').fill('品鉴酒')
    await page.locator('input[data-test="cost-planned"]').fill('3000')
    await page.locator('input[data-test="cost-actual"]').fill('-5')
    await page.locator('[data-test="cost-add"]').click()
    await expect.poll(() => page.locator('[data-test="cost-error"]').textContent()).toBe('金额不能为负数')
    await page.locator('input[data-test="cost-actual"]').fill('2,800')
    await page.locator('[data-test="cost-add"]').click()
    await expect.poll(() => page.locator('[data-test="cost-total"]').textContent()).toBe('合计：预算 ¥3,000.00 · 实际 ¥2,800.00')
  })

  test('three members are added from a search', async () => {
    const { page } = app
    await go(app, `/events/${eventId}?tab=guests`)
    await page.locator('[data-test="guests-add"]').click()
    const dialog = page.locator('[data-test="add-guests-dialog"]')
    await dialog.locator('input[data-test="add-search"]:focus').waitFor()
    await page.keyboard.type('139001390')
    await dialog.locator('[data-test="add-find"]').click()
    const rows = dialog.locator('[data-test="add-candidates"] .el-table__body .el-table__row')
    await expect.poll(() => rows.count()).toBe(3)
    for (let i = 0; i < 3; i++) await rows.nth(i).locator('.el-checkbox').click()
    await dialog.locator('[data-test="add-confirm"]').click()
    await expect.poll(() => page.locator('[data-test="guest-name"]').allTextContents()).toEqual(['王大伟', '李秀英', '赵小刚'])
    for (const g of await guests()) guestIds[g.name] = g.id
  })

  test('copying an invitation puts the text on the clipboard and marks the guest 已邀请', async () => {
    const { page } = app
    await page.locator('[data-test="guests-invite"]').click()
    const dialog = page.locator('[data-test="invite-dialog"]')
    const id = guestIds['李秀英']
    await expect.poll(() => dialog.locator(`[data-test="invite-text-${id}"]`).textContent()).toContain('李女士')
    await dialog.locator(`[data-test="invite-copy-${id}"]`).click()
    await expect.poll(() => dialog.locator(`[data-test="invite-status-${id}"]`).textContent()).toBe('已邀请')
    const clip = await page.evaluate(() => navigator.clipboard.readText())
    expect(clip).toContain('尊敬的李女士')
    expect(clip).toContain('冬季酱香品鉴会')
    expect((await guests()).find((g) => g.id === id)?.status).toBe('invited')
  })

  test('auto-seat puts everyone at table 1; one guest is dragged to table 2', async () => {
    const { page } = app
    await go(app, `/events/${eventId}?tab=seating`)
    await page.locator('[data-test="tables-empty"]').waitFor()
    await page.locator('[data-test="auto-seat"]').click()
    await expect.poll(() => page.locator('[data-test="table-1"] [data-test^="seat-guest-"]').count()).toBe(3)
    await page.locator('[data-test="tables-add"]').click()
    await page.locator('[data-test="table-2"]').waitFor()
    const zhao = `[data-test="seat-guest-${guestIds['赵小刚']}"]`
    await page.dragAndDrop(`[data-test="table-1"] ${zhao}`, '[data-test="table-2"]')
    await expect.poll(() => page.locator(`[data-test="table-2"] ${zhao}`).count()).toBe(1)
    expect(await page.locator('[data-test="table-used-1"]').textContent()).toBe('2/10')
    expect((await guests()).find((g) => g.name === '赵小刚')?.tableNumber).toBe(2)
    // The accessible way: 移到… 1号桌 brings him back.
    await page.locator(`[data-test="move-${guestIds['赵小刚']}"]`).click()
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '1号桌' }).click()
    await expect.poll(() => page.locator('[data-test="table-used-1"]').textContent()).toBe('3/10')
    await page.dragAndDrop(`[data-test="table-1"] ${zhao}`, '[data-test="table-2"]')
    await expect.poll(() => page.locator('[data-test="table-used-2"]').textContent()).toBe('1/10')
  })

  test('once running, scanning a card checks the guest in and shows the table', async () => {
    const { page } = app
    await go(app, `/events/${eventId}?tab=checkin`)
    await page.locator('[data-test="event-state-inviting"]').click()
    await confirmBox()
    await page.locator('[data-test="event-state-running"]').click()
    // More than a day before its start, starting it says how far ahead it is.
    const { startsAt, days } = await earliness()
    const box = page.locator('.el-message-box', { hasText: '活动开始' })
    await expect.poll(() => box.locator('.el-message-box__message').textContent())
      .toBe(days ? `活动定于 ${startsAt} 开始，还有 ${days} 天。确定现在就改为「进行中」吗？` : '确定将活动改为「进行中」吗？')
    await confirmBox()
    await expect.poll(() => page.locator('[data-test="event-page-state"]').textContent()).toBe('进行中')
    // A second sign-in desk (a tablet on the shop network) hears of the arrival without reloading.
    const desk2 = await openSeat(app)
    await signIn(desk2, OWNER.name, OWNER.password)
    await desk2.locator('[data-test="shop-name"]').filter({ hasText: /\S/ }).waitFor()
    await desk2.goto(`${app.server.url}#/events/${eventId}?tab=checkin`)
    await desk2.locator('input[data-test="checkin-input"]').waitFor()
    const zhao = members.find((m) => m.name === '赵小刚')!
    await checkIn(page, zhao.card, true)
    const result = page.locator('[data-test="checkin-result"]')
    await expect.poll(() => result.textContent()).toContain('赵小刚')
    expect(await page.locator('[data-test="checkin-table"]').textContent()).toContain('2号桌')
    await expect.poll(() => page.locator('[data-test="live-arrived"] .el-statistic__number').textContent()).toBe('1')
    await expect.poll(() => desk2.locator('[data-test="live-arrived"] .el-statistic__number').textContent(), { timeout: 8000 }).toBe('1')
    await desk2.close()
    // A second scan says so and changes nothing.
    await checkIn(page, zhao.card, false)
    await expect.poll(() => page.locator('[data-test="checkin-already"]').textContent()).toContain('赵小刚 已于')
    expect((await guests()).filter((g) => g.status === 'checked_in').map((g) => g.name)).toEqual(['赵小刚'])
  })

  test('the sign-in sheet downloads', async () => {
    const { page } = app
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="event-export-signin"]').click()])
    expect(d.suggestedFilename()).toMatch(/^活动签到表-冬季酱香品鉴会-\d{8}-\d{4}\.xlsx$/)
    expect(statSync((await d.path())!).size).toBeGreaterThan(3000)
    expect(app.pageErrors).toEqual([])
  })

  test('a clerk at a second desk checks a guest in by name, sees masked numbers, and needs a manager for the sign-in sheet', async () => {
    await call(app.page, 'Staff', 'Create', { name: '小周', role: 'clerk', active: true, secret: '2468' })
    await call(app.page, 'Staff', 'Create', { name: '刘店长', role: 'manager', active: true, secret: '8642' })
    const desk = await openSeat(app)
    await signIn(desk, '小周', '2468')
    await desk.locator('[data-test="staff-role"]').filter({ hasText: '店员' }).waitFor()
    await desk.goto(app.server.url + `#/events/${eventId}?tab=guests`)
    await expect.poll(() => desk.locator('[data-test="guest-name"]').allTextContents()).toEqual(['王大伟', '李秀英', '赵小刚'])
    expect(await desk.locator('.el-table__body .jk-mono').allTextContents()).toEqual(['139****9001', '139****9002', '139****9003'])

    await desk.goto(app.server.url + `#/events/${eventId}?tab=checkin`)
    await checkIn(desk, '李秀英', true)
    await expect.poll(() => desk.locator('[data-test="checkin-table"]').textContent()).toContain('1号桌')
    expect((await guests()).filter((g) => g.status === 'checked_in').map((g) => g.name).sort()).toEqual(['李秀英', '赵小刚'].sort())

    // Exporting is a manager's: the clerk is asked for a manager's PIN on the spot, and cancelling downloads nothing.
    await desk.locator('[data-test="event-export-signin"]').click()
    const approval = desk.locator('.el-dialog', { hasText: '需要店长授权' })
    await approval.waitFor()
    await approval.locator('[data-test="approval-cancel"]').click()
    await approval.waitFor({ state: 'hidden' })
    await desk.locator('[data-test="event-export-signin"]').click()
    await approval.waitFor()
    await approval.locator('[data-test="approval-approver"] .el-radio', { hasText: '刘店长' }).click()
    const pin = approval.locator('[data-test="approval-secret"] input')
    await pin.fill('8642')
    const [d] = await Promise.all([desk.waitForEvent('download'), pin.press('Enter')])
    expect(d.suggestedFilename()).toMatch(/^活动签到表-冬季酱香品鉴会-/)
    await desk.close()
  })
})
