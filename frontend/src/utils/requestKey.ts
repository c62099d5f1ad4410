/**
 * newRequestKey makes the idempotency key a form sends with Record, Refund, Redeem and Adjust: one per
 * opening of the form, so a double click or a retried request books once.
 */
export function newRequestKey(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  // Outside a secure context randomUUID is missing; getRandomValues is there everywhere.
  const b = new Uint8Array(16)
  c.getRandomValues(b)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
