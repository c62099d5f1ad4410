// Guest self check-in (扫码签到) on a real server: with shop-network mode on, a guest on a phone-sized
// browser opens their token's page, confirms and sees their table large; the sign-in desk's count and
// list move without a reload; the used token is refused; the token reaches nothing under /api/app;
// a walk-in's form is held and confirmed at the desk; the desk undoes a check-in.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { call, go, openApp, type App } from './harness'

let app: App
let eventId = 0
let guestPath = ''
let walkInPath = ''
const phones: BrowserContext[] = []

/** shopTime writes a time as the shop does: "YYYY-MM-DD HH:MM" in Asia/Shanghai. */
function shopTime(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  )
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** phone opens a phone-sized browser with no cookies, as a guest's phone on the shop Wi-Fi. */
async function phone(): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  context.setDefaultTimeout(10_000)
  phones.push(context)
  return context.newPage()
}

beforeAll(async () => {
  app = await openApp()
  const page = app.page
  // Shop-network mode on, on a free port.
  for (let i = 0; ; i++) {
    try {
      await call(page, 'System', 'SetLAN', { enabled: true, port: 20000 + Math.floor(Math.random() * 20000) })
      break
    } catch (e) {
      if (i > 5) throw e
    }
  }
  const zhang = await call<{ id: number }>(page, 'Customers', 'Create', { name: '张伟', mobile: '13800138000', gender: 'M' })
  const now = Date.now()
  const ev = await call<{ id: number }>(page, 'Events', 'Create', {
    name: '冬季酱香品鉴会', kind: '品鉴会', startsAt: shopTime(new Date(now + 30 * 60_000)), endsAt: shopTime(new Date(now + 3 * 3600_000)),
    venue: '蜀香酒行二楼', address: '武侯区科华北路99号', attendPoints: 0,
  })
  eventId = ev.id
  await call(page, 'Events', 'AddGuests', eventId, [zhang.id], 0)
  const tables = await call<{ id: number }[]>(page, 'Events', 'AddTables', eventId, 2, 10)
  const d = await call<{ guests: { id: number }[] }>(page, 'Events', 'Detail', eventId)
  await call(page, 'Events', 'Seat', eventId, d.guests[0].id, tables[1].id)
  await call(page, 'Events', 'SetState', eventId, 'inviting')
  const links = await call<{ base: string; walkIn: string; guests: { url: string; name: string }[] }>(page, 'Events', 'CheckInLinks', eventId)
  expect(links.guests[0].url.startsWith(links.base + '/c/')).toBe(true)
  // The links name this PC's shop-network address; the test's browser reaches the same server locally.
  guestPath = new URL(links.guests[0].url).pathname
  walkInPath = new URL(links.walkIn).pathname
})

afterAll(async () => {
  for (const c of phones) await c.close()
  await app?.close()
})

