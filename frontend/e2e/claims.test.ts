// A brand claim through the real UI on a real server: a programme entered in 厂家核销 (a tier, a gift
// per table, ¥10 a bottle shared 20/30/50, a sponsored tasting, photos demanded); two wedding banquets
// delivered with scanned codes, photographed and settled with returns (set up through the API, as the
// banquets test drives those screens); a claim built from both banquets and the tasting, filed, partly
// approved and then paid; the packet downloaded and its files checked against their recorded hashes.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { call, go, openApp, type App } from './harness'

let app: App
let eventId = 0
let productId = 0
let venue = 0
let programmeId = 0
const hosts: number[] = []
const banquetIds: number[] = []

// A real 2×2 PNG, so the evidence upload's image check passes.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=='

/** fill types into a field by its data-test, whether Element Plus put it on the input or on a wrapper. */
async function fill(page: Page, test: string, value: string) {
  await page.locator(`input[data-test="${test}"], textarea[data-test="${test}"], [data-test="${test}"] input`).first().fill(value)
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
}

beforeAll(async () => {
  app = await openApp()
  const p = app.page
  const product = await call<{ id: number }>(p, 'Sales', 'SaveProduct', {
    id: 0, name: '五粮液普五', series: '', volumeMl: 500, abv: '52%', category: '白酒', retailFen: 109900, bottlesPerCase: 6, service: false, active: true, levelPrices: {},
  })
  productId = product.id
  const customer = async (name: string, mobile: string, extra: Record<string, string> = {}) =>
    (await call<{ id: number }>(p, 'Customers', 'Create', {
      name, mobile, otherPhone: '', gender: 'M', birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false }, district: '城东', address: '',
      company: '', title: '', source: '进店', referrerId: 0, ownerStaffId: 0, notes: '', consent: true, kind: '个人', outletType: '', shopName: '',
      contactPerson: '', ...extra,
    })).id
  venue = await customer('周经理', '13700000001', { kind: '终端门店', outletType: '酒店', shopName: '金源大酒店', contactPerson: '周经理' })
  hosts.push(await customer('张新郎', '13700000002'), await customer('李新娘', '13700000003'))
  // A tasting with both hosts checked in (one with a companion), then ended.
  const ev = await call<{ id: number }>(p, 'Events', 'Create', {
    name: '五粮液品鉴会', kind: '品鉴会', theme: '', startsAt: `${day(1)} 18:00`, endsAt: `${day(1)} 21:00`, venue: '店内', address: '', capacity: 0,
    hostStaffId: 0, featuredProducts: '', notes: '', attendPoints: 0,
  })
  eventId = ev.id
  await call(p, 'Events', 'AddGuests', eventId, hosts, 0)
  await call(p, 'Events', 'SetState', eventId, 'inviting')
  await call(p, 'Events', 'SetState', eventId, 'running')
  for (const h of hosts) await call(p, 'Events', 'CheckIn', eventId, h)
  await call(p, 'Events', 'SetState', eventId, 'ended')
})

afterAll(async () => {
  await app?.close()
})

