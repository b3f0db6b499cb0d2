import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { runBulk } from './bulk'

describe('runBulk', () => {
  it('runs every id and reports each failure with the server\'s words, in the given order', async () => {
    const seen: string[] = []
    const outcome = await runBulk(['a', 'b', 'c', 'd', 'e'], async (id) => {
      seen.push(id)
      await new Promise((r) => setTimeout(r, id === 'a' ? 5 : 0))
      if (id === 'b') throw new ApiError(409, 'Conflict', { detail: 'task b has already finished' })
      if (id === 'd') throw new Error('network down')
    }, 2)
    expect([...seen].sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(outcome.succeeded).toEqual(['a', 'c', 'e'])
    expect(outcome.failed).toEqual([
      { id: 'b', status: 409, message: 'task b has already finished' },
      { id: 'd', status: 0, message: 'network down' },
    ])
  })

  it('never runs more than the allowed number at once', async () => {
    let running = 0
    let most = 0
    await runBulk(['1', '2', '3', '4', '5', '6', '7'], async () => {
      running++
      most = Math.max(most, running)
      await new Promise((r) => setTimeout(r, 1))
      running--
    }, 3)
    expect(most).toBe(3)
  })

  it('does nothing for no ids', async () => {
    expect(await runBulk([], async () => {})).toEqual({ succeeded: [], failed: [] })
  })
})
