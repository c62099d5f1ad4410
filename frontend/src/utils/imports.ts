// Pure helpers of the import and export screens: file content as base64, progress and summary texts.

/** A translator as vue-i18n's t: key and named parameters. */
export type Translate = (key: string, params?: Record<string, unknown>) => string

/** bytesToBase64 encodes bytes in chunks (String.fromCharCode has an argument limit). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(bin)
}

/** readFileBase64 reads a chosen file whole, as the base64 OpenUpload takes. */
export async function readFileBase64(file: Blob): Promise<string> {
  const buf = await file.arrayBuffer()
  return bytesToBase64(new Uint8Array(buf))
}

/** fileTooBig is true when a file exceeds the server's limit (checked first, to say so without uploading). */
export function fileTooBig(size: number, maxMb: number): boolean {
  return maxMb > 0 && size > maxMb * 1024 * 1024
}

/** count formats 100000 as 100,000. */
export function count(n: number): string {
  return Math.trunc(n).toLocaleString('en-US')
}

export interface ProgressLike {
  phase: string
  done: number
  total: number
}

/** progressText: 已处理 3,200 / 100,000 while importing, 正在写入… while finishing. */
export function progressText(p: ProgressLike | null, t: Translate): string {
  if (!p) return t('imports.progress.starting')
  if (p.phase === 'finishing') return t('imports.progress.finishing')
  if (p.phase === 'done') return t('imports.progress.done')
  if (p.phase === 'failed') return t('imports.progress.failed')
  return t('imports.progress.counts', { done: count(p.done), total: count(p.total) })
}

/** progressPercent is 0..100 from the counts (the event's percent when counts are missing). */
export function progressPercent(p: (ProgressLike & { percent?: number }) | null): number {
  if (!p) return 0
  if (p.phase === 'done' || p.phase === 'finishing') return 100
  if (p.total > 0) return Math.min(100, Math.floor((p.done * 100) / p.total))
  return Math.max(0, Math.min(100, p.percent ?? 0))
}

export interface SummaryCounts {
  read: number
  created: number
  updated: number
  merged: number
  skipped: number
  failed: number
}

export const SUMMARY_KEYS = ['read', 'created', 'updated', 'merged', 'skipped', 'failed'] as const

/** summaryText: 共读取 5 行：新建 4，更新 0，合并 0，跳过 0，失败 1 (a dry run says 将新建…). */
export function summaryText(s: SummaryCounts, t: Translate, dryRun = false): string {
  const parts = SUMMARY_KEYS.slice(1).map((k) => t(`imports.summary.${k}`) + ' ' + count(s[k]))
  return t(dryRun ? 'imports.summary.lineDry' : 'imports.summary.line', { read: count(s.read), parts: parts.join(t('imports.summary.sep')) })
}

/**
 * reasonsText names the rows of each reason: 生日无法识别：第 4、9 行；手机号无效：第 3、5、8、12、20 行等 37 行
 * (the server keeps the first few row numbers of each reason; a reason without them says only its count).
 */
export function reasonsText(list: { reason: string; count: number; rows?: number[] | null }[] | null | undefined, t: Translate): string {
  return (list ?? [])
    .map((r) => {
      const rows = r.rows ?? []
      if (rows.length === 0) return t('imports.summary.reason', { reason: r.reason, n: count(r.count) })
      const named = rows.join('、')
      if (rows.length >= r.count) return t('imports.summary.reasonRows', { reason: r.reason, rows: named })
      return t('imports.summary.reasonRowsMore', { reason: r.reason, rows: named, n: count(r.count) })
    })
    .join(t('imports.summary.reasonSep'))
}

/** newJobId makes the caller's job id for a dry run or import. */
export function newJobId(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  return 'job-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2)
}

/** sizeText: 12.5 KB, 3.2 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
