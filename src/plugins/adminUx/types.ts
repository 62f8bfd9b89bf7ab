export type AdminUxPluginOptions = {
  /** Off leaves Payload's own dashboard, menu and graphics (no schema is involved either way). */
  enabled?: boolean
}
