import { describe, expect, it } from 'vitest'
import { fixCardHeadings, labelSelectionBoxes, watchCardHeadings } from './a11y'

const card = () => {
  const el = document.createElement('div')
  el.className = 'n-card'
  el.innerHTML = '<div class="n-card-header" role="heading"><div class="n-card-header__main" role="heading">Title</div></div>'
  return el
}

describe('card headings', () => {
  it('leave one level-2 heading per card title', () => {
    const root = document.createElement('div')
    root.appendChild(card())
    fixCardHeadings(root)
    const headings = root.querySelectorAll('[role="heading"]')
    expect(headings).toHaveLength(1)
    expect(headings[0].getAttribute('aria-level')).toBe('2')
    expect(headings[0].textContent).toBe('Title')
  })

  it('are fixed in cards added later', async () => {
    const root = document.createElement('div')
    document.body.appendChild(root)
    const observer = watchCardHeadings(root)
    root.appendChild(card())
    await new Promise((r) => setTimeout(r, 0))
    expect(root.querySelector('.n-card-header__main')?.getAttribute('aria-level')).toBe('2')
    observer.disconnect()
  })
})

describe('data-table selection boxes', () => {
  const table = () => {
    const el = document.createElement('div')
    el.className = 'n-data-table'
    el.innerHTML =
      '<table><thead><tr><th class="n-data-table-th"><div class="n-checkbox" role="checkbox"></div></th></tr></thead>' +
      '<tbody><tr><td class="n-data-table-td"><div class="n-checkbox" role="checkbox"></div></td></tr></tbody></table>'
    return el
  }

  it('get a name: select all in the header, select this row in a row', () => {
    const root = document.createElement('div')
    root.appendChild(table())
    labelSelectionBoxes(root)
    const boxes = root.querySelectorAll('[role="checkbox"]')
    expect(boxes[0].getAttribute('aria-label')).toBe('Select all rows')
    expect(boxes[1].getAttribute('aria-label')).toBe('Select this row')
  })

  it('added later are named too', async () => {
    const root = document.createElement('div')
    document.body.appendChild(root)
    const observer = watchCardHeadings(root)
    root.appendChild(table())
    await new Promise((r) => setTimeout(r, 0))
    expect(root.querySelector('td [role="checkbox"]')?.getAttribute('aria-label')).toBe('Select this row')
    observer.disconnect()
  })
})
