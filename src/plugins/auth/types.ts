export type AuthPluginOptions = {
  /**
   * Switched off, the throttle table and the reset task stay (same schema) but no hook, endpoint or
   * mutation is added: sign-in is Payload's own. Default true.
   */
  enabled?: boolean
}
