// The tenant's tags, for pickers and for colouring tag chips.
import { computed } from 'vue'
import { get } from '@/api/http'
import type { Items, Tag } from '@/api/types'
import { useLoader } from '@/composables/useLoader'

export function useTagList() {
  const loader = useLoader((signal) => get<Items<Tag>>('/tags', undefined, signal))
  const tags = computed(() => loader.data.value?.items ?? [])
  const colors = computed(() => new Map(tags.value.map((t) => [t.name, t.color])))
  const options = computed(() => tags.value.map((t) => ({ label: t.name, value: t.name })))
  return { ...loader, tags, colors, options }
}
