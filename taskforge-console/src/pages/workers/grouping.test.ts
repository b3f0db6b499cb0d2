import { describe, expect, it } from 'vitest'
import type { Task, Worker } from '@/api/types'
import { sortWorkers, tasksByWorker, workerTotals } from './grouping'

function worker(id: string, over: Partial<Worker> = {}): Worker {
  return {
    id,
    host: 'h',
    pid: 1,
    queues: ['default'],
    concurrency: 4,
    busy: 0,
    startedAt: '2026-11-23T10:00:00Z',
    lastHeartbeatAt: '2026-11-23T10:00:00Z',
    status: 'ACTIVE',
    runningTaskIds: [],
    ...over,
  }
}
function task(id: string, workerId: string | null, startedAt: string): Task {
  return { id, workerId, startedAt, status: 'RUNNING' } as Task
}

describe('tasksByWorker', () => {
  it('groups running tasks by worker, oldest first, and counts those of other projects', () => {
    const workers = [worker('w1', { runningTaskIds: ['a', 'b', 'x'] }), worker('w2')]
    const running = [task('b', 'w1', '2026-11-23T10:00:05Z'), task('a', 'w1', '2026-11-23T10:00:01Z'), task('c', null, '2026-11-23T10:00:00Z')]
    const map = tasksByWorker(workers, running)
    expect(map.get('w1')!.tasks.map((t) => t.id)).toEqual(['a', 'b'])
    expect(map.get('w1')!.hidden).toBe(1)
    expect(map.get('w2')).toEqual({ tasks: [], hidden: 0 })
  })
})

describe('sortWorkers and workerTotals', () => {
  const list = [
    worker('s', { status: 'STOPPED', concurrency: 8 }),
    worker('b', { host: 'b', busy: 2 }),
    worker('l', { status: 'LOST' }),
    worker('a', { host: 'a', busy: 1, concurrency: 2 }),
  ]
  it('puts active workers first', () => {
    expect(sortWorkers(list).map((w) => w.id)).toEqual(['a', 'b', 'l', 's'])
  })
  it('counts slots of active workers only', () => {
    expect(workerTotals(list)).toEqual({ active: 2, lost: 1, stopped: 1, slots: 6, busy: 3 })
  })
})
