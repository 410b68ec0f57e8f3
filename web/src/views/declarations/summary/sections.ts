// The later parts of 综合信息 (monthly scores and trend, quarters, completion, suspensions, termination,
// spot-checks): each workflow adds its entry here once the server fills `summary.sections[key]`.
// A section is rendered only when the server's answer carries its key.
import type { Component } from 'vue'

export interface SummarySection {
  /** The key in `GET /api/declarations/{id}/summary` → `sections`. */
  key: string
  title: string
  /** Receives the section's data as the prop `data`. */
  component: () => Promise<Component>
}

export const SUMMARY_SECTIONS: SummarySection[] = [
  { key: 'monthly', title: '月度评价', component: () => import('./MonthlySection.vue') },
  { key: 'quarterly', title: '季度评价', component: () => import('./QuarterlySection.vue') },
  { key: 'completion', title: '竣工评价', component: () => import('./CompletionSection.vue') },
  { key: 'suspensions', title: '中止/恢复', component: () => import('./SuspensionSection.vue') },
  { key: 'termination', title: '终止', component: () => import('./TerminationSection.vue') },
  { key: 'spot_checks', title: '抽查比对', component: () => import('./SpotCheckSection.vue') },
]
