// How a coupon or type reads in lists: its terms and its validity, in the active locale.
import type { Coupon, CouponType } from '@/api/coupons'
import { formatMoney } from '@/utils/format'

type T = (key: string, params?: Record<string, unknown>) => string

export function termsText(t: T, c: Pick<Coupon, 'kind' | 'valueFen' | 'thresholdFen' | 'giftName'>): string {
  if (c.kind === 'threshold') return t('coupons.terms.threshold', { threshold: formatMoney(c.thresholdFen), value: formatMoney(c.valueFen) })
  if (c.kind === 'gift') return t('coupons.terms.gift', { gift: c.giftName })
  return t('coupons.terms.cash', { value: formatMoney(c.valueFen) })
}

export function typeValidity(t: T, ty: CouponType): string {
  return ty.validDays > 0 ? t('coupons.validity.days', { n: ty.validDays }) : t('coupons.validity.fixed', { from: ty.validFrom, to: ty.validTo })
}

/** The state a clerk should see: an issued coupon past its last day reads as expired. */
export function shownState(c: Coupon): string {
  return c.state === 'issued' && c.expired ? 'expired' : c.state
}

export const stateTag: Record<string, 'success' | 'info' | 'warning' | 'danger'> = {
  issued: 'success', used: 'info', voided: 'danger', expired: 'warning', new: 'info',
}
