// Communities through the real UI on a real server: a group is created, customers are added from a
// saved 客群 (segment) and from a pasted list of remark names with an inviter who earns the fission
// reward, a red packet is logged, and a lucky draw runs on the big screen: winners recorded, stock
// taken, the seed verified, and a draw with more prizes than eligible people refused before it starts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { call, fill, go, openApp, openSeat, signIn, type App } from './harness'

let app: App
let giftId = 0
const ids: Record<string, number> = {}

const blankCustomer = { otherPhone: '', gender: '', birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false }, address: '',
  company: '', title: '', source: '进店', referrerId: 0, ownerStaffId: 0, notes: '', consent: false }

beforeAll(async () => {
  app = await openApp()
  for (const [name, mobile, district] of [['张三', '13800008000', '锦江区'], ['李四', '13800001111', '锦江区'], ['王五', '13800002222', '锦江区'],
    ['赵六', '13800004444', '武侯区']]) {
    const c = await call<{ id: number }>(app.page, 'Customers', 'Create', { ...blankCustomer, name, mobile, district })
    ids[name] = c.id
  }
  const g = await call<{ id: number }>(app.page, 'Points', 'SaveGift', { id: 0, name: '定制酒杯', pointsCost: 500, stock: 5, active: true })
  giftId = g.id
  await call(app.page, 'Segments', 'Save', 0, { name: '锦江老客', description: '', definition: { op: 'AND', items: [{ field: 'district', cmp: 'eq', text: '锦江区' }] } })
})

afterAll(async () => {
  await app?.close()
})

