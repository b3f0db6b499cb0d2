import type { ComputedRef, InjectionKey } from 'vue'

/** The editor's translated problems of each node, by node key, for the nodes to show. */
export const NODE_PROBLEMS: InjectionKey<ComputedRef<Record<string, string[]>>> = Symbol('node-problems')
