import { onScopeDispose, ref, type Ref } from 'vue'

// One shared clock ticking every 10 s while any component uses it.
const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

export function useNow(): Ref<number> {
  if (users++ === 0) {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), 10_000)
  }
  onScopeDispose(() => {
    if (--users === 0 && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  })
  return now
}
