// State and calls of the site user's contract choice (after the SMS login, or 切换合同).
import { computed, onMounted, reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessageBox } from 'element-plus'
import * as authApi from '@/api/auth'
import type { SiteContract } from '@/api/auth'
import { homePathFor } from '@/config/menu'
import { safeRedirect } from '@/router/redirect'
import { useUserStore } from '@/store/user'

export function useContractPicker() {
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()

  const query = reactive({ report_no: '' })
  const items = ref<SiteContract[]>([])
  const loading = ref(false)
  const entering = ref<SiteContract['id'] | null>(null)
  /** True when the list shows the result of a 合同信息查询 rather than the user's own contracts. */
  const searched = ref(false)

  async function load() {
    loading.value = true
    const reportNo = query.report_no.trim()
    try {
      items.value = (await authApi.listSiteContracts(reportNo || undefined)).items
      searched.value = reportNo !== ''
    } catch {
      items.value = [] // the request module has shown the message
    } finally {
      loading.value = false
    }
  }

  function reset() {
    query.report_no = ''
    void load()
  }

  async function enter(contract: SiteContract) {
    entering.value = contract.id
    try {
      await authApi.chooseContract(contract.id)
      await user.fetchMe()
      await router.replace(safeRedirect(route.query.redirect) ?? homePathFor(user.role))
    } catch {
      // shown by the request module
    } finally {
      entering.value = null
    }
  }

  /** 切换合同 from inside the app: the user may keep the contract it has. */
  const canGoBack = computed(() => !user.needsContract)

  async function back() {
    await router.replace(safeRedirect(route.query.redirect) ?? homePathFor(user.role))
  }

  async function logout() {
    try {
      await ElMessageBox.confirm('确定退出登录吗？', '提示', {
        type: 'warning', confirmButtonText: '退出登录', cancelButtonText: '取消',
      })
    } catch {
      return
    }
    await user.logout().catch(() => undefined)
    await router.replace({ name: 'login', query: { tab: 'site' } })
  }

  onMounted(load)

  return { user, query, items, loading, entering, searched, canGoBack, load, reset, enter, back, logout }
}
