import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_gateway_payments_status" ADD VALUE 'cancelled' BEFORE 'refunded';
  ALTER TYPE "public"."enum_gateway_events_outcome" ADD VALUE 'credited';
  ALTER TYPE "public"."enum_gateway_events_outcome" ADD VALUE 'held';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'cancelPayLinks' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'cancelPayLinks' BEFORE 'backup';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "gateway_payments" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "gateway_payments" ALTER COLUMN "status" SET DEFAULT 'pending'::text;
  DROP TYPE "public"."enum_gateway_payments_status";
  CREATE TYPE "public"."enum_gateway_payments_status" AS ENUM('pending', 'paid', 'expired', 'failed', 'refunded', 'review');
  ALTER TABLE "gateway_payments" ALTER COLUMN "status" SET DEFAULT 'pending'::"public"."enum_gateway_payments_status";
  ALTER TABLE "gateway_payments" ALTER COLUMN "status" SET DATA TYPE "public"."enum_gateway_payments_status" USING "status"::"public"."enum_gateway_payments_status";
  ALTER TABLE "gateway_events" ALTER COLUMN "outcome" SET DATA TYPE text;
  DROP TYPE "public"."enum_gateway_events_outcome";
  CREATE TYPE "public"."enum_gateway_events_outcome" AS ENUM('applied', 'ignored', 'amount_mismatch', 'unknown_order');
  ALTER TABLE "gateway_events" ALTER COLUMN "outcome" SET DATA TYPE "public"."enum_gateway_events_outcome" USING "outcome"::"public"."enum_gateway_events_outcome";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'backup', 'backupRestoreDrill', 'sendNotification');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'backup', 'backupRestoreDrill', 'sendNotification');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";`)
}
