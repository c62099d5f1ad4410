// 首页 / 报表: the Reports service (app/reports.go) and the types of backend/reports it returns.
import { call } from './transport'
import type { ExportFile } from './sheets'
import type { Roi } from './events'

/** reports.BirthdayRow: date is the solar date this year (lunar birthdays converted). */
export interface BirthdayRow {
  customerId: number
  name: string
  date: string
  inDays: number
  lunar: boolean
}

/** reports.EventRow: startsAt is shop-local 'YYYY-MM-DD HH:MM'. */
export interface EventRow {
  id: number
  name: string
  kind: string
  startsAt: string
  venue: string
  guests: number
}

/** reports.FollowUpRow: the customer's latest follow-up asks for the next one by nextDate. */
export interface FollowUpRow {
  customerId: number
  name: string
  nextDate: string
  overdue: boolean
  content: string
}

/** reports.InactiveRow: lastPurchase '' = never bought. */
export interface InactiveRow {
  customerId: number
  name: string
  level: string
  lastPurchase: string
}

/** reports.Dashboard: every home page figure; money in fen. */
export interface Dashboard {
  today: string
  members: number
  newThisMonth: number
  activeMembers: number
  pointsIssued: number
  pointsRedeemed: number
  pointsExpired: number
  outstanding: number
  outstandingFen: number
  pointValueFen: number
  birthdays7: number
  birthdays30: number
  birthdayList: BirthdayRow[] | null
  eventsUpcoming: number
  eventList: EventRow[] | null
  followUpsDue: number
  followUpList: FollowUpRow[] | null
  inactiveMembers: number
  inactiveList: InactiveRow[] | null
}

export function dashboard(): Promise<Dashboard> {
  return call('Reports', 'Dashboard')
}

/** reports.Range: whole months 'YYYY-MM' to 'YYYY-MM', inclusive. */
export interface Range {
  from: string
  to: string
}

/** reports.GrowthRow: members registered in the month, and members at its end. */
export interface GrowthRow {
  month: string
  new: number
  total: number
}

/** reports.SalesRow: a level's or category's sales; money in fen. */
export interface SalesRow {
  name: string
  orders: number
  totalFen: number
}

/** reports.PointsRow */
export interface PointsRow {
  month: string
  issued: number
  redeemed: number
  expired: number
}

/** reports.StaffRow */
export interface StaffRow {
  staffId: number
  name: string
  registrations: number
  orders: number
  salesFen: number
  followUps: number
  checkIns: number
}

/** reports.Charts */
export interface Charts {
  range: Range
  growth: GrowthRow[] | null
  byLevel: SalesRow[] | null
  byCategory: SalesRow[] | null
  points: PointsRow[] | null
  staff: StaffRow[] | null
  /** Ended events that started in the range, measured over 30 days after. */
  events: Roi[] | null
}

export type ReportKind = 'growth' | 'sales' | 'points' | 'staff' | 'events'

export function charts(r: Range): Promise<Charts> {
  return call('Reports', 'Charts', r)
}

/** exportReport writes one report to .xlsx (a browser download, or the window's save dialog). */
export function exportReport(kind: ReportKind, r: Range): Promise<ExportFile> {
  return call('Reports', 'Export', kind, r)
}
