/** parseMoved lists what a merge moved (Merge and Merges both give a map of label to count). */
export function parseMoved(m: Record<string, number> | null | undefined): { label: string; n: number }[] {
  if (!m) return []
  return Object.entries(m)
    .filter(([, n]) => typeof n === 'number')
    .map(([label, n]) => ({ label, n }))
}
