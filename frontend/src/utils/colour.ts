// Level colours come from settings (#8c9eb5); a tag in that colour needs text that stays readable.

/** parseHex reads #rgb or #rrggbb; null for anything else. */
export function parseHex(hex: string): [number, number, number] | null {
  const s = hex.trim().replace(/^#/, '')
  if (/^[0-9a-fA-F]{3}$/.test(s)) return [0, 1, 2].map((i) => parseInt(s[i] + s[i], 16)) as [number, number, number]
  if (/^[0-9a-fA-F]{6}$/.test(s)) return [0, 2, 4].map((i) => parseInt(s.slice(i, i + 2), 16)) as [number, number, number]
  return null
}

/** luminance is the WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const v = c / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

export const DEFAULT_LEVEL_COLOUR = '#909399'

/** tagColours: background and text for a level tag; white text unless the colour is light. */
export function tagColours(hex: string): { background: string; text: string } {
  const rgb = parseHex(hex) ?? parseHex(DEFAULT_LEVEL_COLOUR)!
  const background = '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('')
  return { background, text: luminance(rgb) > 0.45 ? '#303133' : '#ffffff' }
}
