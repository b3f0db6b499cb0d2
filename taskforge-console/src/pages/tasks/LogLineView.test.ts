import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import LogLineView from './LogLineView.vue'
import { LogBuffer } from './log-lines'

function viewLine(text: string) {
  const b = new LogBuffer()
  b.add([{ seq: 1, at: '2026-05-01T10:00:00.000Z', attempt: 1, stream: 'stderr', line: text }])
  return b.lines[0]
}

describe('LogLineView', () => {
  it('renders colours as classes and true colours as styles', () => {
    const w = mount(LogLineView, { props: { line: viewLine('\x1b[1;31mbad\x1b[0m \x1b[38;2;1;2;3mrgb'), query: '', showTime: false, current: false } })
    const spans = w.findAll('.tf-log-text span')
    expect(spans[0].text()).toBe('bad')
    expect(spans[0].classes()).toEqual(expect.arrayContaining(['ansi-fg-c1', 'ansi-bold']))
    expect(spans[2].attributes('style')).toContain('color: rgb(1, 2, 3)')
    expect(w.classes()).toContain('s-stderr')
  })

  it('shows markup in a log line as text, never as HTML', () => {
    const w = mount(LogLineView, { props: { line: viewLine('<img src=x onerror=alert(1)><b>bold</b>'), query: '', showTime: false, current: false } })
    expect(w.find('img').exists()).toBe(false)
    expect(w.find('b').exists()).toBe(false)
    expect(w.text()).toBe('<img src=x onerror=alert(1)><b>bold</b>')
  })

  it('marks search matches', () => {
    const w = mount(LogLineView, { props: { line: viewLine('Error: disk error'), query: 'error', showTime: false, current: true } })
    expect(w.findAll('mark').map((m) => m.text())).toEqual(['Error', 'error'])
    expect(w.classes()).toContain('current')
  })
})
