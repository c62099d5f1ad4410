// Auth: the first-start setup, the sign-in and lock screens, and a manager's PIN on the spot.
import { call } from './transport'
import type { StaffMember } from './system'

/** app.AuthStatus: what the UI needs before anything else. */
export interface AuthStatus {
  needsSetup: boolean
  signedIn: boolean
  /** Someone is signed in on this seat but the screen is locked (actor is that person). */
  locked: boolean
  /** Who is signed in (or locked); id 0 when nobody. */
  actor: StaffMember
  /** Active staff, for the sign-in picker and the approval dialog. */
  staff: StaffMember[]
  idleLockMinutes: number
}

/** staff.SetupInput: the first-start form. */
export interface SetupInput {
  shopName: string
  ownerName: string
  password: string
}

export function status(): Promise<AuthStatus> {
  return call<AuthStatus>('Auth', 'Status')
}

export function setup(input: SetupInput): Promise<StaffMember> {
  return call<StaffMember>('Auth', 'Setup', input)
}

/** signIn also unlocks and switches user. Wrong secrets reject with field "secret" and a count. */
export function signIn(staffId: number, secret: string): Promise<StaffMember> {
  return call<StaffMember>('Auth', 'SignIn', staffId, secret)
}

export function signOut(): Promise<void> {
  return call<void>('Auth', 'SignOut')
}

export function lock(): Promise<void> {
  return call<void>('Auth', 'Lock')
}

/** approve: a manager's PIN lets the signed-in clerk do one manager-only action in the next 2 minutes. */
export function approve(managerId: number, secret: string): Promise<StaffMember> {
  return call<StaffMember>('Auth', 'Approve', managerId, secret)
}
