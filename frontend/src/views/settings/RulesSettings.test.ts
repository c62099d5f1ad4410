import { afterEach, expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import { setCallHooks } from '@/api/transport'
import type { Info } from '@/api/system'
import { useSystemStore } from '@/stores/system'
import RulesSettings from './RulesSettings.vue'

const RULES = { pointsPerYuan: 1, servicePct: 100, pointValueFen: 1, expiryMonths: 0, referralPoints: 0, adjustLimit: 50 }

afterEach(() => {
  setCallHooks({})
  delete (window as unknown as { go?: unknown }).go
  document.body.innerHTML = ''
})

// A clerk's save is no longer blocked in the page: the click reaches Go, whose needsApproval refusal
// goes to the approval hook (the manager-PIN dialog), and the approved call is sent once more.
test('a clerk can press 保存 on the points rules; the refusal asks for a manager and the approved save goes through', async () => {
  const saveRules = vi
    .fn()
    .mockRejectedValueOnce({ code: 'forbidden', message: '需要店长授权', data: { needsApproval: true } })
    .mockImplementationOnce(async (r: unknown) => r)
  ;(window as unknown as { go: unknown }).go = {
    app: { Points: { Rules: vi.fn(async () => ({ ...RULES })), SaveRules: saveRules } },
  }
  const approvalRequired = vi.fn(async () => true)
  setCallHooks({ approvalRequired })

  const pinia = createPinia()
  setActivePinia(pinia)
  const clerk = { id: 2, name: '小李', role: 'clerk' }
  useSystemStore().info = { actor: clerk, staff: [clerk], shop: { name: '店', city: '', districts: [] } } as unknown as Info
  expect(useSystemStore().canManage).toBe(false)

  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  const w = mount(RulesSettings, { global: { plugins: [i18n, ElementPlus, pinia] }, attachTo: document.body })
  await flushPromises()

  const btn = w.get('[data-test="rules-save"]')
  expect(btn.attributes('disabled')).toBeUndefined()
  expect(btn.classes()).not.toContain('is-disabled')
  await btn.trigger('click')
  await flushPromises()

  expect(approvalRequired).toHaveBeenCalledTimes(1)
  expect(approvalRequired.mock.calls[0]).toEqual([expect.objectContaining({ code: 'forbidden' }), { service: 'Points', method: 'SaveRules' }])
  expect(saveRules).toHaveBeenCalledTimes(2)
  expect(saveRules.mock.calls[1][0]).toMatchObject(RULES)
  w.unmount()
})
