// State of 账号安全 (every password account): the second factor's state and the password's expiry, read from
// the session (`/api/me`, read again on opening), and the enrolment when no factor is on.
import { computed, onMounted, ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { Me } from '@/api/auth'
import { useUserStore } from '@/store/user'
import { formatDate } from '@/utils/format'

/** Fewer recovery codes than this left: the page suggests getting new ones. */
export const FEW_RECOVERY_CODES = 3

export function useAccountSecurity() {
  const user = useUserStore()
  const loading = ref(false)
  const enrolling = ref(false)
  const passwordOpen = ref(false)

  const factor = computed(() => user.me?.second_factor ?? null)
  const enrolled = computed(() => factor.value?.enrolled === true)
  const codesLeft = computed(() => factor.value?.recovery_codes_left ?? 0)
  const passwordExpiry = computed(() => {
    const at = user.me?.password_expires_at
    return at ? `${formatDate(at)} 到期` : '长期有效'
  })
  const expiryWarning = computed(() => user.me?.password_expiry_warning === true)

  async function load() {
    loading.value = true
    try {
      await user.fetchMe()
    } catch {
      // shown by the request module; the session's last answer stays
    } finally {
      loading.value = false
    }
  }

  function onEnrolled(me: Me | null) {
    enrolling.value = false
    if (me) user.applyMe(me)
    else void load()
    ElMessage.success('身份验证器已绑定')
  }

  onMounted(load)

  return {
    user, loading, enrolling, passwordOpen, factor, enrolled, codesLeft, passwordExpiry, expiryWarning,
    load, onEnrolled,
  }
}
