import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { watchIdle } from './idle'

describe('watchIdle', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  test('locks after the configured minutes without input, once', () => {
    const onIdle = vi.fn()
    const stop = watchIdle({ minutes: () => 15, onIdle, target: window })
    vi.advanceTimersByTime(14 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(60_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(10 * 60_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    stop()
  })

  test('input puts it off; after stop nothing more happens', () => {
    const onIdle = vi.fn()
    const stop = watchIdle({ minutes: () => 1, onIdle, target: window })
    vi.advanceTimersByTime(50_000)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    vi.advanceTimersByTime(50_000)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(15_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    stop()
    window.dispatchEvent(new MouseEvent('mousedown'))
    vi.advanceTimersByTime(5 * 60_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  test('0 minutes never locks', () => {
    const onIdle = vi.fn()
    const stop = watchIdle({ minutes: () => 0, onIdle, target: window })
    vi.advanceTimersByTime(120 * 60_000)
    expect(onIdle).not.toHaveBeenCalled()
    stop()
  })

  test('pings while someone types without calls, not when nobody is there', () => {
    const onActive = vi.fn()
    const stop = watchIdle({ minutes: () => 15, onIdle: () => {}, onActive, pingMs: 60_000, target: window })
    vi.advanceTimersByTime(3 * 60_000)
    expect(onActive).not.toHaveBeenCalled()
    for (let i = 0; i < 6; i++) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }))
      vi.advanceTimersByTime(30_000)
    }
    expect(onActive.mock.calls.length).toBeGreaterThanOrEqual(2)
    expect(onActive.mock.calls.length).toBeLessThanOrEqual(3)
    stop()
  })
})
