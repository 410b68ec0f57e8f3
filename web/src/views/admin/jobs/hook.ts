// State and calls of 定时任务 (系统管理员): the scheduled jobs — today the daily 逾期提醒短信 — each with its schedule
// (the time is 参数设置's), whether it is paused and today's scheduled run done; 立即执行 (confirmed; what is due today
// and not yet sent goes out, never twice a day), 暂停 (confirmed) and 恢复; and the chosen job's runs, newest first,
// paged in the address (?job=&page=&page_size=). Every action is audited by the server.
import { computed, onMounted, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { listJobRuns, listJobs, pauseJob, resumeJob, runJob, type Job, type JobRun } from '@/api/admin'
import { confirmAction } from '@/utils/actions'
import type { TagType } from '@/utils/dict'
import { formatDateTime } from '@/utils/format'
import { useListPage, type ListColumn } from '@/utils/useListPage'

/** The job whose runs are listed unless the address names another. */
export const DEFAULT_JOB = 'reminders'

/** A job's 状态: 已暂停 or 运行中 (its schedule in force). */
export function jobState(job: Job): { label: string; tag: TagType } {
  return job.paused ? { label: '已暂停', tag: 'warning' } : { label: '运行中', tag: 'success' }
}

/** 今日定时发送: whether the schedule has done today's run (nothing to say when the schedule is off). */
export function todayText(job: Job): string {
  if (job.reminder_time === 'off') return '发送时间已关闭，不定时发送'
  if (job.today_done) return '今日已执行'
  return job.paused ? '今日未执行（已暂停）' : `今日 ${job.reminder_time} 起执行`
}

/** A run's outcome: 运行中 until it has finished, then what it sent. */
export function runOutcome(run: JobRun): string {
  return run.finished_at ? `发送 ${run.sent} 条，失败 ${run.failed} 条` : '运行中'
}

export const RUN_COLUMNS: (ListColumn<JobRun> & { text: (row: JobRun) => string })[] = [
  { prop: 'day', label: '日期', width: 110, text: (r) => r.day },
  { prop: 'started_by', label: '发起', minWidth: 150, text: (r) => r.started_by, wrap: true },
  { prop: 'holder', label: '执行进程', width: 130, text: (r) => r.holder || '—' },
  { prop: 'started_at', label: '开始时间', width: 170, text: (r) => formatDateTime(r.started_at) },
  { prop: 'finished_at', label: '结束时间', width: 170, text: (r) => (r.finished_at ? formatDateTime(r.finished_at) : '运行中') },
  { prop: 'sent', label: '已发送', width: 90, align: 'right', text: (r) => String(r.sent) },
  { prop: 'failed', label: '失败', width: 90, align: 'right', text: (r) => String(r.failed) },
]

export function pauseQuestion(job: Job): string {
  return `确定暂停“${job.label}”吗？暂停后不再按时执行，直到恢复；立即执行不受影响。`
}
export const RUN_QUESTION = '立即向今天逾期的项目负责人发送提醒短信？同一事项每天至多一条'

export function useJobs() {
  const jobs = ref<Job[]>([])
  const jobsLoading = ref(false)
  /** `name:action` of the action in flight (its button spins). */
  const busy = ref<string | null>(null)

  const runs = useListPage({
    filters: { job: DEFAULT_JOB },
    fetch: (query) => listJobRuns(query.job || DEFAULT_JOB, { page: query.page, page_size: query.page_size }),
  })
  /** The job whose runs are listed. */
  const shown = computed(() => jobs.value.find((j) => j.name === (runs.form.job || DEFAULT_JOB)) ?? null)

  async function loadJobs() {
    jobsLoading.value = true
    try {
      jobs.value = (await listJobs()).items
    } catch {
      // shown by the request module
    } finally {
      jobsLoading.value = false
    }
  }

  function replace(job: Job) {
    jobs.value = jobs.value.map((j) => (j.name === job.name ? job : j))
  }

  /** Lists the runs of `job` (from its card). */
  function showRuns(job: Job) {
    runs.form.job = job.name
    runs.search()
  }

  async function act(job: Job, action: 'run' | 'pause' | 'resume', work: () => Promise<void>) {
    busy.value = `${job.name}:${action}`
    try {
      await work()
    } catch {
      // shown by the request module
    } finally {
      busy.value = null
    }
    if (runs.form.job !== job.name) showRuns(job)
    else await runs.load()
  }

  async function runNow(job: Job) {
    if (!(await confirmAction(RUN_QUESTION, '立即执行'))) return
    await act(job, 'run', async () => {
      const answer = await runJob(job.name)
      replace(answer.job)
      const message = `已发送 ${answer.sent} 条，失败 ${answer.failed} 条`
      if (answer.failed > 0) ElMessage.warning(message)
      else ElMessage.success(message)
    })
  }

  async function pause(job: Job) {
    if (!(await confirmAction(pauseQuestion(job), '暂停'))) return
    await act(job, 'pause', async () => {
      replace(await pauseJob(job.name))
      ElMessage.success(`“${job.label}”已暂停`)
    })
  }

  async function resume(job: Job) {
    await act(job, 'resume', async () => {
      replace(await resumeJob(job.name))
      ElMessage.success(`“${job.label}”已恢复`)
    })
  }

  /** 刷新: the jobs and the runs. */
  async function reload() {
    await Promise.all([loadJobs(), runs.load()])
  }

  onMounted(loadJobs)

  return { jobs, jobsLoading, busy, runs, shown, showRuns, runNow, pause, resume, reload }
}
