// Go names the field of a refusal by its JSON path: "mobile", "lines[0].qty", "levels[2].upgradeFen".

export interface FieldPath {
  /** "lines" */
  name: string
  /** 0 for lines[0].qty; -1 when the path has no index. */
  index: number
  /** "qty" for lines[0].qty; "" when there is none. */
  sub: string
}

/** parseFieldPath splits a Go field path; "" for an error that names no field. */
export function parseFieldPath(field: string): FieldPath {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?(?:\.([A-Za-z_][A-Za-z0-9_.]*))?$/.exec(field)
  if (!m) return { name: field, index: -1, sub: '' }
  return { name: m[1], index: m[2] === undefined ? -1 : Number(m[2]), sub: m[3] ?? '' }
}
