import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_message_templates_buttons_kind" AS ENUM('quick_reply', 'url');
  CREATE TYPE "public"."enum_message_templates_language" AS ENUM('id', 'en');
  CREATE TYPE "public"."enum_message_templates_category" AS ENUM('UTILITY', 'MARKETING');
  CREATE TYPE "public"."enum_message_templates_approval_status" AS ENUM('draft', 'pending', 'approved', 'rejected');
  CREATE TYPE "public"."enum_messages_direction" AS ENUM('out', 'in');
  CREATE TYPE "public"."enum_messages_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_messages_status" AS ENUM('queued', 'sent', 'delivered', 'read', 'failed', 'received');
  CREATE TYPE "public"."enum_messages_kind" AS ENUM('template', 'text', 'interactive', 'button', 'image', 'other');
  CREATE TYPE "public"."enum_whatsapp_events_kind" AS ENUM('status', 'message');
  CREATE TYPE "public"."enum_notification_settings_default_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_welcome_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_installation_scheduled_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_ticket_status_changed_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_technician_assigned_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_technician_job_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_installation_completed_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_auto_answer_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sendNotification';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sendNotification';
  CREATE TABLE "message_templates_buttons" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"kind" "enum_message_templates_buttons_kind" DEFAULT 'quick_reply' NOT NULL,
  	"text" varchar NOT NULL,
  	"payload" varchar,
  	"url_suffix" varchar
  );
  
  CREATE TABLE "message_templates" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"key" varchar NOT NULL,
  	"language" "enum_message_templates_language" DEFAULT 'id' NOT NULL,
  	"category" "enum_message_templates_category" DEFAULT 'UTILITY' NOT NULL,
  	"body" varchar NOT NULL,
  	"provider_template_name" varchar,
  	"approval_status" "enum_message_templates_approval_status" DEFAULT 'draft' NOT NULL,
  	"email_subject" varchar,
  	"sample_data" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "messages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer,
  	"staff_recipient_id" integer,
  	"direction" "enum_messages_direction" DEFAULT 'out' NOT NULL,
  	"channel" "enum_messages_channel" DEFAULT 'whatsapp' NOT NULL,
  	"status" "enum_messages_status" DEFAULT 'queued' NOT NULL,
  	"to" varchar,
  	"trigger" varchar,
  	"template_id" integer,
  	"kind" "enum_messages_kind" DEFAULT 'template' NOT NULL,
  	"variables" jsonb,
  	"interactive" jsonb,
  	"body" varchar,
  	"provider_message_id" varchar,
  	"dedupe_key" varchar,
  	"error_code" numeric,
  	"error_reason" varchar,
  	"attempts" numeric DEFAULT 0,
  	"fallback_of_id" integer,
  	"needs_attention" boolean DEFAULT false,
  	"ticket_id" integer,
  	"sent_at" timestamp(3) with time zone,
  	"delivered_at" timestamp(3) with time zone,
  	"read_at" timestamp(3) with time zone,
  	"failed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "whatsapp_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_key" varchar NOT NULL,
  	"kind" "enum_whatsapp_events_kind" NOT NULL,
  	"provider_message_id" varchar,
  	"type" varchar,
  	"from" varchar,
  	"error_code" numeric,
  	"outcome" varchar,
  	"payload" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "notification_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"default_channel" "enum_notification_settings_default_channel" DEFAULT 'whatsapp' NOT NULL,
  	"email_fallback" boolean DEFAULT true,
  	"triggers_welcome_enabled" boolean DEFAULT true,
  	"triggers_welcome_channel" "enum_notif_welcome_channel",
  	"triggers_welcome_template_id" integer,
  	"triggers_installation_scheduled_enabled" boolean DEFAULT true,
  	"triggers_installation_scheduled_channel" "enum_notif_installation_scheduled_channel",
  	"triggers_installation_scheduled_template_id" integer,
  	"triggers_ticket_status_changed_enabled" boolean DEFAULT true,
  	"triggers_ticket_status_changed_channel" "enum_notif_ticket_status_changed_channel",
  	"triggers_ticket_status_changed_template_id" integer,
  	"triggers_technician_assigned_enabled" boolean DEFAULT true,
  	"triggers_technician_assigned_channel" "enum_notif_technician_assigned_channel",
  	"triggers_technician_assigned_template_id" integer,
  	"triggers_technician_job_enabled" boolean DEFAULT true,
  	"triggers_technician_job_channel" "enum_notif_technician_job_channel",
  	"triggers_technician_job_template_id" integer,
  	"triggers_installation_completed_enabled" boolean DEFAULT true,
  	"triggers_installation_completed_channel" "enum_notif_installation_completed_channel",
  	"triggers_installation_completed_template_id" integer,
  	"triggers_auto_answer_enabled" boolean DEFAULT true,
  	"triggers_auto_answer_channel" "enum_notif_auto_answer_channel",
  	"triggers_auto_answer_template_id" integer,
  	"auto_answer_enabled" boolean DEFAULT true,
  	"auto_answer_min_confidence" numeric DEFAULT 0.5,
  	"auto_answer_handover_text" varchar,
  	"auto_answer_unknown_number_text" varchar,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "message_templates_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "messages_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "whatsapp_events_id" integer;
  ALTER TABLE "message_templates_buttons" ADD CONSTRAINT "message_templates_buttons_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."message_templates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_staff_recipient_id_users_id_fk" FOREIGN KEY ("staff_recipient_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_template_id_message_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_fallback_of_id_messages_id_fk" FOREIGN KEY ("fallback_of_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_welcome_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_welcome_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_installation_scheduled_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_installation_scheduled_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_ticket_status_changed_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_ticket_status_changed_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_technician_assigned_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_technician_assigned_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_technician_job_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_technician_job_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_installation_completed_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_installation_completed_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_auto_answer_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_auto_answer_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "message_templates_buttons_order_idx" ON "message_templates_buttons" USING btree ("_order");
  CREATE INDEX "message_templates_buttons_parent_id_idx" ON "message_templates_buttons" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "message_templates_key_idx" ON "message_templates" USING btree ("key");
  CREATE INDEX "message_templates_updated_at_idx" ON "message_templates" USING btree ("updated_at");
  CREATE INDEX "message_templates_created_at_idx" ON "message_templates" USING btree ("created_at");
  CREATE INDEX "messages_customer_idx" ON "messages" USING btree ("customer_id");
  CREATE INDEX "messages_staff_recipient_idx" ON "messages" USING btree ("staff_recipient_id");
  CREATE INDEX "messages_direction_idx" ON "messages" USING btree ("direction");
  CREATE INDEX "messages_channel_idx" ON "messages" USING btree ("channel");
  CREATE INDEX "messages_status_idx" ON "messages" USING btree ("status");
  CREATE INDEX "messages_to_idx" ON "messages" USING btree ("to");
  CREATE INDEX "messages_trigger_idx" ON "messages" USING btree ("trigger");
  CREATE INDEX "messages_template_idx" ON "messages" USING btree ("template_id");
  CREATE UNIQUE INDEX "messages_provider_message_id_idx" ON "messages" USING btree ("provider_message_id");
  CREATE UNIQUE INDEX "messages_dedupe_key_idx" ON "messages" USING btree ("dedupe_key");
  CREATE INDEX "messages_fallback_of_idx" ON "messages" USING btree ("fallback_of_id");
  CREATE INDEX "messages_needs_attention_idx" ON "messages" USING btree ("needs_attention");
  CREATE INDEX "messages_ticket_idx" ON "messages" USING btree ("ticket_id");
  CREATE INDEX "messages_updated_at_idx" ON "messages" USING btree ("updated_at");
  CREATE INDEX "messages_created_at_idx" ON "messages" USING btree ("created_at");
  CREATE UNIQUE INDEX "whatsapp_events_event_key_idx" ON "whatsapp_events" USING btree ("event_key");
  CREATE INDEX "whatsapp_events_provider_message_id_idx" ON "whatsapp_events" USING btree ("provider_message_id");
  CREATE INDEX "whatsapp_events_updated_at_idx" ON "whatsapp_events" USING btree ("updated_at");
  CREATE INDEX "whatsapp_events_created_at_idx" ON "whatsapp_events" USING btree ("created_at");
  CREATE INDEX "notification_settings_triggers_welcome_triggers_welcome__idx" ON "notification_settings" USING btree ("triggers_welcome_template_id");
  CREATE INDEX "notification_settings_triggers_installation_scheduled_tr_idx" ON "notification_settings" USING btree ("triggers_installation_scheduled_template_id");
  CREATE INDEX "notification_settings_triggers_ticket_status_changed_tri_idx" ON "notification_settings" USING btree ("triggers_ticket_status_changed_template_id");
  CREATE INDEX "notification_settings_triggers_technician_assigned_trigg_idx" ON "notification_settings" USING btree ("triggers_technician_assigned_template_id");
  CREATE INDEX "notification_settings_triggers_technician_job_triggers_t_idx" ON "notification_settings" USING btree ("triggers_technician_job_template_id");
  CREATE INDEX "notification_settings_triggers_installation_completed_tr_idx" ON "notification_settings" USING btree ("triggers_installation_completed_template_id");
  CREATE INDEX "notification_settings_triggers_auto_answer_triggers_auto_idx" ON "notification_settings" USING btree ("triggers_auto_answer_template_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_message_templates_fk" FOREIGN KEY ("message_templates_id") REFERENCES "public"."message_templates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_messages_fk" FOREIGN KEY ("messages_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_whatsapp_events_fk" FOREIGN KEY ("whatsapp_events_id") REFERENCES "public"."whatsapp_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_message_templates_id_idx" ON "payload_locked_documents_rels" USING btree ("message_templates_id");
  CREATE INDEX "payload_locked_documents_rels_messages_id_idx" ON "payload_locked_documents_rels" USING btree ("messages_id");
  CREATE INDEX "payload_locked_documents_rels_whatsapp_events_id_idx" ON "payload_locked_documents_rels" USING btree ("whatsapp_events_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "message_templates_buttons" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "message_templates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "messages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "whatsapp_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "notification_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "message_templates_buttons" CASCADE;
  DROP TABLE "message_templates" CASCADE;
  DROP TABLE "messages" CASCADE;
  DROP TABLE "whatsapp_events" CASCADE;
  DROP TABLE "notification_settings" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_message_templates_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_messages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_whatsapp_events_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'backup', 'backupRestoreDrill');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'backup', 'backupRestoreDrill');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_message_templates_id_idx";
  DROP INDEX "payload_locked_documents_rels_messages_id_idx";
  DROP INDEX "payload_locked_documents_rels_whatsapp_events_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "message_templates_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "messages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "whatsapp_events_id";
  DROP TYPE "public"."enum_message_templates_buttons_kind";
  DROP TYPE "public"."enum_message_templates_language";
  DROP TYPE "public"."enum_message_templates_category";
  DROP TYPE "public"."enum_message_templates_approval_status";
  DROP TYPE "public"."enum_messages_direction";
  DROP TYPE "public"."enum_messages_channel";
  DROP TYPE "public"."enum_messages_status";
  DROP TYPE "public"."enum_messages_kind";
  DROP TYPE "public"."enum_whatsapp_events_kind";
  DROP TYPE "public"."enum_notification_settings_default_channel";
  DROP TYPE "public"."enum_notif_welcome_channel";
  DROP TYPE "public"."enum_notif_installation_scheduled_channel";
  DROP TYPE "public"."enum_notif_ticket_status_changed_channel";
  DROP TYPE "public"."enum_notif_technician_assigned_channel";
  DROP TYPE "public"."enum_notif_technician_job_channel";
  DROP TYPE "public"."enum_notif_installation_completed_channel";
  DROP TYPE "public"."enum_notif_auto_answer_channel";`)
}
