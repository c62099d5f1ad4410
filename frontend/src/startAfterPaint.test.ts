import { describe, expect, it } from 'vitest'
import { rewrite } from '../startAfterPaint'

const built = `<!doctype html>
<html lang="zh-CN">
  <head>
    <title>酒客通</title>
    <script type="module" crossorigin src="/assets/index-AbC123.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-XyZ.css">
  </head>
  <body>
    <div id="app"></div>
    <div id="jk-boot">酒客通</div>
  </body>
</html>`

describe('startAfterPaint', () => {
  it('moves the app script behind the first paint, keeping the stylesheet and the start screen', () => {
    const out = rewrite(built)
    expect(out).not.toContain('<script type="module"')
    expect(out).toContain('"/assets/index-AbC123.js"')
    expect(out).toContain('<link rel="stylesheet" crossorigin href="/assets/index-XyZ.css">')
    expect(out.indexOf('id="jk-boot"')).toBeLessThan(out.indexOf('"/assets/index-AbC123.js"'))
    expect(out.trim().endsWith('</html>')).toBe(true)
  })

  it('the loader adds the script once, as a module', () => {
    const added: { type: string; src: string }[] = []
    const timers: (() => void)[] = []
    const listeners: (() => void)[] = []
    const code = /<script>([\s\S]*?)<\/script>/.exec(rewrite(built))![1]
    const doc = {
      createElement: () => ({ type: '', src: '', crossOrigin: null as string | null }),
      head: { appendChild: (s: { type: string; src: string }) => added.push(s) },
    }
    new Function('document', 'addEventListener', 'requestAnimationFrame', 'setTimeout', code)(
      doc,
      (_: string, f: () => void) => listeners.push(f),
      (f: () => void) => f(),
      (f: () => void) => timers.push(f),
    )
    expect(added).toHaveLength(0) // nothing before the page has loaded or the fallback fired
    listeners.forEach((f) => f())
    timers.forEach((f) => f())
    expect(added).toEqual([{ type: 'module', src: '/assets/index-AbC123.js', crossOrigin: '' }])
  })

  it('fails the build when Vite wrote no entry script it knows', () => {
    expect(() => rewrite(built.replace(/<script type="module"[^>]*><\/script>/, ''))).toThrow(/no module entry/)
  })
})
