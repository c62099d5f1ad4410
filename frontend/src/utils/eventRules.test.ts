import { describe, expect, test, vi } from 'vitest'
import { copyText, daysEarly, defaultTimes, matchGuests, NEXT_STATES, returnText, scanKind } from './eventRules'
import { sampleCardNumber } from './cardNumber'

describe('event rules', () => {
  test('states only move forward, and nothing follows ended or cancelled', () => {
    expect(NEXT_STATES.planning).toEqual(['inviting', 'cancelled'])
    expect(NEXT_STATES.running).toContain('ended')
    expect(NEXT_STATES.ended).toEqual([])
    expect(NEXT_STATES.cancelled).toEqual([])
  })

  test('the sign-in desk tells a card from a mobile and a name', () => {
    const card = sampleCardNumber('6', 12345)
    expect(scanKind(card)).toBe('card')
    expect(scanKind(card.slice(0, -1) + String((Number(card.at(-1)) + 1) % 10))).toBe('digits')
    expect(scanKind('13800138000')).toBe('digits')
    expect(scanKind('8000')).toBe('digits')
    expect(scanKind(' 张 ')).toBe('name')
    expect(scanKind('  ')).toBe('empty')
  })

  test('guests are found by mobile tail or name, names starting with the text first', () => {
    const gs = [{ name: '李张伟', mobile: '13900000001' }, { name: '张伟', mobile: '13800138000' }]
    expect(matchGuests(gs, '8000').map((g) => g.name)).toEqual(['张伟'])
    expect(matchGuests(gs, '张').map((g) => g.name)).toEqual(['张伟', '李张伟'])
    expect(matchGuests(gs, '')).toEqual([])
  })

  test('ROI reads with its sign, and a dash without cost', () => {
    expect(returnText(33.333, 30000)).toBe('+33.3%')
    expect(returnText(-12, 100)).toBe('-12.0%')
    expect(returnText(50, 0)).toBe('—')
  })

  test('a new event is suggested for next Saturday evening, shop time', () => {
    // Thursday 2026-11-26 10:00 in Chengdu.
    expect(defaultTimes(new Date('2026-11-26T02:00:00Z'))).toEqual({ startsAt: '2026-11-28 19:00', endsAt: '2026-11-28 21:30' })
    // On a Saturday the next one is a week later.
    expect(defaultTimes(new Date('2026-11-28T02:00:00Z')).startsAt).toBe('2026-12-05 19:00')
  })

  test('copying falls back to execCommand when the Clipboard API is missing', async () => {
    const exec = vi.fn(() => true)
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true })
    const had = navigator.clipboard
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })
    expect(await copyText('尊敬的张先生')).toBe(true)
    expect(exec).toHaveBeenCalledWith('copy')
    expect(document.querySelector('textarea')).toBeNull()
    Object.defineProperty(navigator, 'clipboard', { value: had, configurable: true })
  })

  test('starting or checking in more than a day before the start is early; the same day is not', () => {
    // 2026-11-12 10:00 shop time
    const now = new Date(Date.UTC(2026, 10, 12, 2, 0))
    expect(daysEarly('2026-11-28 19:00', now)).toBe(16)
    expect(daysEarly('2026-11-13 10:01', now)).toBe(1)
    expect(daysEarly('2026-11-13 09:59', now)).toBe(0)
    expect(daysEarly('2026-11-12 19:00', now)).toBe(0)
    expect(daysEarly('2026-11-01 19:00', now)).toBe(0)
    expect(daysEarly('', now)).toBe(0)
  })
})
