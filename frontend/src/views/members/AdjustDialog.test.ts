import { afterEach, expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import { setCallHooks } from '@/api/transport'
import type { Info } from '@/api/system'
import type { MemberView } from '@/api/members'
import { useSystemStore } from '@/stores/system'
import AdjustDialog from './AdjustDialog.vue'

const RULES = { pointsPerYuan: 1, servicePct: 100, pointValueFen: 1, expiryMonths: 0, referralPoints: 0, adjustLimit: 50 }

afterEach(() => {
  setCallHooks({})
  delete (window as unknown as { go?: unknown }).go
  document.body.innerHTML = ''
})

// Over the clerk's limit the form used to stop the adjustment itself; now Go asks for a manager's PIN.
test("a clerk's adjustment over the limit is sent; the refusal asks for a manager and the approved call goes through", async () => {
  const adjust = vi
    .fn()
    .mockRejectedValueOnce({ code: 'forbidden', message: '需要店长授权', data: { needsApproval: true } })
    .mockResolvedValueOnce({})
  ;(window as unknown as { go: unknown }).go = { app: { Points: { Rules: vi.fn(async () => ({ ...RULES })), Adjust: adjust } } }
  const approvalRequired = vi.fn(async (_e: unknown, _what: { service: string; method: string }) => true)
  setCallHooks({ approvalRequired })

  const pinia = createPinia()
  setActivePinia(pinia)
  const clerk = { id: 2, name: '小李', role: 'clerk' }
  useSystemStore().info = { actor: clerk, staff: [clerk], shop: { name: '店', city: '', districts: [] } } as unknown as Info

  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  const view = { customer: { id: 7 }, balance: 1000 } as unknown as MemberView
  const w = mount(AdjustDialog, { props: { modelValue: false, view }, global: { plugins: [i18n, ElementPlus, pinia] }, attachTo: document.body })
  await w.setProps({ modelValue: true })
  await flushPromises()

  const inputs = document.querySelectorAll<HTMLInputElement>('[data-test="adjust-dialog"] input')
  inputs[0].value = '80'
  inputs[0].dispatchEvent(new Event('input'))
  inputs[1].value = '补录'
  inputs[1].dispatchEvent(new Event('input'))
  await flushPromises()
  expect(document.querySelector('[data-test="adjust-points"]')!.textContent).toContain('超出需店长授权')
  ;(document.querySelector('[data-test="adjust-confirm"]') as HTMLElement).click()
  await flushPromises()

  expect(approvalRequired).toHaveBeenCalledTimes(1)
  expect(approvalRequired.mock.calls[0][1]).toEqual({ service: 'Points', method: 'Adjust' })
  expect(adjust).toHaveBeenCalledTimes(2)
  expect(adjust.mock.calls[1][0]).toMatchObject({ customerId: 7, points: 80, reason: '补录' })
  expect(document.querySelector('[data-test="adjust-error"]')).toBeNull()
  w.unmount()
})
