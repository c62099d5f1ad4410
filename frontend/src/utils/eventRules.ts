// Rules of the events screens, kept as Go keeps them (backend/events): which state follows which,
// how a guest's state looks, what a scanned code is, copying an invitation, and the ROI in words.
import type { EventState, GuestStatus } from '@/api/events'
import { validCardNumber } from './cardNumber'

/** The states an event may move to next (events.next in Go). */
export const NEXT_STATES: Record<EventState, EventState[]> = {
  planning: ['inviting', 'cancelled'],
  inviting: ['running', 'cancelled'],
  running: ['ended', 'cancelled'],
  ended: [],
  cancelled: [],
}

export const GUEST_STATUSES: GuestStatus[] = ['pending', 'invited', 'confirmed', 'declined', 'checked_in', 'no_show']

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export function stateTag(s: EventState): TagType {
  return ({ planning: 'info', inviting: 'primary', running: 'success', ended: 'info', cancelled: 'danger' } as const)[s]
}

export function guestTag(s: GuestStatus): TagType {
  return ({ pending: 'info', invited: 'primary', confirmed: 'success', declined: 'danger', checked_in: 'success', no_show: 'warning' } as const)[s]
}

/** isClosed: an ended or cancelled event's guest list and seating no longer change. */
export function isClosed(s: EventState): boolean {
  return s === 'ended' || s === 'cancelled'
}

/**
 * scanKind tells the sign-in desk what was typed: a member card (digits with a valid check digit, not shaped like a mobile),
 * a mobile tail or number (digits), or a name to look up among the guests.
 */
export function scanKind(raw: string): 'card' | 'digits' | 'name' | 'empty' {
  const s = raw.replace(/\s+/g, '')
  if (!s) return 'empty'
  if (/^\d+$/.test(s)) return validCardNumber(s) && !/^1\d{10}$/.test(s) ? 'card' : 'digits'
  return 'name'
}

/** matchGuests finds guests by name fragment, mobile tail or whole mobile, best matches first. */
export function matchGuests<G extends { name: string; mobile: string }>(guests: G[], raw: string): G[] {
  const s = raw.replace(/\s+/g, '')
  if (!s) return []
  if (/^\d+$/.test(s)) return guests.filter((g) => g.mobile.replace(/\D/g, '').endsWith(s) || g.mobile === s)
  const starts = guests.filter((g) => g.name.startsWith(s))
  return [...starts, ...guests.filter((g) => !g.name.startsWith(s) && g.name.includes(s))]
}

/**
 * copyText puts text on the clipboard: the async Clipboard API where the page may use it, else a
 * hidden textarea and execCommand('copy') (older WebView2 builds, plain-http LAN pages).
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the old way
  }
  const ta = doc.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  ta.style.position = 'fixed'
  ta.style.opacity = '0'
  doc.body.appendChild(ta)
  ta.select()
  let ok = false
  try {
    ok = doc.execCommand('copy')
  } catch {
    ok = false
  }
  ta.remove()
  return ok
}

/** returnText writes an ROI percentage with its sign, "—" without cost: +33.3%, -12.0%. */
export function returnText(pct: number, costFen: number): string {
  if (costFen <= 0) return '—'
  const sign = pct > 0 ? '+' : ''
  return `${sign}${pct.toFixed(1)}%`
}

/** defaultTimes suggests next Saturday 19:00–21:30 (shop time) for a new event. */
export function defaultTimes(now: Date = new Date()): { startsAt: string; endsAt: string } {
  const shop = new Date(now.getTime() + (8 * 60 + now.getTimezoneOffset()) * 60_000)
  const days = ((6 - shop.getDay() + 7) % 7) || 7
  const d = new Date(shop.getFullYear(), shop.getMonth(), shop.getDate() + days)
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  return { startsAt: `${day} 19:00`, endsAt: `${day} 21:30` }
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * daysEarly tells how many days before its start (startsAt "YYYY-MM-DD HH:mm", shop time UTC+8) an
 * event is being started or checked into: 0 when it is less than a day ahead (a tasting opened in the
 * afternoon of its evening is normal), else the whole days ahead, at least 1. Far ahead is usually a
 * wrong event or a wrong date, so the screens ask before going on.
 */
export function daysEarly(startsAt: string, now: Date = new Date()): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(startsAt.trim())
  if (!m) return 0
  const start = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5])
  const ahead = start - now.getTime()
  return ahead > DAY_MS ? Math.floor(ahead / DAY_MS) : 0
}
