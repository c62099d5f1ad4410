import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import type { AuthStatus, SetupInput } from '@/api/auth'
import type { StaffMember } from '@/api/system'
import { toApiError } from '@/api/transport'
import { useSystemStore } from './system'

/**
 * Why the sign-in screen is showing: 'locked' (the lock screen, same person preselected), 'switch'
 * (pick anyone), 'signedOut', 'expired' (a call was refused: sign in again and go back), or '' (start).
 */
export type SignInReason = '' | 'locked' | 'switch' | 'signedOut' | 'expired'

const LAST_STAFF_KEY = 'jiuke.lastStaff'

function rememberStaff(id: number) {
  try {
    localStorage.setItem(LAST_STAFF_KEY, String(id))
  } catch {
    // not kept; the picker simply starts empty
  }
}

function lastStaff(): number {
  try {
    return Number(localStorage.getItem(LAST_STAFF_KEY)) || 0
  } catch {
    return 0
  }
}

/** Who sits at this window or browser: setup, sign-in, lock, and what their role allows. */
export const useAuthStore = defineStore('auth', () => {
  const status = ref<AuthStatus | null>(null)
  const loadError = ref('')
  const reason = ref<SignInReason>('')
  let inflight: Promise<AuthStatus> | null = null

  /** load asks Go for the status (one request at a time; callers share it). */
  function load(): Promise<AuthStatus> {
    if (!inflight) {
      inflight = authApi.status().then(
        (st) => {
          status.value = st
          loadError.value = ''
          return st
        },
        (e: unknown) => {
          loadError.value = toApiError(e).message
          throw toApiError(e)
        },
      ).finally(() => {
        inflight = null
      })
    }
    return inflight
  }

  /** ensure is for the router guard: the status, loaded once; null when Go cannot be reached. */
  async function ensure(): Promise<AuthStatus | null> {
    if (status.value) return status.value
    try {
      return await load()
    } catch {
      return null
    }
  }

  const signedIn = computed(() => !!status.value?.signedIn)
  const needsSetup = computed(() => !!status.value?.needsSetup)
  const locked = computed(() => !!status.value?.locked)
  /** The signed-in staff member, or null. */
  const actor = computed<StaffMember | null>(() => (status.value?.signedIn ? status.value.actor : null))
  const role = computed(() => actor.value?.role ?? null)
  const isOwner = computed(() => role.value === 'owner')
  const staff = computed(() => status.value?.staff ?? [])
  /** Who may approve a clerk's restricted action on the spot. */
  const approvers = computed(() => staff.value.filter((s) => s.role === 'owner' || s.role === 'manager'))
  const idleLockMinutes = computed(() => status.value?.idleLockMinutes ?? 0)

  async function afterSignIn(id: number) {
    rememberStaff(id)
    reason.value = ''
    await load()
    const system = useSystemStore()
    await system.load()
    void system.loadDistricts()
  }

  async function setup(input: SetupInput) {
    const owner = await authApi.setup(input)
    await afterSignIn(owner.id)
    return owner
  }

  async function signIn(staffId: number, secret: string) {
    const m = await authApi.signIn(staffId, secret)
    await afterSignIn(m.id)
    return m
  }

  /** lock hides the app until the same PIN or password (or another person's) is entered. */
  async function lock(why: 'locked' | 'switch' = 'locked') {
    reason.value = why
    try {
      await authApi.lock()
    } finally {
      // Locked here even if Go could not be told: the next call would ask to sign in anyway.
      if (status.value?.signedIn) status.value = { ...status.value, signedIn: false, locked: true }
      await load().catch(() => undefined)
    }
  }

  async function signOut() {
    reason.value = 'signedOut'
    try {
      await authApi.signOut()
    } finally {
      if (status.value) status.value = { ...status.value, signedIn: false, locked: false }
      await load().catch(() => undefined)
    }
  }

  /**
   * signInRequired: a call was refused for want of sign-in. Go's status says why: locked (its own idle
   * lock: the lock screen covers the page, which stays as it was) or signed out / expired.
   */
  async function signInRequired() {
    if (!status.value?.signedIn) return // already known; a late call after 锁定 changes nothing
    try {
      const st = await authApi.status()
      if (st.signedIn) return
      reason.value = st.locked ? 'locked' : 'expired'
      status.value = st
    } catch {
      reason.value = 'expired'
      status.value = { ...status.value, signedIn: false }
    }
  }

  /** touch keeps Go's session alive while someone is working without calls (typing a long form). */
  function touch() {
    void load().catch(() => undefined)
  }

  return {
    status, loadError, reason, load, ensure,
    signedIn, needsSetup, locked, actor, role, isOwner, staff, approvers, idleLockMinutes,
    setup, signIn, lock, signOut, signInRequired, touch, lastStaff,
  }
})
