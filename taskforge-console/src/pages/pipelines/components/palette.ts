export interface PaletteItem {
  type: string
  /** The stored script, for a script step. */
  script?: string
}

/** The drag data type the graph accepts from the palette. */
export const PALETTE_MIME = 'application/x-taskforge-step'
