import { describe, expect, it } from 'vitest'
import { fixCardHeadings, watchCardHeadings } from './a11y'

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
