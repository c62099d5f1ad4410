// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { BOOT_ID, bootDone } from './bootScreen'

// Tests run in frontend/, where index.html is.
const indexHtml = readFileSync('index.html', 'utf8')

describe('start screen', () => {
  it('is drawn by index.html itself, with its styles inline', () => {
    document.documentElement.innerHTML = indexHtml.replace(/<!doctype html>/i, '')
    const boot = document.getElementById(BOOT_ID)
    expect(boot?.textContent).toContain('酒客通')
    // No stylesheet of the build is needed to draw it.
    expect(document.querySelector('style')?.textContent).toContain('.jk-boot')
  })

  it('goes once the app has its first screen, and only once', () => {
    document.body.innerHTML = `<div id="app"></div><div id="${BOOT_ID}">酒客通</div>`
    bootDone()
    expect(document.getElementById(BOOT_ID)).toBeNull()
    expect(document.getElementById('app')).not.toBeNull()
    expect(() => bootDone()).not.toThrow()
  })
})
