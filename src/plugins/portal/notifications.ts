import type { TriggerDefinition } from '../notifications/types'

/** The trigger (and template key) of the WhatsApp one-time code. Template variable: kode. */
export const PORTAL_TRIGGERS: TriggerDefinition[] = [
  { name: 'login_code', label: { en: 'Portal sign-in code', id: 'Kode masuk portal' } },
]
