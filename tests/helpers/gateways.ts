/** Gateway credentials the test server runs with (the fakes in the global setup check them). */
export const TEST_GATEWAYS = {
  midtransServerKey: 'SB-Mid-server-UJI-rahasia',
  xenditSecretKey: 'xnd_development_UJI_rahasia',
  xenditCallbackToken: 'token-callback-xendit-uji',
  routerUser: 'api-isp',
  routerPassword: 'router-rahasia',
  /** WHATSAPP_APP_SECRET of the test server: webhook bodies signed with it are Meta's. */
  whatsappAppSecret: 'whatsapp-app-secret-uji',
}
