// v-card-table: on a phone (styles/phone.css, under 768 px) an el-table is shown as a list of cards — one card per
// row, one line per cell with its column's header as the label — instead of a table scrolled sideways. The desktop
// table is untouched. The directive marks the table and copies each column's header text to its body cells
// (data-label), again whenever rows are rendered; the 序号 column and empty cells are left out of the cards, the
// 操作 column is the card's footer, and the column named by `title` (e.g. 工程名称) heads the card unlabelled.
import type { ObjectDirective } from 'vue'

export interface CardTableOptions {
  /** The header of the column shown as the card's title. */
  title?: string
}

type Marked = HTMLElement & { _cardTable?: { observer: MutationObserver; options: CardTableOptions; queued: boolean } }

/** Columns that are not shown as a labelled line. */
const ROLES: Record<string, string> = { 序号: 'index', 操作: 'actions', '': 'bare' }

function label(el: Marked) {
  const state = el._cardTable
  if (!state) return
  state.queued = false
  const headerRows = el.querySelectorAll<HTMLTableRowElement>('.el-table__header-wrapper thead tr')
  const lastRow = headerRows[headerRows.length - 1]
  if (!lastRow) return
  const labels = Array.from(lastRow.cells).map((th) => (th.textContent ?? '').trim())
  for (const row of el.querySelectorAll<HTMLTableRowElement>('.el-table__body-wrapper tr.el-table__row')) {
    Array.from(row.cells).forEach((td, i) => {
      const text = labels[i] ?? ''
      if (td.dataset.label !== text) td.dataset.label = text
      const role = state.options.title && text === state.options.title ? 'title' : ROLES[text]
      if (role) td.dataset.card = role
      else delete td.dataset.card
      // An empty cell (no 逾期) is no line of the card.
      const empty = !role && (td.textContent ?? '').trim() === '' && !td.querySelector('button, input, img, svg, canvas')
      if (empty) td.dataset.cardEmpty = ''
      else delete td.dataset.cardEmpty
    })
  }
}

function queue(el: Marked) {
  const state = el._cardTable
  if (!state || state.queued) return
  state.queued = true
  queueMicrotask(() => label(el))
}

export const vCardTable: ObjectDirective<HTMLElement, CardTableOptions | undefined> = {
  mounted(el: Marked, binding) {
    // An attribute, not a class: the table's own re-renders set its class list anew.
    el.setAttribute('data-card-table', '')
    const observer = new MutationObserver(() => queue(el))
    el._cardTable = { observer, options: binding.value ?? {}, queued: false }
    // Rows come and go (a page, a filter): their cells are labelled as they are rendered.
    observer.observe(el, { childList: true, characterData: true, subtree: true })
    label(el)
  },
  updated(el: Marked, binding) {
    if (el._cardTable) el._cardTable.options = binding.value ?? {}
    queue(el)
  },
  unmounted(el: Marked) {
    el._cardTable?.observer.disconnect()
    delete el._cardTable
  },
}
