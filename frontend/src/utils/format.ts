// Display formats the whole UI shares: dates 2026-11-23, times 11-23 14:05 (shop time, Asia/Shanghai),
// money ¥1,234.00 from integer fen.

export const SHOP_TIME_ZONE = 'Asia/Shanghai'

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHOP_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

function shopParts(d: Date): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of partsFormatter.formatToParts(d)) out[p.type] = p.value
  return out
}

function parse(v: string | Date | null | undefined): Date | null {
  if (!v) return null
  const d = v instanceof Date ? v : new Date(v)
  return Number.isNaN(d.getTime()) ? null : d
}

/** formatDate: an RFC 3339 time → 2026-11-23 in shop time; a plain 2026-11-23 stays as it is. */
export function formatDate(v: string | Date | null | undefined): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v
  const d = parse(v)
  if (!d) return ''
  const p = shopParts(d)
  return `${p.year}-${p.month}-${p.day}`
}

/** formatTime: an RFC 3339 time → 11-23 14:05 in shop time. */
export function formatTime(v: string | Date | null | undefined): string {
  const d = parse(v)
  if (!d) return ''
  const p = shopParts(d)
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** formatDateTime: 2026-11-23 14:05 in shop time. */
export function formatDateTime(v: string | Date | null | undefined): string {
  const d = parse(v)
  if (!d) return ''
  const p = shopParts(d)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** todayInShop is today's date in the shop's time zone, 2026-11-23. */
export function todayInShop(now: Date = new Date()): string {
  return formatDate(now)
}

/** formatMoney: integer fen → ¥1,234.00. */
export function formatMoney(fen: number): string {
  const neg = fen < 0
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return (neg ? '-' : '') + '¥' + yuan.toLocaleString('en-US') + '.' + cents
}

/** formatCount: 3200 → 3,200. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}
