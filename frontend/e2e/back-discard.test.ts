// The browser's Back button on a half-filled form asks the same question as a link does.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { go, openApp, type App } from './harness'

let app: App

beforeAll(async () => {
  app = await openApp()
})

afterAll(async () => {
  await app?.close()
})

describe('Back on a half-filled form', () => {
  test('asks before discarding; 继续填写 keeps the form, 放弃修改 goes back', async () => {
    const { page } = app
    await go(app, '/customers')
    await page.locator('[data-test="list-new-customer"]').click()
    await page.waitForURL(/#\/customers\/new$/)
    await page.locator('[data-test="field-name"] input').fill('李四')

    await page.goBack()
    const box = page.locator('.el-message-box')
    await box.waitFor()
    // The prompt stays up (it used to close itself as the hash changed) until it is answered.
    await page.waitForTimeout(300)
    expect(await box.isVisible()).toBe(true)
    expect(await box.textContent()).toContain('放弃修改')
    await box.locator('.el-button:not(.el-button--primary)').click() // 继续填写
    await box.waitFor({ state: 'hidden' })
    await page.waitForURL(/#\/customers\/new$/)
    expect(await page.locator('[data-test="field-name"] input').inputValue()).toBe('李四')

    await page.goBack()
    await box.waitFor()
    await box.locator('.el-button--primary').click() // 放弃修改
    await page.waitForURL(/#\/customers$/)
  })
})