describe('guest self check-in', () => {
  test('a guest checks in on a phone and sees their table; the desk sees it without a reload', async () => {
    const desk = app.page
    await go(app, `/events/${eventId}?tab=checkin`)
    await desk.locator('[data-test="checkin-live"]').waitFor()
    await expect.poll(() => desk.locator('[data-test="live-arrived"] .el-statistic__number').textContent()).toBe('0')

    const p = await phone()
    await p.goto(app.server.url.replace(/\/$/, '') + guestPath)
    expect(await p.locator('#hello').textContent()).toBe('尊敬的张先生：')
    expect(await p.locator('#event').textContent()).toBe('冬季酱香品鉴会')
    expect(await p.locator('#table').count()).toBe(0)
    // The page is not the app: no bridge, no script at all.
    expect(await p.evaluate(() => typeof (window as unknown as { go?: unknown }).go)).toBe('undefined')
    await p.locator('#confirm').click()
    await p.locator('#done').waitFor()
    expect(await p.locator('#table').textContent()).toBe('2号桌')
    const box = await p.locator('#table').boundingBox()
    expect(box!.height).toBeGreaterThan(50)
    expect(await p.context().cookies()).toEqual([])

    await expect.poll(() => desk.locator('[data-test="live-arrived"] .el-statistic__number').textContent()).toBe('1')
    const recent = desk.locator('[data-test="recent-checkins"]')
    await expect.poll(() => recent.textContent()).toContain('张伟')
    expect(await recent.locator('[data-test="scanned"]').count()).toBe(1)
  })

  test('a used token is refused', async () => {
    const p = await phone()
    const url = app.server.url.replace(/\/$/, '') + guestPath
    await p.goto(url)
    expect(await p.locator('#done').textContent()).toContain('您已签到')
    expect(await p.locator('#confirm').count()).toBe(0)
    const again = await p.context().request.post(url, { form: {} })
    expect(again.status()).toBe(409)
    expect(await again.text()).toContain('无需重复签到')
  })

  test('the token reaches nothing under /api/app', async () => {
    const p = await phone()
    await p.goto(app.server.url.replace(/\/$/, '') + guestPath)
    const token = guestPath.split('/').pop()!
    // The page itself may not fetch anything (its Content-Security-Policy allows no connections)…
    const blocked = await p.evaluate(() => fetch('/api/app/Auth/Status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' }).then(() => 'sent', () => 'blocked'))
    expect(blocked).toBe('blocked')
    // …and whoever holds the token and calls /api/app from the same phone is asked to sign in.
    const req = p.context().request
    const answers: [number, string][] = []
    for (const [method, args] of [['Events/Detail', [eventId]], ['Events/List', ['']], ['Events/CheckIn', [eventId, 1]], ['Events/WalkInRequests', [eventId]]] as const) {
      const tries: Record<string, string>[] = [{}, { Authorization: `Bearer ${token}` }, { Cookie: `jiuke_session=${token}` }]
      for (const headers of tries) {
        const r = await req.post(`${app.server.url}api/app/${method}`, { headers: { 'Content-Type': 'application/json', ...headers }, data: JSON.stringify(args) })
        answers.push([r.status(), (await r.json()).message])
      }
    }
    expect(answers.length).toBe(12)
    for (const [status, message] of answers) {
      expect(status).toBe(403)
      expect(message).toBe('请先登录')
    }
    const events = await p.context().request.get(app.server.url + 'api/events')
    expect(events.status()).toBe(403)
  })

  test('a walk-in is held and confirmed at the desk', async () => {
    const desk = app.page
    const p = await phone()
    await p.goto(app.server.url.replace(/\/$/, '') + walkInPath)
    await p.locator('#name').fill('周家明')
    await p.locator('#mobile').fill('12345')
    await p.locator('#send').click()
    expect(await p.locator('#error').textContent()).toContain('手机号应为11位数字')
    expect(await p.locator('#name').inputValue()).toBe('周家明')
    await p.locator('#mobile').fill('199 1234 5678')
    await p.locator('#send').click()
    expect(await p.locator('#receipt').textContent()).toContain('已登记，请到签到台稍候')

    const rows = desk.locator('[data-test="walkin-requests"] .el-table__body .el-table__row')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().textContent()).toContain('周家明')
    expect(await rows.first().textContent()).toContain('新客户')
    await rows.first().locator('[data-test="walkin-confirm"]').click()
    await expect.poll(() => rows.count()).toBe(0)
    await expect.poll(() => desk.locator('[data-test="live-arrived"] .el-statistic__number').textContent()).toBe('2')
    await expect.poll(() => desk.locator('[data-test="recent-checkins"]').textContent()).toContain('周家明')
  })

  test('the desk undoes a self check-in and the token works again', async () => {
    const desk = app.page
    const row = desk.locator('[data-test="recent-checkins"] .el-table__body .el-table__row', { hasText: '张伟' })
    await row.locator('[data-test="checkin-undo"]').click()
    await desk.locator('.el-message-box__btns .el-button--primary').click()
    await expect.poll(() => desk.locator('[data-test="live-arrived"] .el-statistic__number').textContent()).toBe('1')
    const p = await phone()
    await p.goto(app.server.url.replace(/\/$/, '') + guestPath)
    await p.locator('#confirm').click()
    expect(await p.locator('#table').textContent()).toBe('2号桌')
    await expect.poll(() => desk.locator('[data-test="live-arrived"] .el-statistic__number').textContent()).toBe('2')
  })

  test('the desk shows each guest link with its QR code', async () => {
    const desk = app.page
    await desk.locator('[data-test="checkin-links"]').click()
    const dialog = desk.locator('[data-test="links-dialog"]')
    await expect.poll(() => dialog.locator('[data-test="guest-url"]').first().textContent()).toContain(guestPath)
    expect(await dialog.locator('[data-test="walkin-url"]').textContent()).toContain(walkInPath)
    expect(await dialog.locator('[data-test="walkin-qr"]').getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    expect(app.pageErrors).toEqual([])
  })
})
