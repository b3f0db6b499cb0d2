// Naive UI's card header is `role="heading"` twice (the header and its title inside) and without
// `aria-level`, which screen readers read as a broken heading (Lighthouse: aria-required-attr).
// Until the library fixes it, the outer one is made presentational and the title a level-2
// heading (page titles are h1). Only added nodes are looked at, so the cost stays small.
import { i18n } from './i18n'

const OUTER = '.n-card-header[role="heading"]'
const TITLE = '.n-card-header__main[role="heading"]:not([aria-level])'

export function fixCardHeadings(root: ParentNode): void {
  root.querySelectorAll(OUTER).forEach((el) => el.setAttribute('role', 'none'))
  root.querySelectorAll(TITLE).forEach((el) => el.setAttribute('aria-level', '2'))
}

// Naive's data-table selection checkboxes are role="checkbox" with no name (Lighthouse:
// aria-toggle-field-name): a screen reader says only "checkbox". They get one, in the page's language.
const SELECT_ALL = '.n-data-table-th .n-checkbox[role="checkbox"]:not([aria-label])'
const SELECT_ROW = '.n-data-table-td .n-checkbox[role="checkbox"]:not([aria-label])'

export function labelSelectionBoxes(root: ParentNode): void {
  const t = i18n.global.t as (key: string) => string
  root.querySelectorAll(SELECT_ALL).forEach((el) => el.setAttribute('aria-label', t('shell.selectAllRows')))
  root.querySelectorAll(SELECT_ROW).forEach((el) => el.setAttribute('aria-label', t('shell.selectRow')))
}

export function watchCardHeadings(root: HTMLElement = document.body): MutationObserver {
  fixCardHeadings(root)
  labelSelectionBoxes(root)
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      m.addedNodes.forEach((node) => {
        if (node instanceof HTMLElement && (node.matches('.n-card, .n-card *') || node.querySelector('.n-card-header'))) {
          fixCardHeadings(node.parentElement ?? node)
        }
        if (node instanceof HTMLElement && (node.matches('.n-data-table *') || node.querySelector('.n-checkbox'))) {
          labelSelectionBoxes(node.parentElement ?? node)
        }
      })
    }
  })
  observer.observe(root, { childList: true, subtree: true })
  return observer
}
