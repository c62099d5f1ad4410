import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { compileScript, parse } from 'vue/compiler-sfc'
import * as ElementPlus from 'element-plus'
import { elementOnDemand, pascal } from '../elementOnDemand'

// The build compiles each .vue file the way @vitejs/plugin-vue does for production (template inlined
// into <script setup>), then elementOnDemand replaces the global lookups with imports.
function compiled(source: string): string {
  const { descriptor } = parse(source, { filename: 'Demo.vue' })
  return compileScript(descriptor, { id: 'demo', inlineTemplate: true }).content
}

function transform(code: string, id = '/src/Demo.vue'): string | null {
  const plugin = elementOnDemand()
  const hook = plugin.transform as (code: string, id: string) => { code: string } | null
  return hook.call({}, code, id)?.code ?? null
}

describe('elementOnDemand', () => {
  it('imports the components and v-loading a template uses instead of looking them up globally', () => {
    const code = compiled(`<script setup lang="ts">const busy = true</script>
<template><el-table v-loading="busy"><el-table-column prop="name" /></el-table><el-button>ok</el-button><my-thing /></template>`)
    expect(code).toContain('_resolveComponent("el-table-column")')
    const out = transform(code)!
    expect(out).not.toMatch(/_resolveComponent\("el-/)
    expect(out).not.toContain('_resolveDirective("loading")')
    const imported = out.match(/^import \{ (.*) \} from 'element-plus'$/m)?.[1].split(', ').map((s) => s.split(' as ')[0]).sort()
    expect(imported).toEqual(['ElButton', 'ElTable', 'ElTableColumn', 'vLoading'])
    // A component that is not Element Plus's is left to Vue's own lookup.
    expect(out).toContain('_resolveComponent("my-thing")')
  })

  it('leaves style blocks and files without Element Plus alone', () => {
    expect(transform('const a = _resolveComponent("el-button")', '/src/Demo.vue?vue&type=style&index=0&lang.css')).toBeNull()
    expect(transform(compiled('<script setup lang="ts">const n = 1</script><template><div>{{ n }}</div></template>'))).toBeNull()
    expect(transform('const a = 1', '/src/util.ts')).toBeNull()
  })

  it('finds every el- tag the app uses among Element Plus exports', () => {
    const tags = new Set<string>()
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (e.name.endsWith('.vue')) for (const m of readFileSync(p, 'utf8').matchAll(/<(el-[a-z-]+)/g)) tags.add(m[1])
      }
    }
    walk(join(__dirname))
    expect(tags.size).toBeGreaterThan(20)
    const missing = [...tags].filter((t) => !(pascal(t) in ElementPlus))
    expect(missing).toEqual([])
  })
})
