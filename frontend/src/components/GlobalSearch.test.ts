import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import type { Hit } from '@/api/customers'
import GlobalSearch from './GlobalSearch.vue'

const search = vi.fn<(text: string, includeArchived?: boolean) => Promise<Hit[]>>()
vi.mock('@/api/customers', () => ({ search: (text: string, inc?: boolean) => search(text, inc) }))

const hits: Hit[] = [
  { id: 7, name: '张三', mobile: '13800138000', district: '武侯区', company: '', archived: false, match: 'last4' },
  { id: 9, name: '张珊', mobile: '13900008000', district: '锦江区', company: '', archived: false, match: 'last4' },
]

// The type-ahead debounce in GlobalSearch.vue: timers are faked, so the test moves the clock itself.
const DEBOUNCE_MS = 150

async function setup() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/customers/:id', name: 'customer', component: { template: '<div />' } },
      { path: '/members/:id', name: 'member', component: { template: '<div />' } },
    ],
  })
  await router.push('/')
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  const wrapper = mount(GlobalSearch, { attachTo: document.body, global: { plugins: [router, i18n, ElementPlus] } })
  const input = wrapper.find('input')
  ;(input.element as HTMLInputElement).focus()
  await flushPromises()
  return { wrapper, router, input }
}

describe('global search box', () => {
  beforeEach(() => {
    // Only the timers the component uses: flushPromises keeps its real setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    search.mockReset()
    search.mockResolvedValue(hits)
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  test('type-ahead waits for a pause, then shows hits with why they matched', async () => {
    const { wrapper, input } = await setup()
    await input.setValue('8')
    await input.setValue('80')
    await input.setValue('8000')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1)
    expect(search).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    await flushPromises()
    expect(search).toHaveBeenCalledTimes(1)
    expect(search.mock.calls[0][0]).toBe('8000')
    const rows = wrapper.findAll('[data-test="search-hit"]')
    expect(rows.map((r) => r.text())).toEqual([expect.stringContaining('张三'), expect.stringContaining('张珊')])
    expect(rows[0].find('[data-test="search-match"]').text()).toBe('尾号')
    wrapper.unmount()
  })

  test('a scanner: digits then Enter at once opens the top hit without waiting for the debounce', async () => {
    const { wrapper, router, input } = await setup()
    await input.setValue('13800138000')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(search.mock.calls[0][0]).toBe('13800138000')
    expect(router.currentRoute.value.fullPath).toBe('/customers/7')
    // The box is cleared for the next customer.
    expect((input.element as HTMLInputElement).value).toBe('')
    wrapper.unmount()
  })

  test('a scanned card number opens the member page, not the customer archive', async () => {
    search.mockResolvedValue([{ id: 7, name: '张三', mobile: '13800138000', district: '武侯区', company: '', archived: false, match: 'card' }])
    const { wrapper, router, input } = await setup()
    await input.setValue('800000010')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/members/7?scan=800000010')
    wrapper.unmount()
  })

  test('a scanned number that finds nobody and fails the check digit says the card was misread', async () => {
    search.mockResolvedValue([])
    const { wrapper, router, input } = await setup()
    await input.setValue('800000011')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/')
    expect(wrapper.find('[data-test="search-results"]').text()).toContain('卡号校验位不正确，请重新扫描或核对卡号')
    wrapper.unmount()
  })

  test('arrow keys choose another hit for Enter', async () => {
    const { wrapper, router, input } = await setup()
    await input.setValue('zs')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS)
    await flushPromises()
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/customers/9')
    expect(search).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  test('nothing found says so, naming what was typed', async () => {
    search.mockResolvedValue([])
    const { wrapper, router, input } = await setup()
    await input.setValue('王老五')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/')
    expect(wrapper.find('[data-test="search-empty"]').text()).toBe('没有找到「王老五」')
    wrapper.unmount()
  })

  test('/ focuses the box from the page, but not while typing elsewhere', async () => {
    const { wrapper, input } = await setup()
    ;(input.element as HTMLInputElement).blur()
    const other = document.createElement('input')
    document.body.appendChild(other)
    other.focus()
    other.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }))
    expect(document.activeElement).toBe(other)
    other.blur()
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }))
    expect(document.activeElement).toBe(input.element)
    wrapper.unmount()
  })
})
