import type { Plugin } from 'vite'

// elementOnDemand makes each compiled .vue file import the Element Plus components its template uses,
// instead of the whole library being registered at start (app.use(ElementPlus)). The window's first
// screen then parses only the shell's components; a page's components load with its lazy chunk.
// Vue's template compiler turns <el-table> into resolveComponent("el-table") and v-loading into
// resolveDirective("loading"); those calls are replaced by named imports. A name Element Plus does not
// export fails the build (Rollup: "is not exported"), never silently at run time.
const component = /\b_resolveComponent\("(el-[a-z-]+)"\)/g
const directive = /\b_resolveDirective\("(loading)"\)/g

export const pascal = (kebab: string) => kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())

export function elementOnDemand(): Plugin {
  return {
    name: 'jiuke-element-on-demand',
    enforce: 'post',
    transform(code, id) {
      // Only the compiled script/template of single-file components (not their style blocks).
      if (!id.split('?')[0].endsWith('.vue') || id.includes('type=style')) return null
      if (!code.includes('_resolveComponent("el-') && !code.includes('_resolveDirective("loading")')) return null
      const names = new Set<string>()
      let out = code.replace(component, (_, tag: string) => {
        const name = pascal(tag)
        names.add(name)
        return `__ep_${name}`
      })
      out = out.replace(directive, () => {
        names.add('vLoading')
        return '__ep_vLoading'
      })
      const imports = [...names].map((n) => `${n} as __ep_${n}`).join(', ')
      return { code: `import { ${imports} } from 'element-plus'\n${out}`, map: null }
    },
  }
}
