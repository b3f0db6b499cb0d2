// Which running tasks belong to which worker. The worker list is cluster-wide while task lists
// are per project, so a worker may run tasks this project cannot see: those are only counted.
import type { Task, Worker, WorkerStatus } from '@/api/types'

export interface WorkerTasks {
  /** The worker's running tasks visible in this project, oldest start first. */
  tasks: Task[]
  /** Running tasks of the worker that belong to other projects. */
  hidden: number
}

export function tasksByWorker(workers: readonly Worker[], running: readonly Task[]): Map<string, WorkerTasks> {
  const byId = new Map<string, Task[]>()
  for (const task of running) {
    if (!task.workerId) continue
    const list = byId.get(task.workerId) ?? []
    list.push(task)
    byId.set(task.workerId, list)
  }
  const out = new Map<string, WorkerTasks>()
  for (const w of workers) {
    const tasks = (byId.get(w.id) ?? []).sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''))
    const visible = new Set(tasks.map((t) => t.id))
    const hidden = (w.runningTaskIds ?? []).filter((id) => !visible.has(id)).length
    out.set(w.id, { tasks, hidden })
  }
  return out
}

const ORDER: Record<WorkerStatus, number> = { ACTIVE: 0, LOST: 1, STOPPED: 2 }

/** Active workers first, then lost, then stopped; by host and id within each. */
export function sortWorkers(workers: readonly Worker[]): Worker[] {
  return [...workers].sort(
    (a, b) => (ORDER[a.status] ?? 3) - (ORDER[b.status] ?? 3) || a.host.localeCompare(b.host) || a.id.localeCompare(b.id),
  )
}

export interface WorkerTotals {
  active: number
  lost: number
  stopped: number
  /** Slots of active workers. */
  slots: number
  busy: number
}

export function workerTotals(workers: readonly Worker[]): WorkerTotals {
  const t: WorkerTotals = { active: 0, lost: 0, stopped: 0, slots: 0, busy: 0 }
  for (const w of workers) {
    if (w.status === 'ACTIVE') {
      t.active++
      t.slots += w.concurrency
      t.busy += w.busy
    } else if (w.status === 'LOST') t.lost++
    else t.stopped++
  }
  return t
}
