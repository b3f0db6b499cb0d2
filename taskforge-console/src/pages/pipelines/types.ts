// What the pipeline pages read from the API beyond the shared types.
import type { Pipeline } from '@/api/types'
import type { PipelineDefinition } from './definition'

/** A pipeline whose definition is read as one. */
export type StoredPipeline = Omit<Pipeline, 'definition' | 'versions'> & {
  definition: PipelineDefinition
  /** Only on GET /pipelines/{ref}. */
  versions?: Pipeline['versions'] | null
}
