import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { i18n, currentLocale } from './i18n'
import { vCan } from './directives/can'
import { watchCardHeadings } from './a11y'
import './styles.css'

document.documentElement.lang = currentLocale()

createApp(App).use(createPinia()).use(i18n).use(router).directive('can', vCan).mount('#app')
watchCardHeadings()
