import * as migration_20261127_170319_initial from './20261127_170319_initial';
import * as migration_20261127_180926_backups from './20261127_180926_backups';
import * as migration_20261127_183337_staff_alerts from './20261127_183337_staff_alerts';
import * as migration_20261127_193905_billing from './20261127_193905_billing';
import * as migration_20261127_194652_notifications from './20261127_194652_notifications';
import * as migration_20261127_201258_billing_notifications from './20261127_201258_billing_notifications';
import * as migration_20261127_204215_notifications_admin from './20261127_204215_notifications_admin';
import * as migration_20261127_212052_backups_incremental from './20261127_212052_backups_incremental';
import * as migration_20261127_213626_staff_alert_whatsapp from './20261127_213626_staff_alert_whatsapp';
import * as migration_20261127_234500_router_password_sealed from './20261127_234500_router_password_sealed';
import * as migration_20261206_215919_pay_link_cancel_and_credit from './20261206_215919_pay_link_cancel_and_credit';
import * as migration_20261206_225902_auth_throttle from './20261206_225902_auth_throttle';
import * as migration_20261207_011234_monitoring_seam from './20261207_011234_monitoring_seam';
import * as migration_20261207_011754_sec_ops from './20261207_011754_sec_ops';
import * as migration_20261207_011920_analytics from './20261207_011920_analytics';
import * as migration_20261207_012110_monitoring_correlator from './20261207_012110_monitoring_correlator';
import * as migration_20261207_012600_admin_search from './20261207_012600_admin_search';
import * as migration_20261207_014143_portal from './20261207_014143_portal';
import * as migration_20261207_040543_invoice_pdf_prerender from './20261207_040543_invoice_pdf_prerender';
import * as migration_20261207_040649_portal_requests_notices_comments from './20261207_040649_portal_requests_notices_comments';
import * as migration_20261207_040833_portal_profile_speed_tests from './20261207_040833_portal_profile_speed_tests';
import * as migration_20261207_041039_customer_import from './20261207_041039_customer_import';
import * as migration_20261207_041247_analytics_map from './20261207_041247_analytics_map';
import * as migration_20261207_043842_monitoring_sources from './20261207_043842_monitoring_sources';
import * as migration_20261207_054556_analytics_pmtiles from './20261207_054556_analytics_pmtiles';
import * as migration_20261207_073103_derived_incident_membership from './20261207_073103_derived_incident_membership';
import * as migration_20261207_143232_active_customer_counts from './20261207_143232_active_customer_counts';
import * as migration_20261207_155000_outage_placement from './20261207_155000_outage_placement';

export const migrations = [
  {
    up: migration_20261127_170319_initial.up,
    down: migration_20261127_170319_initial.down,
    name: '20261127_170319_initial',
  },
  {
    up: migration_20261127_180926_backups.up,
    down: migration_20261127_180926_backups.down,
    name: '20261127_180926_backups',
  },
  {
    up: migration_20261127_183337_staff_alerts.up,
    down: migration_20261127_183337_staff_alerts.down,
    name: '20261127_183337_staff_alerts',
  },
  {
    up: migration_20261127_193905_billing.up,
    down: migration_20261127_193905_billing.down,
    name: '20261127_193905_billing',
  },
  {
    up: migration_20261127_194652_notifications.up,
    down: migration_20261127_194652_notifications.down,
    name: '20261127_194652_notifications',
  },
  {
    up: migration_20261127_201258_billing_notifications.up,
    down: migration_20261127_201258_billing_notifications.down,
    name: '20261127_201258_billing_notifications',
  },
  {
    up: migration_20261127_204215_notifications_admin.up,
    down: migration_20261127_204215_notifications_admin.down,
    name: '20261127_204215_notifications_admin',
  },
  {
    up: migration_20261127_212052_backups_incremental.up,
    down: migration_20261127_212052_backups_incremental.down,
    name: '20261127_212052_backups_incremental',
  },
  {
    up: migration_20261127_213626_staff_alert_whatsapp.up,
    down: migration_20261127_213626_staff_alert_whatsapp.down,
    name: '20261127_213626_staff_alert_whatsapp',
  },
  {
    up: migration_20261127_234500_router_password_sealed.up,
    down: migration_20261127_234500_router_password_sealed.down,
    name: '20261127_234500_router_password_sealed',
  },
  {
    up: migration_20261206_215919_pay_link_cancel_and_credit.up,
    down: migration_20261206_215919_pay_link_cancel_and_credit.down,
    name: '20261206_215919_pay_link_cancel_and_credit',
  },
  {
    up: migration_20261206_225902_auth_throttle.up,
    down: migration_20261206_225902_auth_throttle.down,
    name: '20261206_225902_auth_throttle',
  },
  {
    up: migration_20261207_011234_monitoring_seam.up,
    down: migration_20261207_011234_monitoring_seam.down,
    name: '20261207_011234_monitoring_seam',
  },
  {
    up: migration_20261207_011754_sec_ops.up,
    down: migration_20261207_011754_sec_ops.down,
    name: '20261207_011754_sec_ops',
  },
  {
    up: migration_20261207_011920_analytics.up,
    down: migration_20261207_011920_analytics.down,
    name: '20261207_011920_analytics',
  },
  {
    up: migration_20261207_012110_monitoring_correlator.up,
    down: migration_20261207_012110_monitoring_correlator.down,
    name: '20261207_012110_monitoring_correlator',
  },
  {
    up: migration_20261207_012600_admin_search.up,
    down: migration_20261207_012600_admin_search.down,
    name: '20261207_012600_admin_search',
  },
  {
    up: migration_20261207_014143_portal.up,
    down: migration_20261207_014143_portal.down,
    name: '20261207_014143_portal',
  },
  {
    up: migration_20261207_040543_invoice_pdf_prerender.up,
    down: migration_20261207_040543_invoice_pdf_prerender.down,
    name: '20261207_040543_invoice_pdf_prerender',
  },
  {
    up: migration_20261207_040649_portal_requests_notices_comments.up,
    down: migration_20261207_040649_portal_requests_notices_comments.down,
    name: '20261207_040649_portal_requests_notices_comments',
  },
  {
    up: migration_20261207_040833_portal_profile_speed_tests.up,
    down: migration_20261207_040833_portal_profile_speed_tests.down,
    name: '20261207_040833_portal_profile_speed_tests',
  },
  {
    up: migration_20261207_041039_customer_import.up,
    down: migration_20261207_041039_customer_import.down,
    name: '20261207_041039_customer_import',
  },
  {
    up: migration_20261207_041247_analytics_map.up,
    down: migration_20261207_041247_analytics_map.down,
    name: '20261207_041247_analytics_map',
  },
  {
    up: migration_20261207_043842_monitoring_sources.up,
    down: migration_20261207_043842_monitoring_sources.down,
    name: '20261207_043842_monitoring_sources',
  },
  {
    up: migration_20261207_054556_analytics_pmtiles.up,
    down: migration_20261207_054556_analytics_pmtiles.down,
    name: '20261207_054556_analytics_pmtiles',
  },
  {
    up: migration_20261207_073103_derived_incident_membership.up,
    down: migration_20261207_073103_derived_incident_membership.down,
    name: '20261207_073103_derived_incident_membership',
  },
  {
    up: migration_20261207_143232_active_customer_counts.up,
    down: migration_20261207_143232_active_customer_counts.down,
    name: '20261207_143232_active_customer_counts',
  },
  {
    up: migration_20261207_155000_outage_placement.up,
    down: migration_20261207_155000_outage_placement.down,
    name: '20261207_155000_outage_placement',
  },
];
