import { nextTick, reactive } from 'vue'
import { expect, test } from 'vitest'
import { useDialogForm } from './useDialogForm'

function setup(save: () => Promise<void>) {
  const props = reactive({ modelValue: false })
  const emitted: boolean[] = []
  let resets = 0
  const d = useDialogForm(props, (_, v) => emitted.push(v), { reset: () => resets++, save })
  return { props, emitted, d, resets: () => resets }
}

test('opening resets the form; closing through open tells the parent', async () => {
  const s = setup(async () => undefined)
  s.props.modelValue = true
  await nextTick()
  expect(s.resets()).toBe(1)
  s.d.open.value = false
  expect(s.emitted).toEqual([false])
})

test('a second save while the first is running is ignored', async () => {
  let calls = 0
  let finish = () => {}
  const s = setup(() => new Promise<void>((r) => { calls++; finish = r }))
  const first = s.d.submit()
  expect(s.d.saving.value).toBe(true)
  await s.d.submit()
  finish()
  await first
  expect(calls).toBe(1)
  expect(s.d.saving.value).toBe(false)
})

test('Enter saves, Enter in a textarea does not', async () => {
  let calls = 0
  const s = setup(async () => void calls++)
  const input = document.createElement('input')
  const area = document.createElement('textarea')
  for (const target of [input, area]) {
    const e = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true })
    Object.defineProperty(e, 'target', { value: target })
    s.d.onKeydown(e)
  }
  await nextTick()
  expect(calls).toBe(1)
})
