// Runs one action over many tasks, a few at a time, and reports which ones failed and why,
// so one refused task does not hide what happened to the others.
import { ApiError } from '@/api/http'

export interface BulkFailure {
  id: string
  status: number
  message: string
}

export interface BulkOutcome {
  succeeded: string[]
  failed: BulkFailure[]
}

function describe(e: unknown): { status: number; message: string } {
  if (e instanceof ApiError) return { status: e.status, message: e.detail || e.title }
  return { status: 0, message: e instanceof Error ? e.message : String(e) }
}

/** Calls {@code action} for every id, at most {@code parallel} at once; never rejects. */
export async function runBulk(ids: readonly string[], action: (id: string) => Promise<unknown>, parallel = 4): Promise<BulkOutcome> {
  const succeeded: string[] = []
  const failed: BulkFailure[] = []
  let next = 0
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++]
      try {
        await action(id)
        succeeded.push(id)
      } catch (e) {
        failed.push({ id, ...describe(e) })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, ids.length)) }, lane))
  // Report in the order the user saw them.
  const order = new Map(ids.map((id, i) => [id, i]))
  succeeded.sort((a, b) => order.get(a)! - order.get(b)!)
  failed.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  return { succeeded, failed }
}
