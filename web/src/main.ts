// Entry of the SPA: Element Plus (zh-cn), pinia, the router, and the request module's 401 hook.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles/index.css'
import App from './App.vue'
import router from './router'
import { useUserStore } from './store/user'
import { setUnauthorizedHandler } from './utils/request'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(router)
app.use(ElementPlus, { locale: zhCn })

// An expired session: forget the user and come back to the same page after logging in again.
setUnauthorizedHandler(() => {
  useUserStore(pinia).clear()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    void router.push({ name: 'login', query: { redirect: current.fullPath } })
  }
})

app.mount('#app')
