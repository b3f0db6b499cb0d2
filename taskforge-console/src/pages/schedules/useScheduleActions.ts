// Pause, resume, fire now and delete, with their confirmations and messages, for the list and the
// detail page alike. Each resolves with the changed schedule (null after a delete).
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useDialog, useMessage } from 'naive-ui'
import { ApiError, del, post } from '@/api/http'
import type { Schedule, ScheduleFire } from '@/api/types'

export function useScheduleActions(onChange: (s: Schedule | null, fire?: ScheduleFire) => void) {
  const { t } = useI18n()
  const message = useMessage()
  const dialog = useDialog()
  const busy = ref<string | null>(null)
  const path = (s: Schedule) => `/schedules/${encodeURIComponent(s.id)}`

  async function run<T>(s: Schedule, what: string, call: () => Promise<T>): Promise<T | undefined> {
    busy.value = `${s.id}:${what}`
    try {
      return await call()
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      message.error(e.detail ?? e.title)
      return undefined
    } finally {
      busy.value = null
    }
  }

  async function pause(s: Schedule) {
    const changed = await run(s, 'pause', () => post<Schedule>(`${path(s)}/pause`))
    if (changed) {
      message.success(t('schedules.pausedDone'))
      onChange(changed)
    }
  }
  async function resume(s: Schedule) {
    const changed = await run(s, 'resume', () => post<Schedule>(`${path(s)}/resume`))
    if (changed) {
      message.success(t('schedules.resumed'))
      onChange(changed)
    }
  }
  async function trigger(s: Schedule) {
    const fire = await run(s, 'trigger', () => post<ScheduleFire>(`${path(s)}/trigger`))
    if (fire) {
      const text = t('schedules.triggered', { outcome: fire.outcome })
      if (fire.outcome === 'FAILED') message.warning(`${text}: ${fire.error ?? ''}`)
      else message.success(text)
      onChange(s, fire)
    }
  }
  function remove(s: Schedule) {
    dialog.warning({
      title: t('schedules.action.delete'),
      content: t('schedules.confirmDelete', { name: s.name }),
      positiveText: t('action.delete'),
      negativeText: t('action.cancel'),
      onPositiveClick: async () => {
        const done = await run(s, 'delete', () => del(path(s)).then(() => true))
        if (done) {
          message.success(t('schedules.deleted'))
          onChange(null)
        }
      },
    })
  }
  return { busy, pause, resume, trigger, remove }
}
