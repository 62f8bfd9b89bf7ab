/**
 * The monitoring plugin's schedules, for the scheduler (node-cron, Asia/Jakarta). The correlator
 * runs every 30 s: two schedules, at second 0 and second 30 of each minute, since a schedule's
 * once-per-slot marker is per minute.
 */
export const MONITORING_SCHEDULES = [
  { name: 'monitoring-correlate', cron: '0 * * * * *', task: 'correlateOutages' },
  { name: 'monitoring-correlate-half', cron: '30 * * * * *', task: 'correlateOutages' },
  { name: 'monitoring-poll-routers', cron: '15 * * * * *', task: 'pollRouters' },
  { name: 'monitoring-poll-prtg', cron: '45 * * * * *', task: 'pollPrtg' },
  { name: 'monitoring-reconcile-zabbix', cron: '20 */5 * * * *', task: 'reconcileZabbix' },
] as const
