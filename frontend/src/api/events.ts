// Tasting events (活动): the Events service. Named activities.ts because api/events.ts is the
// runtime's event stream (progress of long work).
import { call } from './transport'
import type { ExportFile } from './sheets'

export type EventState = 'planning' | 'inviting' | 'running' | 'ended' | 'cancelled'
export type GuestStatus = 'pending' | 'invited' | 'confirmed' | 'declined' | 'checked_in' | 'no_show'

/** events.Event. Times are shop-local "YYYY-MM-DD HH:MM"; money in fen. */
export interface TastingEvent {
  id: number
  name: string
  kind: string
  theme: string
  state: EventState
  startsAt: string
  endsAt: string
  venue: string
  address: string
  /** People incl. companions; 0 = no limit. */
  capacity: number
  hostStaffId: number
  hostName: string
  featuredProducts: string
  notes: string
  attendPoints: number
  inviteText: string
  createdAt: string
  headcount: number
  guests: number
  waitlist: number
  arrived: number
  plannedFen: number
  actualFen: number
}

export type EventInput = Pick<TastingEvent, 'name' | 'kind' | 'theme' | 'startsAt' | 'endsAt' | 'venue' | 'address' | 'capacity' | 'hostStaffId' | 'featuredProducts' | 'notes' | 'attendPoints'>

/** events.Guest */
export interface Guest {
  id: number
  eventId: number
  customerId: number
  name: string
  gender: string
  mobile: string
  district: string
  company: string
  levelName: string
  levelRank: number
  cardNumber: string
  status: GuestStatus
  companions: number
  waitlisted: boolean
  walkIn: boolean
  statusAt: string
  statusBy: string
  checkedInAt: string
  tableId: number
  tableNumber: number
  tableName: string
}

/** events.Table */
export interface EventTable {
  id: number
  eventId: number
  number: number
  name: string
  seats: number
  hostStaffId: number
  hostName: string
  used: number
  guests: Guest[]
}

export interface Cost {
  id: number
  eventId: number
  category: string
  item: string
  plannedFen: number
  actualFen: number
}

export interface Task {
  id: number
  eventId: number
  position: number
  title: string
  ownerStaffId: number
  ownerName: string
  dueDate: string
  done: boolean
  doneAt: string
}

export interface Live {
  /** Walk-ins' forms (扫码登记) waiting for the desk. */
  pendingWalkIns: number
  invited: number
  confirmed: number
  arrived: number
  people: number
  expected: number
  seats: number
  empty: number
}

export interface EventDetail {
  event: TastingEvent
  guests: Guest[]
  tables: EventTable[]
  costs: Cost[]
  tasks: Task[]
  live: Live
}

export interface InviteTemplate {
  id: number
  name: string
  body: string
}

export interface EventOptions {
  kinds: string[]
  costCategories: string[]
  placeholders: string[]
  staff: { id: number; name: string }[]
  tags: { id: number; name: string }[]
  templates: InviteTemplate[]
}

/** events.Filter: every set field narrows the candidates. */
export interface GuestFilter {
  text: string
  /** A saved 客群; 0 for none. */
  segmentId: number
  levelId: number
  district: string
  tagId: number
  lastPurchaseAfter: string
  lastPurchaseBefore: string
  limit: number
}

export interface Candidate {
  customerId: number
  name: string
  mobile: string
  district: string
  levelName: string
  lastPurchase: string
  onList: boolean
}

export interface AddResult {
  added: number
  waitlisted: number
  skipped: number
}

export interface Invitation {
  guestId: number
  name: string
  status: GuestStatus
  text: string
}

export interface CheckInResult {
  guest: Guest
  already: boolean
  points: number
}

export interface AutoSeatResult {
  seated: number
  unseated: number
  tables: number
}

export interface FollowUpTask {
  id: number
  customerId: number
  customerName: string
  assigneeName: string
  nextDate: string
  content: string
}

export interface Roi {
  eventId: number
  name: string
  kind: string
  date: string
  state: EventState
  days: number
  costFen: number
  attendees: number
  attendeeFen: number
  attendeeBuyers: number
  absent: number
  absentFen: number
  absentBuyers: number
  perAttendeeFen: number
  perAbsentFen: number
  returnPct: number
  windowClosed: boolean
}

