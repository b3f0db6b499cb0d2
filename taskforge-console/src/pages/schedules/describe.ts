// How a schedule's timing and target read in lists.
import type { Schedule } from '@/api/types'
import { describeSeconds } from './timing'

type T = (key: string, values?: Record<string, unknown>) => string

export function timingText(s: Schedule, t: T): string {
  if (s.intervalSeconds) return t('schedules.every', { d: describeSeconds(s.intervalSeconds) })
  return `${s.cron ?? ''}${s.timeZone && s.timeZone !== 'UTC' ? ` (${s.timeZone})` : ''}`
}

export function targetText(s: Schedule, t: T): string {
  if (s.task) return t('schedules.target.task', { type: s.task.type })
  if (s.script) return t('schedules.target.script', { name: s.script.name })
  if (s.pipeline) return t('schedules.target.pipeline', { name: s.pipeline.name })
  return ''
}
