import { humanizeKey } from '../../lib/format'
import { BILLING_TRIGGERS } from '../billing/notifications/triggers'
import { MONITORING_TRIGGERS } from '../monitoring/notifications'
import { CORE_TRIGGERS } from '../notifications/types'
import { PORTAL_TRIGGERS } from '../portal/notifications'

const TRIGGER_LABELS = new Map(
  [...CORE_TRIGGERS, ...BILLING_TRIGGERS, ...MONITORING_TRIGGERS, ...PORTAL_TRIGGERS].map((t) => [t.name, t.label]),
)

/** A trigger key (`invoice_issued`) as people read it, in the admin's language; unknown keys humanised. */
export function triggerLabel(key: string | null | undefined, language: string): string {
  if (!key) return '–'
  const label = TRIGGER_LABELS.get(key)
  if (label) return language === 'en' ? label.en : label.id
  return humanizeKey(key)
}
