// The router guard: nothing but the setup and sign-in screens is reachable until someone signed in,
// and owner-only pages only for the owner.
import type { LocationQueryValue, RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { ElMessage } from 'element-plus'
import type { Role } from '@/api/system'
import { useAuthStore } from '@/stores/auth'
import { i18n } from '@/i18n'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without sign-in, shown without the app frame. */
    public?: boolean
    /** Only these roles may open the page. */
    roles?: Role[]
  }
}

/** safeRedirect accepts only an in-app path that is not itself a sign-in page. */
export function safeRedirect(v: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const s = Array.isArray(v) ? v[0] : v
  if (!s || !s.startsWith('/') || s.startsWith('//') || s.startsWith('/signin') || s.startsWith('/setup')) return '/'
  return s
}

export async function authGuard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const auth = useAuthStore()
  const st = await auth.ensure()
  if (!st) return true // Go unreachable: App shows the error and a retry
  if (st.needsSetup) return to.name === 'setup' ? true : { name: 'setup' }
  if (to.name === 'setup') return st.signedIn ? { path: '/' } : { name: 'signin' }
  if (to.meta.public) return st.signedIn ? { path: safeRedirect(to.query.redirect) } : true
  if (!st.signedIn) {
    return { name: 'signin', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (to.meta.roles && !to.meta.roles.includes(st.actor.role)) {
    tellWhyNot(to, to.meta.roles)
    return { path: '/' }
  }
  return true
}

/** tellWhyNot says, on the home page the guard sends them to, which page needs which role. */
function tellWhyNot(to: RouteLocationNormalized, roles: Role[]) {
  const { t, te } = i18n.global
  const key = `nav.${String(to.name ?? '')}`
  const page = te(key) ? t(key) : to.path
  const who = roles.map((r) => t(`roles.${r}`)).join(t('auth.noAccessAnd'))
  ElMessage.warning(t('auth.noAccess', { page, who }))
}
