import { afterEach, expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import PaymentSplit from './PaymentSplit.vue'

afterEach(() => {
  delete (window as unknown as { go?: unknown }).go
  document.body.innerHTML = ''
})

async function split(frozen: boolean) {
  ;(window as unknown as { go: unknown }).go = { app: { Wallet: { Balance: vi.fn(async () => ({ principalFen: 50000, bonusFen: 5000 })) } } }
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  const w = mount(PaymentSplit, { props: { customerId: 7, totalFen: 20000, frozen }, global: { plugins: [i18n, ElementPlus] } })
  await flushPromises()
  return w
}

// A frozen card's stored value cannot pay (Go refuses it); the form must not offer it either.
test('a frozen card is not offered stored value; an active one is, with its balance', async () => {
  const active = await split(false)
  expect(active.find('[data-test="pay-balance"]').text()).toContain('550.00')
  expect(active.find('[data-test="pay-stored"]').exists()).toBe(true)

  const frozen = await split(true)
  expect(frozen.find('[data-test="pay-balance"]').text()).toContain('会员卡已冻结')
  expect(frozen.find('[data-test="pay-stored"]').exists()).toBe(false)
  // The whole amount goes to the other method.
  const emitted = frozen.emitted('update:modelValue') ?? []
  expect(emitted[emitted.length - 1]?.[0]).toEqual([{ method: 'cash', amountFen: 20000 }])
})
