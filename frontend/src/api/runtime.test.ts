import { afterEach, expect, test } from 'vitest'
import { onEvent } from './runtime'

const w = window as unknown as { runtime?: unknown }
afterEach(() => {
  delete w.runtime
})

test('onEvent subscribes for every event and hands back the unsubscribe', () => {
  const listeners: Record<string, { cb: (...d: unknown[]) => void; max: number }[]> = {}
  w.runtime = {
    EventsOnMultiple: (name: string, cb: (...d: unknown[]) => void, max: number) => {
      const l = { cb, max }
      ;(listeners[name] ??= []).push(l)
      return () => (listeners[name] = listeners[name].filter((x) => x !== l))
    },
  }
  const got: unknown[] = []
  const off = onEvent<{ done: number }>('import:progress', (d) => got.push(d))
  expect(listeners['import:progress'][0].max).toBe(-1)
  listeners['import:progress'][0].cb({ done: 3200 })
  expect(got).toEqual([{ done: 3200 }])
  off()
  expect(listeners['import:progress']).toEqual([])
})

test('without a runtime, subscribing is harmless', () => {
  const off = onEvent('anything', () => {})
  expect(() => off()).not.toThrow()
})
