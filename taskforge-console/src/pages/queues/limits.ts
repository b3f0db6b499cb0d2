// The limits form <-> PATCH /queues/{name}: an empty field or 0 means "no limit" (null), as the
// server reads it; bounds are checked here first so the common mistakes need no round trip.
import type { Queue, QueuePatch } from '@/api/types'

export const MAX_LIMIT = 100_000

export interface LimitsForm {
  concurrencyLimit: number | null
  ratePerSecond: number | null
}

export function formFromQueue(q: Pick<Queue, 'concurrencyLimit' | 'ratePerSecond'>): LimitsForm {
  return { concurrencyLimit: q.concurrencyLimit ?? null, ratePerSecond: q.ratePerSecond ?? null }
}

/** Field -> message key (with params) for values the server would refuse. */
export function checkLimits(form: LimitsForm): Record<string, [string, Record<string, number>]> {
  const errors: Record<string, [string, Record<string, number>]> = {}
  const c = form.concurrencyLimit
  if (c !== null && (!Number.isInteger(c) || c < 0 || c > MAX_LIMIT)) errors.concurrencyLimit = ['queues.limits.intRange', { max: MAX_LIMIT }]
  const r = form.ratePerSecond
  if (r !== null && (!Number.isFinite(r) || r < 0 || r > MAX_LIMIT)) errors.ratePerSecond = ['queues.limits.range', { max: MAX_LIMIT }]
  return errors
}

/** The PATCH body: both fields always, null for "no limit". */
export function patchFromForm(form: LimitsForm): QueuePatch {
  return {
    concurrencyLimit: form.concurrencyLimit ? form.concurrencyLimit : null,
    ratePerSecond: form.ratePerSecond ? form.ratePerSecond : null,
  }
}
