import { call } from './transport'

/** settings.Shop */
export interface Shop {
  name: string
  city: string
  districts: string[]
}

export type Role = 'owner' | 'manager' | 'clerk'

/** staff.Member */
export interface StaffMember {
  id: number
  name: string
  role: Role
  active: boolean
  /** "pin", "password", or "" before one is set. */
  secretKind: SecretKind
}

export type SecretKind = '' | 'pin' | 'password'

/** app.Info: what the frame shows and the forms offer. */
export interface Info {
  shop: Shop
  actor: StaffMember
  staff: StaffMember[]
  version: string
  dbPath: string
  demo: boolean
  sources: string[]
  channels: string[]
  /** Today in the shop's time zone, 2026-11-23. */
  today: string
  /** How to sign in to the demo database; "" for a real archive. */
  demoHint: string
  /** The integrity check that runs after start; failed: every change is refused until a restore. */
  health: Health
}

/** store.Health: the archive's integrity check (also sent as the system:health event when done). */
export interface Health {
  state: 'checking' | 'ok' | 'failed'
  /** What to do, for the owner; "" unless failed. */
  message: string
  checkedAt: string
  millis: number
}

export function info(): Promise<Info> {
  return call<Info>('System', 'Info')
}

export function saveShop(shop: Shop): Promise<Shop> {
  return call<Shop>('System', 'SaveShop', shop)
}
