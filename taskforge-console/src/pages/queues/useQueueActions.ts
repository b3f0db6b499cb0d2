// The queue actions shared by the list and the detail page, each confirmed and reported.
// Pausing and limits are server-wide settings (superadmins only); replaying dead letters is
// the project's (operators).
import { useI18n } from 'vue-i18n'
import { useDialog, useMessage } from 'naive-ui'
import { ApiError, patch, post } from '@/api/http'
import type { Queue, QueuePatch } from '@/api/types'

function problemText(e: unknown, fallback: string): string {
  if (e instanceof ApiError) return e.detail ? `${e.title}: ${e.detail}` : e.title
  return e instanceof Error ? e.message : fallback
}

export function useQueueActions(afterChange: () => void) {
  const { t } = useI18n()
  const dialog = useDialog()
  const message = useMessage()

  async function update(name: string, change: QueuePatch): Promise<Queue> {
    return patch<Queue>(`/queues/${encodeURIComponent(name)}`, change)
  }

  function pause(q: Pick<Queue, 'name'>) {
    dialog.warning({
      title: t('queues.pauseTitle', { name: q.name }),
      content: t('queues.pauseConfirm'),
      positiveText: t('queues.pause'),
      negativeText: t('action.cancel'),
      positiveButtonProps: { 'data-testid': 'confirm-pause' } as Record<string, unknown>,
      onPositiveClick: async () => {
        try {
          await update(q.name, { paused: true })
          message.success(t('queues.paused', { name: q.name }))
          afterChange()
        } catch (e) {
          message.error(problemText(e, t('state.error')))
        }
      },
    })
  }

  async function resume(q: Pick<Queue, 'name'>) {
    try {
      await update(q.name, { paused: false })
      message.success(t('queues.resumed', { name: q.name }))
      afterChange()
    } catch (e) {
      message.error(problemText(e, t('state.error')))
    }
  }

  function retryFailed(q: Pick<Queue, 'name' | 'failed'>) {
    dialog.warning({
      title: t('queues.retryAllTitle', { name: q.name }),
      content: t('queues.retryAllConfirm', { n: q.failed }),
      positiveText: t('queues.retryAll'),
      negativeText: t('action.cancel'),
      positiveButtonProps: { 'data-testid': 'confirm-retry-all' } as Record<string, unknown>,
      onPositiveClick: async () => {
        try {
          const r = await post<{ retried: number }>(`/queues/${encodeURIComponent(q.name)}/retry-failed`)
          message.success(t('queues.retriedN', { n: r.retried }))
          afterChange()
        } catch (e) {
          message.error(problemText(e, t('state.error')))
        }
      },
    })
  }

  return { update, pause, resume, retryFailed, problemText }
}
