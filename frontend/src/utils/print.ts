// Pure helpers of the 打印物料 tab: the wording check the form runs as the user types (Go checks again).

/** wordingProblem names what is wrong with a poster's wording: an unknown placeholder or too many
 * characters; "" when it is fine. t is vue-i18n's translator. */
export function wordingProblem(
  wording: string,
  placeholders: readonly string[],
  max: number,
  t: (key: string, params?: Record<string, unknown>) => string,
): string {
  for (const m of wording.matchAll(/\{[^{}]*\}/g)) {
    if (!placeholders.includes(m[0])) return t('print.badPlaceholder', { p: m[0] })
  }
  if ([...wording.trim()].length > max) return t('print.wordingTooLong', { n: max })
  return ''
}

/** PHONE is the phone rule Go applies to a host's poster phone. */
export const PHONE = /^[0-9+\- ]{5,20}$/

/** jobId makes a batch's id, to pick its progress events out of the stream. */
export function jobId(): string {
  return `print-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}
