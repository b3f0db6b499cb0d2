// Destructive actions ask first, saying what will happen; the dialog's button spins while the
// action runs, and a failure is shown as a message rather than lost.
import { useI18n } from 'vue-i18n'
import { useDialog, useMessage } from 'naive-ui'
import { describeError } from './field-errors'

export interface ConfirmOptions {
  title: string
  content: string
  /** The confirming button's text, naming the action ("Revoke"). */
  action: string
  run: () => Promise<unknown>
  /** Shown when it worked. */
  done?: string
}

export function useConfirm(): (options: ConfirmOptions) => void {
  const dialog = useDialog()
  const message = useMessage()
  const { t } = useI18n()
  return (o) => {
    dialog.warning({
      title: o.title,
      content: o.content,
      positiveText: o.action,
      negativeText: t('action.cancel'),
      positiveButtonProps: { type: 'error' },
      autoFocus: false,
      onPositiveClick: async () => {
        try {
          await o.run()
          if (o.done) message.success(o.done)
        } catch (e) {
          message.error(describeError(e))
        }
      },
    })
  }
}
