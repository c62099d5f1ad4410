// 导入导出: the Sheets service (app/sheets.go) and the types of backend/sheets it returns.
import { call } from './transport'
import { onEvent } from './runtime'
import type { ListQuery } from './customers'

/** sheets.Field: something a column can mean. */
export interface Field {
  key: string
  label: string
  hint: string
  required: boolean
  repeat: boolean
}

/** sheets.PolicyInfo: a duplicate policy (skip, update, overwrite, merge). */
export interface PolicyInfo {
  key: string
  label: string
  hint: string
}

/** app.ImportOptions */
export interface ImportOptions {
  fields: Field[]
  policies: PolicyInfo[]
  maxFileMb: number
}

/** sheets.SheetInfo. headerRow 0: no header found; problem: why it cannot be imported. */
export interface SheetInfo {
  name: string
  rows: number
  headerRow: number
  problem: string
}

/** app.OpenedFile (sheets.FileInfo with the id the next steps use). */
export interface OpenedFile {
  fileId: string
  name: string
  format: string
  sheets: SheetInfo[]
  selected: string
}

export type ColumnOrigin = 'remembered' | 'guessed' | ''

/** sheets.Column. field "" = not imported. */
export interface Column {
  index: number
  letter: string
  header: string
  field: string
  origin: ColumnOrigin
}

/** sheets.PreviewCell */
export interface PreviewCell {
  raw: string
  value: string
  warning: string
  error: string
}

/** sheets.PreviewRow. kind "subtotal" rows are skipped. */
export interface PreviewRow {
  row: number
  kind: 'data' | 'subtotal'
  cells: PreviewCell[]
  problem: string
}

/** sheets.Preview */
export interface Preview {
  sheet: string
  headerRow: number
  titles: string[] | null
  columns: Column[]
  rows: PreviewRow[] | null
  total: number
  mappingProblem: string
}

/** app.PreviewRequest. columns null: as guessed. */
export interface PreviewRequest {
  fileId: string
  sheet: string
  columns: Column[] | null
  rows: number
}

/** app.ImportRequest. jobId is the caller's, to match progress and cancel. */
export interface ImportRequest {
  jobId: string
  fileId: string
  sheet: string
  columns: Column[] | null
  onDuplicate: string
  /** Give imported members without a card one from the issuing card range. */
  assignCards: boolean
}

/** sheets.ReasonCount */
export interface ReasonCount {
  reason: string
  count: number
  /** The first few rows with the reason, in file order. */
  rows: number[] | null
}

/** sheets.Issue. col -1: the row as a whole. */
export interface Issue {
  row: number
  col: number
  column: string
  value: string
  reason: string
  message: string
}

/** sheets.Summary */
export interface Summary {
  batchId: number
  dryRun: boolean
  fileName: string
  sheet: string
  headerRow: number
  onDuplicate: string
  read: number
  created: number
  updated: number
  merged: number
  skipped: number
  failed: number
  members: number
  cards: number
  openingPoints: number
  purchases: number
  openingSpendFen?: number
  /** opening stored value (期初储值) booked, net, in fen */
  openingPrincipalFen?: number
  openingBonusFen?: number
  failedByReason: ReasonCount[] | null
  skippedByReason: ReasonCount[] | null
  warningsByReason: ReasonCount[] | null
  subtotalRows: number[] | null
  failures: Issue[] | null
  skips: Issue[] | null
  warnings: Issue[] | null
  warningCount: number
  millis: number
}

/** app.ImportProgress, the payload of the import:progress event. */
export interface ImportProgress {
  jobId: string
  phase: 'importing' | 'finishing' | 'done' | 'failed' | string
  done: number
  total: number
  percent: number
  dryRun: boolean
}

/**
 * app.ExportFile. In a browser base64 holds the file to download; in the window Go asked its own save
 * dialog, and savedTo says where the file went (for display only) or cancelled that the user closed it.
 */
export interface ExportFile {
  name: string
  savedTo: string
  cancelled: boolean
  base64: string
  rows: number
  size: number
}

