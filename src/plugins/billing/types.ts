/** Options of the billing plugin. Gateway keys and secrets come from the environment. */
export type BillingPluginOptions = {
  /**
   * When false, collections and tasks stay registered (the schema and migrations do not change)
   * but billing tasks do nothing (no invoices, isolir, router work or reminders). Default true.
   */
  enabled?: boolean
}
