// The lines of a new purchase and what follows from them: unit prices from the quote (or typed with the
// 改价 switch), amounts, the total, the points estimate and the errors shown in place on each line.
import { computed, reactive, ref, watch, type ComputedRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { PriceQuote, Product } from '@/api/sales'
import type { Rules } from '@/api/points'
import { parseYuan, yuanText } from '@/utils/money'
import { estimatePoints, parseQty } from '@/utils/membership'

export interface Draft {
  uid: number
  productId: number | undefined
  qty: string
  price: string
}

export type LineErrors = Record<number, { qty?: string; price?: string; product?: string }>

export interface ServerError {
  field: string
  index: number
  sub: string
  message: string
}

let uid = 0
const emptyLine = (): Draft => ({ uid: ++uid, productId: undefined, qty: '1', price: '' })

export function usePurchaseLines(opts: {
  products: Ref<Product[]>
  quotes: Ref<Map<number, PriceQuote>>
  frozen: ComputedRef<boolean>
  multiplier: ComputedRef<number>
  rules: () => Rules | null | undefined
  submitted: Ref<boolean>
  serverError: Ref<ServerError | null>
}) {
  const { t } = useI18n()
  const lines = reactive<Draft[]>([emptyLine()])
  const editPrice = ref(false)

  const productById = computed(() => new Map(opts.products.value.map((p) => [p.id, p])))
  const filled = computed(() => lines.filter((l) => l.productId !== undefined))

  // A new empty line as soon as the last one has a product.
  watch(() => lines[lines.length - 1]?.productId, (id) => {
    if (id !== undefined) lines.push(emptyLine())
  })

  watch(editPrice, (on) => {
    for (const l of lines) if (on && l.productId !== undefined && l.price === '') l.price = yuanText(quoteOf(l)?.unitFen ?? 0)
  })

  const quoteOf = (l: Draft) => (l.productId === undefined ? undefined : opts.quotes.value.get(l.productId))

  function unitFen(l: Draft): number | null {
    const q = quoteOf(l)
    if (!q) return null
    if (!editPrice.value) return q.unitFen
    const r = parseYuan(l.price)
    return r.ok && r.fen !== null ? r.fen : null
  }

  function qtyOf(l: Draft): number {
    const r = parseQty(l.qty)
    return r.ok ? r.qty : 0
  }

  const amountOf = (l: Draft) => {
    const u = unitFen(l)
    return u === null ? 0 : u * qtyOf(l)
  }

  const total = computed(() => filled.value.reduce((s, l) => s + amountOf(l), 0))
  const retailTotal = computed(() => filled.value.reduce((s, l) => s + (quoteOf(l)?.retailFen ?? 0) * qtyOf(l), 0))
  const points = computed(() => {
    const rules = opts.rules()
    if (opts.frozen.value || !rules) return 0
    return estimatePoints(filled.value.map((l) => ({ amountFen: amountOf(l), service: !!productById.value.get(l.productId!)?.service })), rules, opts.multiplier.value)
  })

  /** The picked product's price goes into the price box when prices are being edited. */
  function fillPrice(i: number) {
    const l = lines[i]
    if (l.productId !== undefined && editPrice.value) l.price = yuanText(quoteOf(l)?.unitFen ?? 0)
  }

  function removeLine(i: number) {
    lines.splice(i, 1)
    if (!lines.length || lines[lines.length - 1].productId !== undefined) lines.push(emptyLine())
  }

  // Errors: as typed (quantity, price), once submitted (nothing to sell), and Go's, in place.
  const lineErrors = computed(() => {
    const out: LineErrors = {}
    lines.forEach((l, i) => {
      if (l.productId === undefined) return
      const e: { qty?: string; price?: string } = {}
      const q = parseQty(l.qty)
      if (!q.ok && (opts.submitted.value || l.qty.trim() !== '')) e.qty = t(`validate.${q.problem}`)
      if (editPrice.value) {
        const p = parseYuan(l.price)
        if (!p.ok) e.price = t(`validate.${p.problem}`)
        else if (p.fen === null && opts.submitted.value) e.price = t('validate.priceRequired')
      }
      if (e.qty || e.price) out[i] = e
    })
    const se = opts.serverError.value
    if (se && se.field.startsWith('lines[')) {
      // Go's index is of the lines sent: the filled ones.
      const i = lines.indexOf(filled.value[se.index])
      if (i >= 0) {
        const e = (out[i] ??= {})
        if (se.sub === 'qty' && !e.qty) e.qty = se.message
        else if (se.sub === 'unitFen' && !e.price) e.price = se.message
        else if (se.sub === 'productId') e.product = se.message
      }
    }
    return out
  })

  return { lines, editPrice, filled, quoteOf, unitFen, qtyOf, amountOf, total, retailTotal, points, fillPrice, removeLine, lineErrors }
}