/** sheets.Batch: one import in the history. undoneAt "" while it stands. */
export interface Batch {
  id: number
  fileName: string
  sheet: string
  onDuplicate: string
  read: number
  created: number
  updated: number
  merged: number
  skipped: number
  failed: number
  staffName: string
  startedAt: string
  finishedAt: string
  undoneAt: string
  undoneBy: string
}

/** sheets.Activity: what happened to a batch's customer since it landed. */
export interface Activity {
  customerId: number
  name: string
  what: string
  at: string
}

/** sheets.UndoResult */
export interface UndoResult {
  batchId: number
  removed: number
  archived: number
  restored: number
  pointsReversed: number
  purchases: number
}

export const PROGRESS_EVENT = 'import:progress'

export function importOptions(): Promise<ImportOptions> {
  return call<ImportOptions>('Sheets', 'ImportOptions')
}

/** openUpload sends a file's content as base64 (a data: URL prefix is accepted). */
export function openUpload(name: string, contentBase64: string): Promise<OpenedFile> {
  return call<OpenedFile>('Sheets', 'OpenUpload', name, contentBase64)
}

/** openPicked opens the window's own file dialog and the file picked there; cancelled when closed. A browser gets a conflict: it uploads instead. */
export function openPicked(): Promise<OpenedFile> {
  return call<OpenedFile>('Sheets', 'OpenPicked')
}

export function closeFile(fileId: string): Promise<void> {
  return call<void>('Sheets', 'CloseFile', fileId)
}

export function preview(req: PreviewRequest): Promise<Preview> {
  return call<Preview>('Sheets', 'Preview', req)
}

export function dryRun(req: ImportRequest): Promise<Summary> {
  return call<Summary>('Sheets', 'DryRun', req)
}

export function runImport(req: ImportRequest): Promise<Summary> {
  return call<Summary>('Sheets', 'Import', req)
}

export function cancelImport(jobId: string): Promise<void> {
  return call<void>('Sheets', 'CancelImport', jobId)
}

/** errorReport is the .xlsx of the failed rows of a dry run or import (by its job id, on this seat). */
export function errorReport(jobId: string): Promise<ExportFile> {
  return call<ExportFile>('Sheets', 'ErrorReport', jobId)
}

export function batchErrorReport(batchId: number): Promise<ExportFile> {
  return call<ExportFile>('Sheets', 'BatchErrorReport', batchId)
}

export function batches(): Promise<Batch[]> {
  return call<Batch[]>('Sheets', 'Batches')
}

export function undoCheck(batchId: number): Promise<Activity[]> {
  return call<Activity[]>('Sheets', 'UndoCheck', batchId)
}

export function undoBatch(batchId: number): Promise<UndoResult> {
  return call<UndoResult>('Sheets', 'UndoBatch', batchId)
}

export function template(): Promise<ExportFile> {
  return call<ExportFile>('Sheets', 'Template')
}

export function exportCustomers(q: ListQuery): Promise<ExportFile> {
  return call<ExportFile>('Sheets', 'ExportCustomers', q)
}

export function exportMembers(): Promise<ExportFile> {
  return call<ExportFile>('Sheets', 'ExportMembers')
}

export function exportPoints(): Promise<ExportFile> {
  return call<ExportFile>('Sheets', 'ExportPoints')
}

/** exportPurchases: purchase lines dated from..to (YYYY-MM-DD; either may be ""). */
export function exportPurchases(from: string, to: string): Promise<ExportFile> {
  return call<ExportFile>('Sheets', 'ExportPurchases', from, to)
}

export function onProgress(cb: (p: ImportProgress) => void): () => void {
  return onEvent<ImportProgress>(PROGRESS_EVENT, cb)
}

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  pdf: 'application/pdf',
  png: 'image/png',
}

/** saveFile hands an ExportFile with base64 content to the browser as a download. */
export function saveFile(f: ExportFile): void {
  if (!f.base64) return // saved (or cancelled) by the window's own dialog already
  const bin = atob(f.base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: TYPES[f.name.split('.').pop()?.toLowerCase() ?? ''] ?? TYPES.xlsx }))
  const a = document.createElement('a')
  a.href = url
  a.download = f.name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
