import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_notif_pacing_daily_recipients" AS ENUM('250', '2000', '10000', '100000');
  CREATE TYPE "public"."enum_notif_invoice_issued_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_payment_received_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_payment_rejected_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_reminder_due_h3_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_reminder_due_h1_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_reminder_overdue_h1_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_suspension_notice_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_restore_notice_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'notifyInvoicesIssued' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sendPaymentReminders' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'notifyInvoicesIssued' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sendPaymentReminders' BEFORE 'backup';
  ALTER TABLE "messages" ADD COLUMN "scheduled_for" timestamp(3) with time zone;
  ALTER TABLE "notification_settings" ADD COLUMN "pacing_daily_recipients" "enum_notif_pacing_daily_recipients" DEFAULT '250';
  ALTER TABLE "notification_settings" ADD COLUMN "pacing_messages_per_second" numeric DEFAULT 80;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_invoice_issued_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_invoice_issued_channel" "enum_notif_invoice_issued_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_invoice_issued_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_payment_received_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_payment_received_channel" "enum_notif_payment_received_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_payment_received_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_payment_rejected_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_payment_rejected_channel" "enum_notif_payment_rejected_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_payment_rejected_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_due_h3_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_due_h3_channel" "enum_notif_reminder_due_h3_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_due_h3_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_due_h1_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_due_h1_channel" "enum_notif_reminder_due_h1_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_due_h1_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_overdue_h1_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_overdue_h1_channel" "enum_notif_reminder_overdue_h1_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_reminder_overdue_h1_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_suspension_notice_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_suspension_notice_channel" "enum_notif_suspension_notice_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_suspension_notice_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_restore_notice_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_restore_notice_channel" "enum_notif_restore_notice_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_restore_notice_template_id" integer;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_invoice_issued_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_invoice_issued_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_payment_received_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_payment_received_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_payment_rejected_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_payment_rejected_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_reminder_due_h3_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_reminder_due_h3_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_reminder_due_h1_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_reminder_due_h1_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_reminder_overdue_h1_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_reminder_overdue_h1_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_suspension_notice_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_suspension_notice_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_restore_notice_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_restore_notice_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "messages_scheduled_for_idx" ON "messages" USING btree ("scheduled_for");
  CREATE INDEX "notification_settings_triggers_invoice_issued_triggers_i_idx" ON "notification_settings" USING btree ("triggers_invoice_issued_template_id");
  CREATE INDEX "notification_settings_triggers_payment_received_triggers_idx" ON "notification_settings" USING btree ("triggers_payment_received_template_id");
  CREATE INDEX "notification_settings_triggers_payment_rejected_triggers_idx" ON "notification_settings" USING btree ("triggers_payment_rejected_template_id");
  CREATE INDEX "notification_settings_triggers_reminder_due_h3_triggers__idx" ON "notification_settings" USING btree ("triggers_reminder_due_h3_template_id");
  CREATE INDEX "notification_settings_triggers_reminder_due_h1_triggers__idx" ON "notification_settings" USING btree ("triggers_reminder_due_h1_template_id");
  CREATE INDEX "notification_settings_triggers_reminder_overdue_h1_trigg_idx" ON "notification_settings" USING btree ("triggers_reminder_overdue_h1_template_id");
  CREATE INDEX "notification_settings_triggers_suspension_notice_trigger_idx" ON "notification_settings" USING btree ("triggers_suspension_notice_template_id");
  CREATE INDEX "notification_settings_triggers_restore_notice_triggers_r_idx" ON "notification_settings" USING btree ("triggers_restore_notice_template_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_invoice_issued_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_payment_received_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_payment_rejected_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_reminder_due_h3_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_reminder_due_h1_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_reminder_overdue_h1_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_suspension_notice_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_restore_notice_template_id_message_templates_id_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'backup', 'backupRestoreDrill', 'sendNotification');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'backup', 'backupRestoreDrill', 'sendNotification');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "messages_scheduled_for_idx";
  DROP INDEX "notification_settings_triggers_invoice_issued_triggers_i_idx";
  DROP INDEX "notification_settings_triggers_payment_received_triggers_idx";
  DROP INDEX "notification_settings_triggers_payment_rejected_triggers_idx";
  DROP INDEX "notification_settings_triggers_reminder_due_h3_triggers__idx";
  DROP INDEX "notification_settings_triggers_reminder_due_h1_triggers__idx";
  DROP INDEX "notification_settings_triggers_reminder_overdue_h1_trigg_idx";
  DROP INDEX "notification_settings_triggers_suspension_notice_trigger_idx";
  DROP INDEX "notification_settings_triggers_restore_notice_triggers_r_idx";
  ALTER TABLE "messages" DROP COLUMN "scheduled_for";
  ALTER TABLE "notification_settings" DROP COLUMN "pacing_daily_recipients";
  ALTER TABLE "notification_settings" DROP COLUMN "pacing_messages_per_second";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_invoice_issued_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_invoice_issued_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_invoice_issued_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_payment_received_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_payment_received_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_payment_received_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_payment_rejected_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_payment_rejected_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_payment_rejected_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_due_h3_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_due_h3_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_due_h3_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_due_h1_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_due_h1_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_due_h1_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_overdue_h1_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_overdue_h1_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_reminder_overdue_h1_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_suspension_notice_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_suspension_notice_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_suspension_notice_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_restore_notice_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_restore_notice_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_restore_notice_template_id";
  DROP TYPE "public"."enum_notif_pacing_daily_recipients";
  DROP TYPE "public"."enum_notif_invoice_issued_channel";
  DROP TYPE "public"."enum_notif_payment_received_channel";
  DROP TYPE "public"."enum_notif_payment_rejected_channel";
  DROP TYPE "public"."enum_notif_reminder_due_h3_channel";
  DROP TYPE "public"."enum_notif_reminder_due_h1_channel";
  DROP TYPE "public"."enum_notif_reminder_overdue_h1_channel";
  DROP TYPE "public"."enum_notif_suspension_notice_channel";
  DROP TYPE "public"."enum_notif_restore_notice_channel";`)
}
