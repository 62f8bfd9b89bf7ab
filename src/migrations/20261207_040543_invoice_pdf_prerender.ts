import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'prerenderInvoicePdf' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'prerenderInvoicePdf' BEFORE 'backup';`)
  // One pre-render job per invoice version, whoever queues it. The predicate is on the input's own
  // key (the enum value added above cannot be used in this transaction, nor cast in an index).
  await db.execute(sql`
  CREATE UNIQUE INDEX "payload_jobs_invoice_pdf_once" ON "payload_jobs" ((input->>'invoice'), (input->>'invoiceUpdatedAt'))
    WHERE input ? 'invoiceUpdatedAt';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "payload_jobs_invoice_pdf_once";
  DELETE FROM "payload_jobs" WHERE task_slug::text = 'prerenderInvoicePdf';
  DELETE FROM "payload_jobs_log" WHERE task_slug::text = 'prerenderInvoicePdf';
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'correlateOutages', 'pollRouters', 'snapshotMrr', 'sendNotification');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'correlateOutages', 'pollRouters', 'snapshotMrr', 'sendNotification');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";`)
}
