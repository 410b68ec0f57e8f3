// What every 监督信息登记 dialog with a 结论 shares (季度评价, 竣工评价), on top of useRecordAction: 结论
// preselected with the server's suggested grade (the authority confirms or changes it, SPEC §3.4), and a
// confirmation that names the suggestion when the choice differs.
import type { Id } from '@/api/auth'
import { gradeLabel, type Grade } from '@/utils/dict'
import { useRecordAction } from '@/utils/useRecordAction'

/** A record registered with a 结论: its version and the grade its score suggests. */
export interface GradedRecord {
  id: Id
  version: number
  grade: Grade | null
  grade_label: string | null
}

export interface GradedRegistration<D extends GradedRecord, F extends { conclusion: Grade | '' }> {
  /** The form as a new dialog starts it (结论 empty until the record is loaded). */
  empty: () => F
  load: (id: Id) => Promise<D>
  /** The confirmation question; `conclusion` reads like 结论“优良”（建议等级为“合格”）. */
  question: (record: D, conclusion: string) => string
  submit: (record: D, form: Omit<F, 'conclusion'> & { conclusion: Grade }) => Promise<unknown>
  success: (record: D) => string
  onDone: () => void
}

export function useGradedRegistration<D extends GradedRecord, F extends { conclusion: Grade | '' }>(o: GradedRegistration<D, F>) {
  const action = useRecordAction<D, F>({
    empty: o.empty,
    load: o.load,
    prepare: (d, form) => {
      form.conclusion = d.grade ?? ''
    },
    onDone: o.onDone,
  })
  const { form } = action

  async function register() {
    await action.run('register', {
      question: (d) => {
        const changed = d.grade && form.conclusion !== d.grade ? `（建议等级为“${d.grade_label}”）` : ''
        return o.question(d, `结论“${gradeLabel(form.conclusion)}”${changed}`)
      },
      confirmText: '登记',
      send: (d) => o.submit(d, form as Omit<F, 'conclusion'> & { conclusion: Grade }),
      success: (_answer, d) => o.success(d),
    })
  }

  return { ...action, detail: action.record, register }
}
