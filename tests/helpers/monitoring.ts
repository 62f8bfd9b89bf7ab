/** Credentials the test server accepts for the monitoring push endpoints. */
export const TEST_MONITORING = {
  zabbixToken: 'uji-zabbix-token-1234567890',
  alertmanagerToken: 'uji-alertmanager-token-1234567890',
  genericToken: 'uji-generic-token-1234567890',
  webhookSecret: 'uji-hmac-secret-1234567890',
}

export const monitoringEnv = {
  MONITORING_ZABBIX_TOKEN: TEST_MONITORING.zabbixToken,
  MONITORING_ALERTMANAGER_TOKEN: TEST_MONITORING.alertmanagerToken,
  MONITORING_GENERIC_TOKEN: TEST_MONITORING.genericToken,
  MONITORING_WEBHOOK_SECRET: TEST_MONITORING.webhookSecret,
}
