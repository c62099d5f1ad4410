import { call } from './transport'
import type { Customer } from './customers'
import type { ReferralCircle } from './sales'

/** members.Level. Money in fen; multiplierPct 150 earns 1.5× points; discountPct 95 is 95折. */
export interface Level {
  id: number
  name: string
  rank: number
  upgradeFen: number
  keepFen: number
  multiplierPct: number
  discountPct: number
  birthdayPoints: number
  /** Opens on a single stored-value recharge of this much (fen); 0 for never. Optional for older callers. */
  rechargeFen?: number
  colour: string
  /** Members at this level (Members.Levels counts them; 0 elsewhere). */
  members: number
}

export type CardState = 'active' | 'frozen' | 'replaced'

/** members.Card */
export interface Card {
  id: number
  number: string
  customerId: number
  customerName: string
  state: CardState
  stateReason: string
  /** The new number, when this card was reported lost and replaced. */
  replacedBy: string
  issuedAt: string
}

/** members.Membership */
export interface Membership {
  customerId: number
  levelId: number
  levelName: string
  levelColour: string
  levelSince: string
  registeredAt: string
}

/** members.LevelChange: one line of the level history, newest first. from is "" on registration. */
export interface LevelChange {
  from: string
  to: string
  reason: string
  staffName: string
  createdAt: string
}

/** app.MemberView: what the counter shows after a scan or search. */
export interface MemberView {
  customer: Customer
  isMember: boolean
  membership: Membership
  level: Level
  nextLevel: Level | null
  card: Card | null
  balance: number
  /** Points expiring within 60 days, and the first date they expire (2026-11-23) or "". */
  expiringSoon: number
  expiringOn: string
  spend12mFen: number
  /** Date of the last purchase (2026-11-23) or "". */
  lastPurchase: string
  levelHistory: LevelChange[]
  cards: Card[]
}

/** members.MemberRow */
export interface MemberRow {
  customerId: number
  name: string
  mobile: string
  district: string
  levelId: number
  levelName: string
  levelColour: string
  cardNumber: string
  cardState: CardState | ''
  balance: number
  registeredAt: string
}

/** members.MemberQuery */
export interface MemberQuery {
  levelId: number
  /** Members carrying every one of these tags. */
  tagIds: number[]
  /** 个人, 终端门店 or 企业; '' for all. */
  kind: string
  page: number
  pageSize: number
}

/** members.MemberPage */
export interface MemberPage {
  items: MemberRow[]
  total: number
  page: number
  pageSize: number
}

/** members.RegisterInput: cardNumber scanned or typed, "" to generate one. */
export interface RegisterInput {
  name: string
  mobile: string
  levelId: number
  cardNumber: string
  gender: '' | 'M' | 'F'
}

/** members.RegisterResult. reused: the mobile belonged to an existing customer, who became the member. */
export interface RegisterResult {
  customerId: number
  card: Card
  reused: boolean
}

/**
 * members.CardRange: a series of card numbers the shop accepts (号段). A number belongs to it when it
 * has length digits starting with prefix, lies within start–end when set, and, with checkDigit, ends
 * in a Luhn check digit. issue marks the range new numbers are generated from (at most one).
 */
export interface CardRange {
  name: string
  prefix: string
  length: number
  start: string
  end: string
  checkDigit: boolean
  issue: boolean
}

/** app.CardSettings */
export interface CardSettings {
  prefix: string
  ranges: CardRange[]
}

export type ReviewOutcome = '升级' | '降级'

/** members.ReviewItem */
export interface ReviewItem {
  customerId: number
  name: string
  fromId: number
  from: string
  toId: number
  to: string
  spendFen: number
  outcome: ReviewOutcome
  why: string
}

/** members.Review */
export interface Review {
  kept: number
  rising: number
  falling: number
  changes: ReviewItem[]
}

/** members.BirthdayItem: date is this year's solar date of the birthday. */
export interface BirthdayItem {
  customerId: number
  name: string
  level: string
  date: string
  points: number
  given: boolean
}

export function view(customerId: number): Promise<MemberView> {
  return call<MemberView>('Members', 'View', customerId)
}

/** scan resolves a card number; a frozen or replaced card rejects (conflict) with data.customerId. */
export function scan(number: string): Promise<MemberView> {
  return call<MemberView>('Members', 'Scan', number)
}

export function list(q: MemberQuery): Promise<MemberPage> {
  return call<MemberPage>('Members', 'List', q)
}

export function register(input: RegisterInput): Promise<RegisterResult> {
  return call<RegisterResult>('Members', 'Register', input)
}

export function levels(): Promise<Level[]> {
  return call<Level[]>('Members', 'Levels')
}

export function saveLevels(levels: Level[]): Promise<Level[]> {
  return call<Level[]>('Members', 'SaveLevels', levels)
}

export function changeLevel(customerId: number, levelId: number, reason: string): Promise<Membership> {
  return call<Membership>('Members', 'ChangeLevel', customerId, levelId, reason)
}

export function freezeCard(customerId: number, reason: string): Promise<Card> {
  return call<Card>('Members', 'FreezeCard', customerId, reason)
}

export function unfreezeCard(customerId: number): Promise<Card> {
  return call<Card>('Members', 'UnfreezeCard', customerId)
}

/** replaceCard reports the card lost and issues newNumber (scanned) or, with "", a generated one. */
export function replaceCard(customerId: number, newNumber: string, reason: string): Promise<Card> {
  return call<Card>('Members', 'ReplaceCard', customerId, newNumber, reason)
}

export function cardSettings(): Promise<CardSettings> {
  return call<CardSettings>('Members', 'CardSettings')
}

export function saveCardSettings(s: CardSettings): Promise<CardSettings> {
  return call<CardSettings>('Members', 'SaveCardSettings', s)
}

export function reviewPreview(): Promise<Review> {
  return call<Review>('Members', 'ReviewPreview')
}

export function applyReview(): Promise<Review> {
  return call<Review>('Members', 'ApplyReview')
}

export function birthdays(): Promise<BirthdayItem[]> {
  return call<BirthdayItem[]>('Members', 'Birthdays')
}

/** giveBirthdayPoints books this month's birthday points and returns how many members got them. */
export function giveBirthdayPoints(): Promise<number> {
  return call<number>('Members', 'GiveBirthdayPoints')
}

export function referrals(customerId: number): Promise<ReferralCircle> {
  return call<ReferralCircle>('Members', 'Referrals', customerId)
}
