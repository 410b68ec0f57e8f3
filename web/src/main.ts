// Entry of the SPA: Element Plus (zh-cn), pinia, the router, the request module's hooks (401, the login's
// unfinished setup, writes), and the server's dictionary (labels and tag colours), read before mounting.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles/index.css'
import './styles/phone.css'
import App from './App.vue'
import router from './router'
import { useTaskStore } from './store/tasks'
import { useUserStore } from './store/user'
import { loadDictionary } from './utils/dict'
import { setSetupRequiredHandler, setUnauthorizedHandler, setWriteHandler } from './utils/request'

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

// The server refused a call because the session's setup stage is not done (e.g. the password expired while
// signed in): read the session again and go to the setup page, coming back here afterwards.
setSetupRequiredHandler(async () => {
  const user = useUserStore(pinia)
  await user.fetchMe().catch(() => undefined)
  const current = router.currentRoute.value
  if (user.needsSetup && current.name !== 'account-setup') {
    void router.push({ name: 'account-setup', query: { redirect: current.fullPath } })
  }
})

// A write may have moved a record on to someone else (or brought one to this user): the to-do items and
// their badges are read again at once, so the actor sees its item leave.
setWriteHandler(() => useTaskStore(pinia).refreshSoon())

// Every label and tag colour of the workflows comes from the server: the first screen already shows them.
void loadDictionary().then(() => app.mount('#app'))
