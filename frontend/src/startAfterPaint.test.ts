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

  function runLoader() {
    const added: { type: string; src: string; crossOrigin: string | null; onerror: (() => void) | null }[] = []
    const timers: (() => void)[] = []
    const listeners: Record<string, (() => void)[]> = {}
    const text = { textContent: '正在打开…' }
    const code = /<script>([\s\S]*?)<\/script>/.exec(rewrite(built))![1]
    const doc = {
      documentElement: { lang: 'zh-CN' },
      getElementById: (id: string) => (id === 'jk-boot-text' ? text : null),
      createElement: () => ({ type: '', src: '', crossOrigin: null, onerror: null }),
      head: { appendChild: (s: (typeof added)[number]) => added.push(s) },
    }
    new Function('document', 'addEventListener', 'requestAnimationFrame', 'setTimeout', code)(
      doc,
      (type: string, f: () => void) => (listeners[type] ??= []).push(f),
      (f: () => void) => f(),
      (f: () => void) => timers.push(f),
    )
    return { added, timers, listeners, text }
  }

  it('the loader adds the script once, as a module, after the page has loaded', () => {
    const { added, timers, listeners } = runLoader()
    expect(added).toHaveLength(0) // nothing before the page has loaded or the fallback fired
    listeners.load.forEach((f) => f())
    timers.forEach((f) => f())
    expect(added).toHaveLength(1)
    expect(added[0]).toMatchObject({ type: 'module', src: '/assets/index-AbC123.js', crossOrigin: '' })
  })

  it('a script that does not load, or an error before the first screen, is said on the start screen', () => {
    const { added, timers, listeners, text } = runLoader()
    timers.forEach((f) => f())
    added[0].onerror!()
    expect(text.textContent).toBe('打开失败，请刷新页面或重新打开酒客通')
    text.textContent = '正在打开…'
    listeners.error.forEach((f) => f())
    expect(text.textContent).toContain('打开失败')
    text.textContent = '正在打开…'
    listeners.unhandledrejection.forEach((f) => f())
    expect(text.textContent).toContain('打开失败')
  })

  it('fails the build when Vite wrote no entry script it knows', () => {
    expect(() => rewrite(built.replace(/<script type="module"[^>]*><\/script>/, ''))).toThrow(/no module entry/)
  })
})
