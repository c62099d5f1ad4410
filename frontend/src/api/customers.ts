import { call } from './transport'

export type Gender = '' | 'M' | 'F'

/** Customer kinds (customers.Kinds) and the types of terminal outlet (customers.OutletTypes). */
export const KINDS = ['个人', '终端门店', '企业'] as const
export const OUTLET_TYPES = ['烟酒店', '餐饮', '酒店', '商超', '其他'] as const
export type Calendar = 'solar' | 'lunar'

/** customers.Birthday. Year 0: year unknown; Month 0: no birthday. */
export interface Birthday {
  calendar: Calendar
  year: number
  month: number
  day: number
  leap: boolean
}

/** customers.Customer. Times are RFC 3339 strings (UTC). */
export interface Customer {
  id: number
  name: string
  mobile: string
  otherPhone: string
  gender: Gender
  birthday: Birthday
  district: string
  address: string
  company: string
  title: string
  source: string
  referrerId: number
  referrerName: string
  ownerStaffId: number
  ownerName: string
  notes: string
  consent: boolean
  consentAt: string
  kind: string
  outletType: string
  shopName: string
  contactPerson: string
  archived: boolean
  archiveReason: string
  archivedAt: string
  mergedIntoId: number
  /** 累计消费 in fen: every purchase net of refunds, plus the opening spend an old ledger's import set. */
  totalSpendFen: number
  /** 期初累计消费 in fen, from an imported ledger's undated 累计消费 column. */
  openingSpendFen: number
  createdAt: string
  updatedAt: string
}

/** customers.Input: what a form submits to create or edit a customer. */
export interface CustomerInput {
  name: string
  mobile: string
  otherPhone: string
  gender: Gender
  birthday: Birthday
  district: string
  address: string
  company: string
  title: string
  source: string
  referrerId: number
  ownerStaffId: number
  notes: string
  consent: boolean
  /** 个人, 终端门店 or 企业; the outlet fields are kept only for 终端门店. */
  kind: string
  outletType: string
  shopName: string
  contactPerson: string
}

export type MatchKind = 'mobile' | 'card' | 'last4' | 'phone_prefix' | 'name' | 'initials' | 'pinyin' | 'company'

/** customers.Hit: one search result and what matched. */
export interface Hit {
  id: number
  name: string
  mobile: string
  district: string
  company: string
  archived: boolean
  match: MatchKind
}

/** customers.Candidate: a customer who may be the same person. */
export interface Candidate extends Hit {
  reason: string
}

export type ArchivedFilter = '' | 'archived' | 'all'
export type SortKey = 'created' | 'updated' | 'name' | 'district'

/** customers.ListQuery */
export interface ListQuery {
  district: string
  kind: string
  source: string
  gender: Gender
  ownerStaffId: number
  /** Customers carrying every one of these tags. */
  tagIds: number[]
  /** Customers in this saved segment (客群); 0 for none. */
  segmentId: number
  archived: ArchivedFilter
  sort: SortKey
  desc: boolean
  page: number
  pageSize: number
}

/** customers.ListPage */
export interface ListPage {
  items: Customer[]
  total: number
  page: number
  pageSize: number
}

/** customers.FollowUp (回访). date and nextDate are 2026-11-23. */
export interface FollowUp {
  id: number
  customerId: number
  date: string
  staffId: number
  staffName: string
  channel: string
  content: string
  nextDate: string
  createdAt: string
}

export interface FollowUpInput {
  customerId: number
  date: string
  channel: string
  content: string
  nextDate: string
}

/** Fields a merge may take from the merged customer (customers.MergeFields). */
export const MERGE_FIELDS = ['name', 'mobile', 'otherPhone', 'gender', 'birthday', 'district', 'address',
  'company', 'title', 'source', 'referrerId', 'ownerStaffId', 'notes', 'consent'] as const
export type MergeField = (typeof MERGE_FIELDS)[number]

export interface MergeRequest {
  survivorId: number
  mergedId: number
  take: MergeField[]
}

export interface MergeResult {
  survivor: Customer
  /** How many records of each kind moved, by Chinese label: {"回访": 2, "推荐的客户": 0}. */
  moved: Record<string, number>
}

/** customers.MergeRecord: one past merge into this customer, with the counts it moved. */
export interface MergeRecord {
  mergedId: number
  mergedName: string
  staffName: string
  moved: Record<string, number>
  createdAt: string
}

export function search(text: string, includeArchived = false): Promise<Hit[]> {
  return call<Hit[]>('Customers', 'Search', text, includeArchived)
}

export function list(q: ListQuery): Promise<ListPage> {
  return call<ListPage>('Customers', 'List', q)
}

export function get(id: number): Promise<Customer> {
  return call<Customer>('Customers', 'Get', id)
}

export function create(input: CustomerInput): Promise<Customer> {
  return call<Customer>('Customers', 'Create', input)
}

export function update(id: number, input: CustomerInput): Promise<Customer> {
  return call<Customer>('Customers', 'Update', id, input)
}

export function archive(id: number, reason: string): Promise<Customer> {
  return call<Customer>('Customers', 'Archive', id, reason)
}

export function restore(id: number): Promise<Customer> {
  return call<Customer>('Customers', 'Restore', id)
}

export function possibleDuplicates(name: string, mobile: string, district: string, company: string, excludeId: number): Promise<Candidate[]> {
  return call<Candidate[]>('Customers', 'PossibleDuplicates', name, mobile, district, company, excludeId)
}

export function merge(req: MergeRequest): Promise<MergeResult> {
  return call<MergeResult>('Customers', 'Merge', req)
}

export function merges(id: number): Promise<MergeRecord[]> {
  return call<MergeRecord[]>('Customers', 'Merges', id)
}

export function followUps(customerId: number): Promise<FollowUp[]> {
  return call<FollowUp[]>('Customers', 'FollowUps', customerId)
}

export function addFollowUp(input: FollowUpInput): Promise<FollowUp> {
  return call<FollowUp>('Customers', 'AddFollowUp', input)
}

export function districts(): Promise<string[]> {
  return call<string[]>('Customers', 'Districts')
}

/** inputOf turns a stored customer into the form's input. */
export function inputOf(c: Customer): CustomerInput {
  return {
    name: c.name, mobile: c.mobile, otherPhone: c.otherPhone, gender: c.gender, birthday: { ...c.birthday },
    district: c.district, address: c.address, company: c.company, title: c.title, source: c.source,
    referrerId: c.referrerId, ownerStaffId: c.ownerStaffId, notes: c.notes, consent: c.consent,
    kind: c.kind, outletType: c.outletType, shopName: c.shopName, contactPerson: c.contactPerson,
  }
}

export function emptyInput(): CustomerInput {
  return {
    name: '', mobile: '', otherPhone: '', gender: '', birthday: { calendar: 'solar', year: 0, month: 0, day: 0, leap: false },
    district: '', address: '', company: '', title: '', source: '进店', referrerId: 0, ownerStaffId: 0, notes: '', consent: false,
    kind: '个人', outletType: '', shopName: '', contactPerson: '',
  }
}

/** erase permanently removes a customer's personal data (owner only); totals and the log line stay. */
export function erase(id: number): Promise<Customer> {
  return call<Customer>('Customers', 'Erase', id)
}
