// Chinese names of lunar (农历) months and days, as families say them: 正月 初一, 冬月 廿九, 腊月 三十.

const MONTHS = ['', '正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊']
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** lunarMonthName: 1 → 正月, 11 → 冬月, 12 → 腊月, leap 4 → 闰四月. */
export function lunarMonthName(month: number, leap = false): string {
  if (month < 1 || month > 12) return ''
  return (leap ? '闰' : '') + MONTHS[month] + '月'
}

/** lunarDayName: 1 → 初一, 10 → 初十, 15 → 十五, 20 → 二十, 21 → 廿一, 30 → 三十. */
export function lunarDayName(day: number): string {
  if (day < 1 || day > 30) return ''
  if (day <= 10) return '初' + DIGITS[day]
  if (day < 20) return '十' + DIGITS[day - 10]
  if (day === 20) return '二十'
  if (day < 30) return '廿' + DIGITS[day - 20]
  return '三十'
}

/** formatLunar: (3, 12) → 农历三月十二; (4, 8, leap) → 农历闰四月初八. */
export function formatLunar(month: number, day: number, leap = false): string {
  const m = lunarMonthName(month, leap)
  const d = lunarDayName(day)
  if (!m || !d) return ''
  return '农历' + m + d
}
