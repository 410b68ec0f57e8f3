// The password-expiry reminder of a password account (`me.password_expiry_warning`, the last days before
// `me.password_expires_at`): a notification once per login session and a banner at the top of the frame
// until dismissed (for this session) or the password is changed (the new `me` has no warning).
import { computed, onMounted, ref } from 'vue'
import { ElNotification } from 'element-plus'
import { useUserStore } from '@/store/user'
import { formatDate } from '@/utils/format'
import { markNoticeSeen, noticeSeen } from '@/utils/sessionNotice'

const NOTIFIED = 'password-expiry-notified'
const DISMISSED = 'password-expiry-dismissed'

export function usePasswordExpiry() {
  const user = useUserStore()
  const dismissed = ref(noticeSeen(DISMISSED))

  const warning = computed(() => user.me?.password_expiry_warning === true)
  const expiresOn = computed(() => formatDate(user.me?.password_expires_at))
  const text = computed(() => `您的密码将于 ${expiresOn.value} 到期，请及时修改`)
  const showBanner = computed(() => warning.value && !dismissed.value)

  function dismiss() {
    dismissed.value = true
    markNoticeSeen(DISMISSED)
  }

  onMounted(() => {
    if (!warning.value || noticeSeen(NOTIFIED)) return
    markNoticeSeen(NOTIFIED)
    ElNotification({ type: 'warning', title: '密码即将到期', message: `${text.value}。`, duration: 10_000 })
  })

  return { showBanner, text, dismiss }
}
