/** Options of the billing plugin. Gateway keys and secrets come from the environment. */
export type BillingPluginOptions = {
  /**
   * When false, collections and tasks stay registered (the schema and migrations do not change)
   * but no schedule queues billing work. Default true.
   */
  enabled?: boolean
}
