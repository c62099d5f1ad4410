import type { Plugin } from 'vite'

// startAfterPaint makes the built index.html paint its start screen (#jk-boot) before the app's script
// runs. WebKit draws nothing until a page has loaded or shows enough content, and the app's module
// script is part of the load: evaluating it and building the first screen took a few tenths of a
// second on a two-core shop PC, all of it in front of a white window. The script tag Vite writes is
// replaced by a loader that adds it once the page (start screen and stylesheet) has loaded and had a
// frame, or after 300 ms at the latest: a window not yet shown gets no frames. Should the script not
// load, or fail before the app has a screen, the start screen says so instead of "opening" forever.
const entry = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/

export function loader(src: string) {
  return `<script>
      (function () {
        var started = false
        function failed() {
          var text = document.getElementById('jk-boot-text')
          if (text) {
            text.textContent = document.documentElement.lang === 'en'
              ? 'Could not open. Reload the page or restart Jiuke.'
              : '打开失败，请刷新页面或重新打开酒客通'
          }
        }
        function start() {
          if (started) return
          started = true
          var s = document.createElement('script')
          s.type = 'module'
          s.crossOrigin = ''
          s.onerror = failed
          s.src = ${JSON.stringify(src)}
          document.head.appendChild(s)
        }
        // Only while the start screen is up (it has the text): afterwards the app shows its own errors.
        addEventListener('error', failed)
        addEventListener('unhandledrejection', failed)
        addEventListener('load', function () {
          requestAnimationFrame(function () { setTimeout(start) })
        })
        setTimeout(start, 300)
      })()
    </script>
  </body>`
}

export function rewrite(html: string): string {
  const m = entry.exec(html)
  // Vite writing its entry differently must fail the build, not leave a page that never starts.
  if (!m) throw new Error('startAfterPaint: no module entry script in index.html')
  if (!html.includes('</body>')) throw new Error('startAfterPaint: index.html has no </body>')
  return html.replace(m[0], '').replace('</body>', loader(m[1]))
}

export function startAfterPaint(): Plugin {
  return {
    name: 'jiuke-start-after-paint',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: rewrite },
  }
}
