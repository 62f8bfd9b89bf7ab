import type { Schedule } from '../wiring'

/**
 * Invoices at 00:10 WIB for customers whose billing day has come; isolir of customers past the grace
 * period at 01:00; anything the routers still owe every five minutes; the router-vs-database check
 * at 06:00; payment reminders (H-3, H-1, H+1) at 09:00.
 */
export const BILLING_SCHEDULES: Schedule[] = [
  { name: 'generate-invoices', cron: '10 0 * * *', task: 'generateInvoices' },
  { name: 'suspend-overdue', cron: '0 1 * * *', task: 'suspendOverdue' },
  { name: 'apply-network-actions', cron: '*/5 * * * *', task: 'applyNetworkActions' },
  { name: 'check-router-state', cron: '0 6 * * *', task: 'checkRouterState' },
  { name: 'payment-reminders', cron: '0 9 * * *', task: 'sendPaymentReminders' },
]
