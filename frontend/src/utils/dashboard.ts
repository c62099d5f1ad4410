// Pure helpers of the home page's lists.

/** A birthday's distance as a message key and its parameter: 0 → 今天, 3 → 3天后. */
export function inDaysKey(n: number): { key: string; n: number } {
  return n <= 0 ? { key: 'dash.today', n: 0 } : { key: 'dash.inDays', n }
}

/** startsAtLabel shortens an event's 'YYYY-MM-DD HH:MM' to '11-28 19:00', with the year when it is not today's year. */
export function startsAtLabel(startsAt: string, today: string): string {
  const [date, time = ''] = startsAt.split(' ')
  const short = date.slice(0, 4) === today.slice(0, 4) ? date.slice(5) : date
  return time ? `${short} ${time}` : short
}

/** pointValueText: fen per point as money text, 1 → ¥0.01, 150 → ¥1.50. */
export function pointValueText(fen: number): string {
  return '¥' + (fen / 100).toFixed(2)
}
