import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'pollPrtg' BEFORE 'snapshotMrr';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'reconcileZabbix' BEFORE 'snapshotMrr';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'pollPrtg' BEFORE 'snapshotMrr';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'reconcileZabbix' BEFORE 'snapshotMrr';
  ALTER TABLE "monitoring_settings" ADD COLUMN "prtg_enabled" boolean DEFAULT false;
  ALTER TABLE "monitoring_settings" ADD COLUMN "prtg_url" varchar;
  ALTER TABLE "monitoring_settings" ADD COLUMN "zabbix_enabled" boolean DEFAULT false;
  ALTER TABLE "monitoring_settings" ADD COLUMN "zabbix_url" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'correlateOutages', 'pollRouters', 'snapshotMrr', 'sendNotification');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'correlateOutages', 'pollRouters', 'snapshotMrr', 'sendNotification');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "monitoring_settings" DROP COLUMN "prtg_enabled";
  ALTER TABLE "monitoring_settings" DROP COLUMN "prtg_url";
  ALTER TABLE "monitoring_settings" DROP COLUMN "zabbix_enabled";
  ALTER TABLE "monitoring_settings" DROP COLUMN "zabbix_url";`)
}
