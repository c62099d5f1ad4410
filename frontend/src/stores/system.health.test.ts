import { afterEach, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSystemStore } from './system'

const w = window as unknown as { go?: unknown; runtime?: unknown }
afterEach(() => {
  delete w.go
  delete w.runtime
  vi.useRealTimers()
})

const info = (state: string, message = '') => ({ shop: { name: '店' }, health: { state, message, checkedAt: '', millis: 0 } })

// The integrity check finishes after start: the frame learns its result from the event, or by asking
// again while it runs (a browser that missed the event).
test('a failed check reaches the frame by its event', async () => {
  const listeners: Record<string, (d: unknown) => void> = {}
  w.runtime = { EventsOnMultiple: (name: string, cb: (d: unknown) => void) => ((listeners[name] = cb), () => {}) }
  w.go = { app: { System: { Info: vi.fn(async () => info('checking')) } } }
  setActivePinia(createPinia())
  const system = useSystemStore()
  await system.load()
  expect(system.info?.health.state).toBe('checking')
  listeners['system:health']({ state: 'failed', message: '请从备份恢复', checkedAt: '', millis: 9 })
  expect(system.info?.health).toMatchObject({ state: 'failed', message: '请从备份恢复' })
})

test('while the check runs, the state is asked again until it is known', async () => {
  vi.useFakeTimers()
  const Info = vi.fn().mockResolvedValueOnce(info('checking')).mockResolvedValueOnce(info('checking')).mockResolvedValue(info('failed', '已暂停所有修改'))
  w.go = { app: { System: { Info } } }
  setActivePinia(createPinia())
  const system = useSystemStore()
  await system.load()
  await vi.advanceTimersByTimeAsync(3000)
  expect(system.info?.health.state).toBe('checking')
  await vi.advanceTimersByTimeAsync(3000)
  expect(system.info?.health).toMatchObject({ state: 'failed', message: '已暂停所有修改' })
  await vi.advanceTimersByTimeAsync(30000)
  expect(Info).toHaveBeenCalledTimes(3)
})
