// The operation log's details are JSON written by Go: {"role": {"old": "clerk", "new": "manager"}},
// {"old": {...shop...}, "new": {...}} for rule edits, {"reason": "..."}, or plain text. detailLines
// turns them into short readable lines: 角色：店员 → 店长.
import { formatMoney } from './format'

export interface DetailLine {
  /** The Go key ('' for a line about the whole entry). */
  key: string
  /** The key as people read it ('' when there is none). */
  label: string
  text: string
}

export interface DetailWords {
  /** Chinese name for a Go key, or '' when unknown (the key itself is shown). */
  label: (key: string) => string
  /** Chinese for a value of a key (role clerk → 店员), or '' to show it as it is. */
  value: (key: string, v: string) => string
  yes: string
  no: string
  empty: string
  unchanged: string
}

type Obj = Record<string, unknown>

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** isChange: Go's audit.Change, exactly {old, new}. */
function isChange(v: unknown): v is { old: unknown; new: unknown } {
  if (!isObj(v)) return false
  const keys = Object.keys(v)
  return keys.length === 2 && 'old' in v && 'new' in v
}

function same(a: unknown, b: unknown) {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function formatValue(v: unknown, key: string, w: DetailWords): string {
  if (v === null || v === undefined || v === '') return w.empty
  if (typeof v === 'boolean') return v ? w.yes : w.no
  if (typeof v === 'number') return /Fen$/.test(key) ? formatMoney(v) : String(v)
  if (typeof v === 'string') return w.value(key, v) || v
  if (Array.isArray(v)) return v.length ? v.map((x) => formatValue(x, key, w)).join('、') : w.empty
  if (isChange(v)) return `${formatValue(v.old, key, w)} → ${formatValue(v.new, key, w)}`
  if (isObj(v)) {
    const parts = Object.entries(v).map(([k, x]) => `${w.label(k) || k}：${formatValue(x, k, w)}`)
    return parts.length ? parts.join('，') : w.empty
  }
  return String(v)
}

function line(key: string, text: string, w: DetailWords): DetailLine {
  return { key, label: key ? w.label(key) || key : '', text }
}

/** detailLines reads an entry's details; [] when there are none. */
export function detailLines(details: string, w: DetailWords): DetailLine[] {
  if (!details.trim()) return []
  let v: unknown
  try {
    v = JSON.parse(details)
  } catch {
    return [line('', details, w)]
  }
  if (isChange(v)) {
    if (isObj(v.old) && isObj(v.new)) {
      const o = v.old
      const n = v.new
      const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])]
      const changed = keys.filter((k) => !same(o[k], n[k]))
      if (!changed.length) return [line('', w.unchanged, w)]
      return changed.map((k) => line(k, `${formatValue(o[k], k, w)} → ${formatValue(n[k], k, w)}`, w))
    }
    return [line('', `${formatValue(v.old, '', w)} → ${formatValue(v.new, '', w)}`, w)]
  }
  if (isObj(v)) {
    const entries = Object.entries(v)
    if (!entries.length) return []
    return entries.map(([k, x]) => line(k, formatValue(x, k, w), w))
  }
  return [line('', formatValue(v, '', w), w)]
}

/** prettyJSON shows the stored details indented, for the 原始数据 view; plain text stays as it is. */
export function prettyJSON(details: string): string {
  try {
    return JSON.stringify(JSON.parse(details), null, 2)
  } catch {
    return details
  }
}