describe('a brand claim from programme to money received', () => {
  test('the owner enters the brand programme in 厂家核销', async () => {
    const p = app.page
    await go(app, '/claims?tab=programmes')
    await p.locator('[data-test="programme-new"]').click()
    const dlg = p.locator('[data-test="programme-dialog"]')
    await fill(p, 'programme-brand', '五粮液')
    await fill(p, 'programme-name-input', '婚宴推广政策')
    await dlg.locator('[data-test="programme-add-tier"]').click()
    await dlg.locator('[data-test="tier-cases"] input').fill('2')
    await dlg.locator('[data-test="tier-tables"] input').fill('8')
    await fill(p, 'gift-name', '喜糖礼盒')
    await fill(p, 'gift-value', '20')
    await fill(p, 'programme-rebate', '10')
    for (const [who, pct] of [['distributor', '20'], ['outlet', '30'], ['host', '50']]) {
      await dlg.locator(`[data-test="split-${who}"] input`).fill(pct)
    }
    await fill(p, 'programme-per-event', '500')
    await fill(p, 'programme-per-attendee', '30')
    await dlg.locator('[data-test="programme-events"]').click()
    await p.locator('.el-select-dropdown__item:visible').filter({ hasText: '五粮液品鉴会' }).click()
    await dlg.locator('.el-dialog__title').click() // close the dropdown
    await dlg.locator('[data-test="programme-photos"]').getByText('桌数照片').click()
    await dlg.locator('[data-test="programme-photos"]').getByText('开瓶照片').click()
    await p.locator('[data-test="programme-save"]').click()
    await expect.poll(() => p.locator('[data-test="programme-name"]').allTextContents()).toEqual(['婚宴推广政策'])
    const [prog] = await call<{ id: number; rules: { banquet: { rebatePerBottle: number; tiers: { minCases: number; perTable: { value: number }[] }[] } }; eventIds: number[] }[]>(
      p, 'Claims', 'Programmes')
    expect(prog.rules.banquet.rebatePerBottle).toBe(1000)
    expect(prog.rules.banquet.tiers[0].minCases).toBe(2)
    expect(prog.rules.banquet.tiers[0].perTable[0].value).toBe(2000)
    expect(prog.eventIds).toEqual([eventId])
    programmeId = prog.id
  })

  test('two weddings under it are delivered with codes, photographed and settled with returns', async () => {
    const p = app.page
    for (const [i, host] of hosts.entries()) {
      const b = await call<{ id: number }>(p, 'Banquets', 'Register', {
        hostId: host, kind: '婚宴', heldAt: `${day(0)} 18:00`, venueId: venue, tables: 10, contactName: '主家', contactPhone: '',
        lines: [{ productId, cases: 3, bottles: 0, unitFen: 80000 }], priceFen: 0, depositFen: 100000, programmeId, staffId: 0, notes: '', idemKey: `reg-${i}`,
      })
      banquetIds.push(b.id)
      await call(p, 'Banquets', 'Deliver', b.id, {
        lines: [{ productId, cases: 3, bottles: 0 }], codes: [{ code: `WLY-${i}-1`, productId }, { code: `WLY-${i}-2`, productId }], note: '', idemKey: `dlv-${i}`,
      })
      await call(p, 'Banquets', 'MarkHeld', b.id)
      // The second wedding's opened-bottles photo is missing at first.
      for (const kind of i === 0 ? ['tables', 'opened'] : ['tables']) {
        await call(p, 'Banquets', 'UploadEvidence', b.id, { kind, note: '', idemKey: `photo-${i}-${kind}` }, PNG)
      }
      // 18 bottles out, 14 opened, 4 back; a candy box on each of the 10 tables; of ¥10 a bottle the
      // outlet gets 30% and the host 50%, as the programme computes.
      await call(p, 'Banquets', 'Settle', b.id, {
        lines: [{ productId, opened: 14, returned: 4, lost: 0, countedBy: 'caps', openedCodes: [] }], gifts: [{ name: '喜糖礼盒', perTable: 1, quantity: 10 }],
        rebateOutletFen: 4200, rebateHostFen: 7000, note: '', idemKey: `stl-${i}`,
      })
    }
  })

  test('a claim is built from both weddings and the tasting once the missing photo is added', async () => {
    const p = app.page
    await go(app, '/claims')
    await p.locator('[data-test="claim-new"]').click()
    const dlg = p.locator('[data-test="claim-build"]')
    await expect.poll(() => dlg.locator('[data-test="candidate-title"]').allTextContents()).toEqual(['张新郎 婚宴', '李新娘 婚宴', '五粮液品鉴会'])
    // 14 bottles × ¥10 + 10 boxes × ¥20 = ¥340 per wedding; ¥500 + 2 guests × ¥30 = ¥560 for the tasting.
    await expect.poll(() => dlg.locator('[data-test="candidate-missing"]').allTextContents()).toEqual(['缺少开瓶照片'])
    await dlg.locator('.el-dialog__headerbtn').click()
    await call(p, 'Banquets', 'UploadEvidence', banquetIds[1], { kind: 'opened', note: '补拍', idemKey: 'photo-1-opened' }, PNG)
    await p.locator('[data-test="claim-new"]').click()
    await expect.poll(() => dlg.locator('[data-test="candidate-missing"]').count()).toBe(0)
    await expect.poll(() => dlg.locator('[data-test="candidate-amount"]').allTextContents()).toEqual(['¥340.00', '¥340.00', '¥560.00'])
    await dlg.locator('thead .el-checkbox').click() // tick every row
    await expect.poll(() => dlg.locator('[data-test="claim-build-total"]').textContent()).toContain('¥1,240.00')
    await fill(p, 'claim-build-title', '五粮液十二月申报')
    await dlg.locator('[data-test="claim-build-submit"]').click()
    const drawer = p.locator('[data-test="claim-drawer"]')
    await expect.poll(() => drawer.locator('[data-test="claim-drawer-state"]').textContent()).toBe('待申报')

    // Filed: the banquets move to 已申报 and their photos are fixed.
    await drawer.locator('[data-test="claim-file"]').click()
    await p.locator('.el-message-box__btns .el-button--primary').click()
    await expect.poll(() => drawer.locator('[data-test="claim-drawer-state"]').textContent()).toBe('已申报')
    const d = await call<{ banquet: { state: string } }>(p, 'Banquets', 'Detail', banquetIds[0])
    expect(d.banquet.state).toBe('已申报')

    // The brand approves ¥1,000 of ¥1,240: 部分核销.
    await drawer.locator('[data-test="claim-approve"]').click()
    await fill(p, 'claim-answer-amount', '1300')
    await p.locator('[data-test="claim-answer-submit"]').click()
    await expect.poll(() => p.locator('[data-test="claim-answer-error"]').textContent()).toContain('¥1,240.00')
    await fill(p, 'claim-answer-amount', '1000')
    await fill(p, 'claim-answer-text', '一场礼品照片不清')
    await p.locator('[data-test="claim-answer-submit"]').click()
    await expect.poll(() => drawer.locator('[data-test="claim-drawer-state"]').textContent()).toBe('部分核销')
    await expect.poll(() => drawer.locator('[data-test="claim-drawer-outstanding"]').textContent()).toBe('¥1,000.00')

    // The packet: the sheet, four photos and the sign-in sheet, each matching the hash list.
    const [download] = await Promise.all([p.waitForEvent('download'), drawer.locator('[data-test="claim-packet"]').click()])
    const zip = join(mkdtempSync(join(tmpdir(), 'claim-')), download.suggestedFilename())
    await download.saveAs(zip)
    const checked = execFileSync('python3', ['-c', `
import hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
lines = z.read('校验清单.txt').decode().splitlines()
for l in lines:
    h, name = l.split('  ', 1)
    assert hashlib.sha256(z.read(name)).hexdigest() == h, name
print(len(lines), sorted(n for n in z.namelist() if not n.startswith('证明材料/')))
`, zip]).toString().trim()
    expect(checked).toBe("5 ['校验清单.txt', '申报表.xlsx']")

    // ¥1,000 arrives: 已到账, and the brand owes nothing more.
    await drawer.locator('[data-test="claim-receive"]').click()
    await p.locator('[data-test="claim-answer-submit"]').click()
    await expect.poll(() => drawer.locator('[data-test="claim-drawer-state"]').textContent()).toBe('已到账')
    await go(app, '/claims?tab=receivables')
    await expect.poll(() => p.locator('[data-test="receivable-received"]').allTextContents()).toEqual(['¥1,000.00'])
    await expect.poll(() => p.locator('[data-test="receivable-outstanding"]').allTextContents()).toEqual(['¥0.00'])
  })
})