const E = 'Events'
export const options = () => call<EventOptions>(E, 'Options')
export const list = (state = '') => call<TastingEvent[]>(E, 'List', state)
export const detail = (id: number) => call<EventDetail>(E, 'Detail', id)
export const create = (input: EventInput) => call<TastingEvent>(E, 'Create', input)
export const update = (id: number, input: EventInput) => call<TastingEvent>(E, 'Update', id, input)
export const setState = (id: number, state: EventState) => call<TastingEvent>(E, 'SetState', id, state)
export const candidates = (eventId: number, f: GuestFilter) => call<Candidate[]>(E, 'Candidates', eventId, f)
export const addGuests = (eventId: number, customerIds: number[], companions: number) => call<AddResult>(E, 'AddGuests', eventId, customerIds, companions)
export const setGuestStatus = (eventId: number, guestIds: number[], status: GuestStatus) => call<number>(E, 'SetGuestStatus', eventId, guestIds, status)
export const setCompanions = (eventId: number, guestId: number, n: number) => call<Guest>(E, 'SetCompanions', eventId, guestId, n)
export const removeGuest = (eventId: number, guestId: number) => call<Guest>(E, 'RemoveGuest', eventId, guestId)
export const invitations = (eventId: number) => call<Invitation[]>(E, 'Invitations', eventId)
export const setInviteText = (eventId: number, body: string) => call<TastingEvent>(E, 'SetInviteText', eventId, body)
export const saveInviteTemplate = (name: string, body: string) => call<InviteTemplate>(E, 'SaveInviteTemplate', name, body)
export const markInvited = (eventId: number, guestIds: number[]) => call<number>(E, 'MarkInvited', eventId, guestIds)
export const addTables = (eventId: number, count: number, seats: number) => call<EventTable[]>(E, 'AddTables', eventId, count, seats)
export const updateTable = (eventId: number, tableId: number, input: { name: string; seats: number; hostStaffId: number }) =>
  call<EventTable>(E, 'UpdateTable', eventId, tableId, input)
export const removeTable = (eventId: number, tableId: number) => call<void>(E, 'RemoveTable', eventId, tableId)
export const autoSeat = (eventId: number, opt: { tagId: number; hostPerTable: boolean }) => call<AutoSeatResult>(E, 'AutoSeat', eventId, opt)
export const seat = (eventId: number, guestId: number, tableId: number) => call<Guest>(E, 'Seat', eventId, guestId, tableId)
export const checkIn = (eventId: number, customerId: number) => call<CheckInResult>(E, 'CheckIn', eventId, customerId)
export const checkInByCard = (eventId: number, number: string) => call<CheckInResult>(E, 'CheckInByCard', eventId, number)
export const walkIn = (eventId: number, customerId: number, companions: number) => call<CheckInResult>(E, 'WalkIn', eventId, customerId, companions)
export const live = (eventId: number) => call<Live>(E, 'Live', eventId)

/** app.GuestLink: one guest's self check-in URL (扫码签到). */
export interface GuestLink {
  guestId: number
  customerId: number
  name: string
  salutation: string
  tableNumber: number
  tableName: string
  status: GuestStatus
  token: string
  url: string
}

/** app.CheckInLinks: every guest's link and the door stand's walk-in link, on the shop-network address. */
export interface CheckInLinks {
  eventId: number
  base: string
  addresses: string[]
  walkIn: string
  guests: GuestLink[]
  /** Shop-local "YYYY-MM-DD HH:MM": from 2 hours before the start to the end. */
  validFrom: string
  validUntil: string
}

export type WalkInStatus = 'pending' | 'confirmed' | 'rejected'

/** events.WalkInRequest: a walk-in's form held for the desk; customerName is the archive's match by mobile. */
export interface WalkInRequest {
  id: number
  eventId: number
  name: string
  mobile: string
  customerId: number
  customerName: string
  status: WalkInStatus
  guestId: number
  createdAt: string
  decidedAt: string
  decidedBy: string
}

export const checkInLinks = (eventId: number) => call<CheckInLinks>(E, 'CheckInLinks', eventId)
export const rotateCheckInLink = (eventId: number, guestId: number) => call<GuestLink>(E, 'RotateCheckInLink', eventId, guestId)
export const rotateWalkInLink = (eventId: number) => call<string>(E, 'RotateWalkInLink', eventId)
export const walkInRequests = (eventId: number) => call<WalkInRequest[]>(E, 'WalkInRequests', eventId)
export const confirmWalkIn = (eventId: number, requestId: number, companions: number) =>
  call<CheckInResult>(E, 'ConfirmWalkIn', eventId, requestId, companions)
export const rejectWalkIn = (eventId: number, requestId: number) => call<WalkInRequest>(E, 'RejectWalkIn', eventId, requestId)
export const undoCheckIn = (eventId: number, guestId: number) => call<Guest>(E, 'UndoCheckIn', eventId, guestId)
export const saveCost = (c: Cost) => call<Cost>(E, 'SaveCost', c)
export const deleteCost = (eventId: number, costId: number) => call<void>(E, 'DeleteCost', eventId, costId)
export const saveTask = (t: Task) => call<Task>(E, 'SaveTask', t)
export const deleteTask = (eventId: number, taskId: number) => call<void>(E, 'DeleteTask', eventId, taskId)
export const saveChecklistTemplate = (eventId: number) => call<string>(E, 'SaveChecklistTemplate', eventId)
export const createFollowUps = (req: { eventId: number; assigneeId: number; nextDate: string; content: string }) => call<number>(E, 'CreateFollowUps', req)
export const followUpTasks = (eventId: number) => call<FollowUpTask[]>(E, 'FollowUpTasks', eventId)
export const roi = (eventId: number, days: number) => call<Roi>(E, 'ROI', eventId, days)
export const rois = (days: number) => call<Roi[]>(E, 'ROIs', days)
export const exportGuests = (eventId: number) => call<ExportFile>(E, 'ExportGuests', eventId)
export const exportSignIn = (eventId: number) => call<ExportFile>(E, 'ExportSignIn', eventId)
export const exportTables = (eventId: number) => call<ExportFile>(E, 'ExportTables', eventId)
