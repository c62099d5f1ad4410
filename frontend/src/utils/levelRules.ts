// The level settings rules Go checks in SaveLevels (backend/members/levels.go), so the settings page
// can point at the row and field before saving. Thresholds are typed in ¥ and checked as fen.
import { parseYuan, type MoneyProblem } from './money'

export interface LevelDraft {
  id: number
  name: string
  colour: string
  /** ¥ text as typed. */
  upgrade: string
  keep: string
  multiplierPct: number | null
  discountPct: number | null
  birthdayPoints: number | null
  members: number
}

export type LevelField = 'name' | 'upgradeFen' | 'keepFen' | 'multiplierPct' | 'discountPct' | 'birthdayPoints'

export interface LevelProblem {
  field: LevelField
  key: string
  params?: Record<string, string | number>
}

const runes = (s: string) => [...s].length

function money(text: string): { fen: number; problem?: MoneyProblem | 'moneyRequired' } {
  const r = parseYuan(text)
  if (!r.ok) return { fen: 0, problem: r.problem }
  if (r.fen === null) return { fen: 0, problem: 'moneyRequired' }
  return { fen: r.fen }
}

/** levelProblems lists, per row, what Go would refuse (all of them, not only the first). */
export function levelProblems(rows: LevelDraft[]): LevelProblem[][] {
  const seen = new Set<string>()
  const upgrades = rows.map((r) => money(r.upgrade))
  return rows.map((r, i) => {
    const out: LevelProblem[] = []
    const name = r.name.trim()
    const label = name || String(i + 1)
    if (name === '') out.push({ field: 'name', key: 'levelNameRequired', params: { n: i + 1 } })
    else if (runes(name) > 10) out.push({ field: 'name', key: 'levelNameTooLong' })
    else if (seen.has(name)) out.push({ field: 'name', key: 'levelNameDuplicate', params: { name } })
    if (name) seen.add(name)

    const up = upgrades[i]
    if (up.problem) out.push({ field: 'upgradeFen', key: up.problem })
    else if (i === 0 && up.fen !== 0) out.push({ field: 'upgradeFen', key: 'levelFirstZero', params: { name: label } })
    else if (i > 0 && !upgrades[i - 1].problem && up.fen <= upgrades[i - 1].fen) {
      out.push({ field: 'upgradeFen', key: 'levelUpgradeOrder', params: { name: label, prev: rows[i - 1].name.trim() || String(i) } })
    }
    const keep = money(r.keep)
    if (keep.problem) out.push({ field: 'keepFen', key: keep.problem })
    else if (!up.problem && keep.fen > up.fen) out.push({ field: 'keepFen', key: 'levelKeepAbove', params: { name: label } })

    const m = r.multiplierPct
    if (m === null || !Number.isInteger(m) || m <= 0 || m > 1000) out.push({ field: 'multiplierPct', key: 'levelMultiplierRange', params: { name: label } })
    const d = r.discountPct
    if (d === null || !Number.isInteger(d) || d < 1 || d > 100) out.push({ field: 'discountPct', key: 'levelDiscountRange', params: { name: label } })
    const b = r.birthdayPoints
    if (b === null || !Number.isInteger(b) || b < 0) out.push({ field: 'birthdayPoints', key: 'levelBirthdayNegative', params: { name: label } })
    return out
  })
}
