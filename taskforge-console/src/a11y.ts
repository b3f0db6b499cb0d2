// Naive UI's card header is `role="heading"` twice (the header and its title inside) and without
// `aria-level`, which screen readers read as a broken heading (Lighthouse: aria-required-attr).
// Until the library fixes it, the outer one is made presentational and the title a level-2
// heading (page titles are h1). Only added nodes are looked at, so the cost stays small.
const OUTER = '.n-card-header[role="heading"]'
const TITLE = '.n-card-header__main[role="heading"]:not([aria-level])'

export function fixCardHeadings(root: ParentNode): void {
  root.querySelectorAll(OUTER).forEach((el) => el.setAttribute('role', 'none'))
  root.querySelectorAll(TITLE).forEach((el) => el.setAttribute('aria-level', '2'))
}

export function watchCardHeadings(root: HTMLElement = document.body): MutationObserver {
  fixCardHeadings(root)
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      m.addedNodes.forEach((node) => {
        if (node instanceof HTMLElement && (node.matches('.n-card, .n-card *') || node.querySelector('.n-card-header'))) {
          fixCardHeadings(node.parentElement ?? node)
        }
      })
    }
  })
  observer.observe(root, { childList: true, subtree: true })
  return observer
}
