import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { installErrorDefault } from './api/transport'
import './styles.css'
import './styles/shared.css'

// Element Plus is not installed whole: each component's template imports what it uses (elementOnDemand.ts),
// so the window's first screen does not wait for every page's widgets to be parsed.
const app = createApp(App).use(createPinia()).use(router).use(i18n)
// A failed call that a page does not handle itself is shown once, by App.vue's showError hook.
installErrorDefault(app)
app.mount('#app')