async function pickOption(text: string) {
  await app.page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

describe('a community from creation to a lucky draw', () => {
  test('a group is created from the 社群 page', async () => {
    const { page } = app
    await go(app, '/communities')
    await page.locator('[data-test="groups-empty"]').waitFor()
    await page.locator('[data-test="group-add"]').click()
    await fill(page, 'group-field-name', '锦江酱香品鉴群')
    await fill(page, 'group-field-theme', '酱香白酒品鉴')
    await page.locator('[data-test="group-save"]').click()
    await expect.poll(() => page.locator('[data-test="group-title"]').textContent()).toBe('锦江酱香品鉴群')
    await page.locator('[data-test="members-empty"]').waitFor()
  })

  test("a saved segment's customers are added, with remark names in the shop convention", async () => {
    const { page } = app
    await page.locator('[data-test="members-add"]').click()
    const dialog = page.locator('[data-test="add-members-dialog"]')
    await dialog.locator('[data-test="add-filter-segment"] .el-select__wrapper').click()
    await pickOption('锦江老客（3）')
    await dialog.locator('[data-test="add-find"]').click()
    await expect.poll(() => dialog.locator('[data-test="add-found"]').textContent()).toContain('找到 3 人')
    await dialog.locator('[data-test="add-confirm"]').click()
    await expect.poll(() => page.locator('[data-test="member-remark"]').allTextContents()).toEqual(['张三-8000', '李四-1111', '王五-2222'])
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.locator('[data-test="group-count"]').textContent()).toBe('3 / 500 人')
  })

  test('a pasted list is matched; the unmatched are shown; the inviter earns the join reward', async () => {
    const { page } = app
    await page.locator('[data-test="members-add"]').click()
    const dialog = page.locator('[data-test="add-members-dialog"]')
    await dialog.locator('[data-test="add-source-paste"]').click()
    await dialog.locator('textarea[data-test="add-paste"]').fill('赵六-4444\n钱七-0000')
    await dialog.locator('[data-test="add-match"]').click()
    await expect.poll(() => dialog.locator('[data-test="paste-unmatched"]').textContent()).toContain('钱七-0000')
    expect(await dialog.locator('[data-test="paste-summary"]').textContent()).toContain('已匹配 1')
    await dialog.locator('[data-test="add-inviter"] input').fill('张三')
    await pickOption('张三')
    await dialog.locator('[data-test="add-confirm"]').click()
    await expect.poll(() => page.locator('[data-test="member-remark"]').count()).toBe(4)
    await dialog.waitFor({ state: 'hidden' })
    const history = await call<{ kind: string; points: number; reason: string }[]>(page, 'Points', 'History', ids['张三'], 0)
    expect(history.filter((e) => e.kind === 'bonus').map((e) => [e.points, e.reason])).toEqual([[20, '邀请「赵六」加入社群「锦江酱香品鉴群」']])
    await page.locator('.el-tabs__item', { hasText: '邀请关系' }).click()
    await expect.poll(() => page.locator('[data-test="invite-tree"]').textContent()).toContain('赵六')
  })

  test('a red packet is logged in the activity log', async () => {
    const { page } = app
    await page.locator('.el-tabs__item', { hasText: '活动记录' }).click()
    await page.locator('[data-test="activities-empty"]').waitFor()
    await page.locator('[data-test="activity-add"]').click()
    await page.locator('[data-test="activity-field-kind"] .el-select__wrapper').click()
    await pickOption('红包')
    await fill(page, 'activity-field-title', '周五晚八点红包雨')
    const amount = page.locator('[data-test="activity-field-amount"] input')
    await amount.fill('88')
    await amount.press('Tab')
    await page.locator('[data-test="activity-save"]').click()
    await expect.poll(() => page.locator('[data-test="activity-kind"]').allTextContents()).toEqual(['红包'])
    expect(await page.locator('[data-test="activity-table"]').textContent()).toContain('¥88.00')
    expect(await page.locator('[data-test="group-state"]').textContent()).toBe('活跃')
  })

  test('a lucky draw on the big screen records winners, takes stock and verifies', async () => {
    const { page } = app
    await page.locator('.el-tabs__item', { hasText: '抽奖' }).click()
    await page.locator('[data-test="draws-empty"]').waitFor()
    await page.locator('[data-test="draw-start"]').click()
    const dialog = page.locator('[data-test="draw-dialog"]')
    await dialog.locator('input[data-test="draw-title"]').fill('开群抽奖')
    await dialog.locator('[data-test="draw-prize-gift"] .el-select__wrapper').click()
    await pickOption('定制酒杯')
    const count = dialog.locator('[data-test="draw-prize-count"] input')
    await count.fill('2')
    await count.press('Tab')
    await expect.poll(() => dialog.locator('[data-test="draw-pool"]').textContent()).toBe('可参与 4 人，已排除 0 人')
    await dialog.locator('[data-test="draw-screen"]').click()
    const screen = page.locator('[data-test="draw-screen-view"]')
    await screen.locator('[data-test="screen-go"]').click()
    await screen.locator('[data-test="screen-rolling"]').waitFor()
    await screen.locator('[data-test="screen-stop"]').click()
    await expect.poll(() => screen.locator('[data-test="screen-winner"]').count()).toBe(2)
    // Phones are masked on the projector.
    expect(await screen.locator('[data-test="screen-winners"]').textContent()).toMatch(/138\*{4}\d{4}/)
    await screen.locator('[data-test="screen-close"]').click()
    await expect.poll(() => page.locator('[data-test="draw-winner"]').count()).toBe(2)
    const gifts = await call<{ id: number; stock: number }[]>(page, 'Points', 'Gifts', false)
    expect(gifts.find((g) => g.id === giftId)?.stock).toBe(3)
    await page.locator('[data-test="draw-verify"]').click()
    await page.locator('.el-message-box', { hasText: '验证通过' }).waitFor()
    await page.locator('.el-message-box .el-button--primary').click()
  })

  test('more prizes than eligible people is refused before drawing; earlier winners are out', async () => {
    const { page } = app
    await page.locator('[data-test="draw-start"]').click()
    const dialog = page.locator('[data-test="draw-dialog"]')
    await dialog.locator('input[data-test="draw-title"]').fill('二轮')
    await dialog.locator('[data-test="draw-prize-gift"] .el-select__wrapper').click()
    await pickOption('定制酒杯')
    const count = dialog.locator('[data-test="draw-prize-count"] input')
    await count.fill('3')
    await count.press('Tab')
    await expect.poll(() => dialog.locator('[data-test="draw-pool"]').textContent()).toBe('可参与 2 人，已排除 2 人')
    expect(await dialog.locator('[data-test="draw-problem"]').textContent()).toContain('奖品共 3 份，可参与的只有 2 人')
    expect(await dialog.locator('[data-test="draw-screen"]').isDisabled()).toBe(true)
    // The server refuses the same, changing nothing.
    await expect(call(page, 'Communities', 'Draw', { groupId: 1, eventId: 0, title: '二轮', prizes: [{ giftId, count: 3 }], excludeTag: '', excludeIds: [], allowPastWinners: false }))
      .rejects.toThrow('可参与的只有 2 人')
    const gifts = await call<{ id: number; stock: number }[]>(page, 'Points', 'Gifts', false)
    expect(gifts.find((g) => g.id === giftId)?.stock).toBe(3)
    await page.keyboard.press('Escape')
  })

  test('a sale from the group counts in its health; the invited friend\'s first buy rewards the inviter', async () => {
    const { page } = app
    const p = await call<{ id: number }>(page, 'Sales', 'SaveProduct', { id: 0, name: '普五', series: '五粮液', volumeMl: 500, abv: '52%vol',
      category: '白酒', retailFen: 109900, service: false, active: true, levelPrices: {} })
    const groups = await call<{ id: number }[]>(page, 'Communities', 'OfCustomer', ids['赵六'])
    expect(groups.length).toBe(1)
    await call(page, 'Sales', 'Record', { customerId: ids['赵六'], cardNumber: '', lines: [{ productId: p.id, qty: 2, overridePrice: false, unitFen: 0 }],
      date: '', note: '', key: 'e2e-group-sale', noPoints: false, communityId: groups[0].id })
    const history = await call<{ kind: string; points: number }[]>(page, 'Points', 'History', ids['张三'], 0)
    expect(history.filter((e) => e.kind === 'bonus').map((e) => e.points).sort()).toEqual([100, 20])
    await go(app, '/communities?tab=health')
    await expect.poll(() => page.locator('[data-test="health-sales"]').allTextContents()).toEqual(['¥2,198.00'])
    expect(app.pageErrors).toEqual([])
  })

  test('a clerk sees the roster with masked numbers and exports it only with a manager\'s PIN, named after the group', async () => {
    const [group] = await call<{ id: number }[]>(app.page, 'Communities', 'OfCustomer', ids['张三'])
    await call(app.page, 'Staff', 'Create', { name: '小吴', role: 'clerk', active: true, secret: '3579' })
    await call(app.page, 'Staff', 'Create', { name: '陈店长', role: 'manager', active: true, secret: '9753' })
    const desk = await openSeat(app)
    await signIn(desk, '小吴', '3579')
    await desk.locator('[data-test="staff-role"]').filter({ hasText: '店员' }).waitFor()
    await desk.goto(app.server.url + `#/communities/${group.id}`)
    await expect.poll(() => desk.locator('[data-test="member-remark"]').count()).toBeGreaterThan(3)
    const mobiles = await desk.locator('[data-test="member-table"] .el-table__body tr td:nth-child(3) .cell').allTextContents()
    expect(mobiles).toContain('138****8000')
    expect(mobiles.join()).not.toMatch(/\d{11}/)

    await desk.locator('[data-test="export-group-roster"]').click()
    const approval = desk.locator('.el-dialog', { hasText: '需要店长授权' })
    await approval.waitFor()
    await approval.locator('[data-test="approval-approver"] .el-radio', { hasText: '陈店长' }).click()
    const pin = approval.locator('[data-test="approval-secret"] input')
    await pin.fill('9753')
    const [d] = await Promise.all([desk.waitForEvent('download'), pin.press('Enter')])
    expect(d.suggestedFilename()).toMatch(/^社群名单-锦江酱香品鉴群-\d{8}-\d{4}\.xlsx$/)
    await desk.close()
  })
})
