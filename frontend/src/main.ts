import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { installErrorDefault } from './api/transport'
import './styles.css'
import './styles/shared.css'

const app = createApp(App).use(createPinia()).use(router).use(i18n).use(ElementPlus)
// A failed call that a page does not handle itself is shown once, by App.vue's showError hook.
installErrorDefault(app)
app.mount('#app')
