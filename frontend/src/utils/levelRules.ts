// The level settings rules Go checks in SaveLevels (backend/members/levels.go), so the settings page
// can point at the row and field before saving. Thresholds are typed in ¥ and checked as fen. The list
// is saved whole: a row with id 0 is a new level, a level left out is removed, ranks follow row order.
import { MAX_FEN, parseYuan, yuanText, type MoneyProblem } from './money'

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
  /** ¥ text: the level opens on a single stored-value recharge of this much; blank for never. */
  recharge?: string
  members: number
}

export type LevelField = 'name' | 'upgradeFen' | 'keepFen' | 'multiplierPct' | 'discountPct' | 'birthdayPoints' | 'rechargeFen'

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
    // Blank means the level never opens on a recharge; anything typed must be an amount.
    const rc = parseYuan(r.recharge ?? '')
    if (!rc.ok) out.push({ field: 'rechargeFen', key: rc.problem })
    return out
  })
}

/** levelListProblem is what Go refuses about the list as a whole (an i18n key under levelSettings). */
export function levelListProblem(rows: LevelDraft[]): 'levelsEmpty' | null {
  return rows.length === 0 ? 'levelsEmpty' : null
}

/**
 * removeBlock says why a row cannot be removed: the lowest level is where every new member starts (the
 * page offers no 删除 for it), and Go refuses to remove a level that still has members.
 */
export function removeBlock(rows: LevelDraft[], i: number): 'lowest' | 'hasMembers' | null {
  if (i <= 0 || rows.length <= 1) return 'lowest'
  return rows[i]?.members > 0 ? 'hasMembers' : null
}

/** The colours offered for a level; a new level takes the first one no level uses yet. */
export const LEVEL_COLOURS = ['#909399', '#8c9eb5', '#c9a227', '#5b3fa0', '#8b1a2b', '#2f6f4f']

/**
 * newLevelDraft is the level 新增等级 appends above the highest one, valid except for its name (left
 * blank to fill in): it upgrades at twice the highest threshold (¥5,000 above a single ¥0 level), keeps
 * at 60% of that as the default levels do, and has no benefits yet (100% points, no discount).
 */
export function newLevelDraft(rows: LevelDraft[]): LevelDraft {
  const last = rows.at(-1)
  const prev = last ? parseYuan(last.upgrade) : null
  const prevFen = prev && prev.ok && prev.fen !== null ? prev.fen : 0
  let upgrade = 0
  if (last) upgrade = prevFen === 0 ? 500_000 : Math.min(prevFen * 2, Math.max(MAX_FEN, prevFen + 100))
  const keep = Math.floor((upgrade * 0.6) / 100) * 100
  const used = new Set(rows.map((r) => r.colour.toLowerCase()))
  const colour = LEVEL_COLOURS.find((c) => !used.has(c)) ?? LEVEL_COLOURS[LEVEL_COLOURS.length - 1]
  return { id: 0, name: '', colour, upgrade: yuanText(upgrade), keep: yuanText(keep), multiplierPct: 100, discountPct: 100, birthdayPoints: 0, members: 0 }
}
