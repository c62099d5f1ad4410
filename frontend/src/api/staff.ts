// Staff accounts and the operation log (操作日志): the owner's pages.
import { call } from './transport'
import type { Role, StaffMember } from './system'
import type { ExportFile } from './sheets'

/** staff.StaffInput. secret is required when creating; on edit "" keeps the current one. */
export interface StaffInput {
  name: string
  role: Role
  active: boolean
  secret: string
}

export function list(): Promise<StaffMember[]> {
  return call<StaffMember[]>('Staff', 'List')
}

export function create(input: StaffInput): Promise<StaffMember> {
  return call<StaffMember>('Staff', 'Create', input)
}

export function update(id: number, input: StaffInput): Promise<StaffMember> {
  return call<StaffMember>('Staff', 'Update', id, input)
}

/** audit.Entry: one line of the log. details is JSON (or plain text), "" when none. */
/** audit.Line: one detail, label '' for a line about the whole entry. */
export interface AuditLine {
  label: string
  text: string
}

export interface AuditEntry {
  id: number
  staffId: number
  staffName: string
  action: string
  targetType: string
  targetId: number
  targetLabel: string
  /** The details as stored (JSON or text), for the raw view. */
  details: string
  /** The details as Go reads them for people: Chinese label and value, money as ¥1,234.00. */
  lines: AuditLine[]
  approvedBy: string
  createdAt: string
}

/** audit.Filter. Dates are YYYY-MM-DD in shop time, inclusive; "" for no bound. */
export interface AuditFilter {
  staffId: number
  action: string
  target: string
  from: string
  to: string
  page: number
  pageSize: number
}

/** audit.Page: newest first, with every action seen so far for the filter menu. */
export interface AuditPage {
  items: AuditEntry[]
  total: number
  actions: string[]
}

/** Audit.Export: the filtered log as .xlsx (a browser download, or the window's save dialog). */
export function auditExport(f: AuditFilter): Promise<ExportFile> {
  return call<ExportFile>('Audit', 'Export', f)
}

export function auditList(f: AuditFilter): Promise<AuditPage> {
  return call<AuditPage>('Audit', 'List', f)
}
