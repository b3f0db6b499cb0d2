// A clock ticking every second, for ages that must visibly count up (heartbeats). The shared
// useNow ticks every 10 s, which is too coarse to show a heartbeat arriving.
import { onScopeDispose, ref, type Ref } from 'vue'

export function useSecondClock(): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), 1000)
  onScopeDispose(() => clearInterval(timer))
  return now
}
