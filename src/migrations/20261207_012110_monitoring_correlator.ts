import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_network_nodes_kind" AS ENUM('router', 'olt', 'pon', 'odp');
  CREATE TYPE "public"."enum_network_events_source" AS ENUM('mikrotik', 'routeros-poll', 'zabbix', 'alertmanager', 'generic', 'prtg');
  CREATE TYPE "public"."enum_network_events_subject_type" AS ENUM('customer', 'node');
  CREATE TYPE "public"."enum_network_events_state" AS ENUM('down', 'up', 'reboot');
  CREATE TYPE "public"."enum_notif_outage_notice_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_outage_resolved_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'correlateOutages' BEFORE 'sendNotification';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'pollRouters' BEFORE 'sendNotification';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'correlateOutages' BEFORE 'sendNotification';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'pollRouters' BEFORE 'sendNotification';
  CREATE TABLE "network_nodes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"kind" "enum_network_nodes_kind" NOT NULL,
  	"parent_id" integer,
  	"router_id" integer,
  	"aliases" varchar,
  	"area" varchar,
  	"latitude" numeric,
  	"longitude" numeric,
  	"down" boolean DEFAULT false,
  	"state_since" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "network_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_key" varchar NOT NULL,
  	"source" "enum_network_events_source" NOT NULL,
  	"subject_type" "enum_network_events_subject_type" NOT NULL,
  	"state" "enum_network_events_state" NOT NULL,
  	"subject" varchar NOT NULL,
  	"cause" varchar,
  	"customer_id" integer,
  	"node_id" integer,
  	"router_id" integer,
  	"occurred_at" timestamp(3) with time zone NOT NULL,
  	"processed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "router_polls" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"router_id" integer NOT NULL,
  	"reachable" boolean DEFAULT true,
  	"failures" numeric DEFAULT 0,
  	"uptime_seconds" numeric,
  	"session_count" numeric,
  	"sessions" jsonb,
  	"polled_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "monitoring_settings_maintenance_windows" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"from" timestamp(3) with time zone NOT NULL,
  	"to" timestamp(3) with time zone NOT NULL,
  	"node_id" integer,
  	"note" varchar
  );
  
  CREATE TABLE "monitoring_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"offline_ticket_minutes" numeric DEFAULT 30 NOT NULL,
  	"back_online_minutes" numeric DEFAULT 10 NOT NULL,
  	"incident_min_customers" numeric DEFAULT 3 NOT NULL,
  	"incident_share" numeric DEFAULT 50 NOT NULL,
  	"incident_window_seconds" numeric DEFAULT 120 NOT NULL,
  	"damping_seconds" numeric DEFAULT 60 NOT NULL,
  	"resolve_share" numeric DEFAULT 90 NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "routers" ADD COLUMN "monitoring_poll" boolean DEFAULT true;
  ALTER TABLE "routers" ADD COLUMN "monitoring_token" varchar;
  ALTER TABLE "network_incidents" ADD COLUMN "node_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "network_nodes_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "network_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "router_polls_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_outage_notice_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_outage_notice_channel" "enum_notif_outage_notice_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_outage_notice_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_outage_resolved_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_outage_resolved_channel" "enum_notif_outage_resolved_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_outage_resolved_template_id" integer;
  ALTER TABLE "network_nodes" ADD CONSTRAINT "network_nodes_parent_id_network_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."network_nodes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "network_nodes" ADD CONSTRAINT "network_nodes_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "network_events" ADD CONSTRAINT "network_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "network_events" ADD CONSTRAINT "network_events_node_id_network_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."network_nodes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "network_events" ADD CONSTRAINT "network_events_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "router_polls" ADD CONSTRAINT "router_polls_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "monitoring_settings_maintenance_windows" ADD CONSTRAINT "monitoring_settings_maintenance_windows_node_id_network_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."network_nodes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "monitoring_settings_maintenance_windows" ADD CONSTRAINT "monitoring_settings_maintenance_windows_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."monitoring_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "network_nodes_name_idx" ON "network_nodes" USING btree ("name");
  CREATE INDEX "network_nodes_kind_idx" ON "network_nodes" USING btree ("kind");
  CREATE INDEX "network_nodes_parent_idx" ON "network_nodes" USING btree ("parent_id");
  CREATE INDEX "network_nodes_router_idx" ON "network_nodes" USING btree ("router_id");
  CREATE INDEX "network_nodes_updated_at_idx" ON "network_nodes" USING btree ("updated_at");
  CREATE INDEX "network_nodes_created_at_idx" ON "network_nodes" USING btree ("created_at");
  CREATE UNIQUE INDEX "network_events_event_key_idx" ON "network_events" USING btree ("event_key");
  CREATE INDEX "network_events_customer_idx" ON "network_events" USING btree ("customer_id");
  CREATE INDEX "network_events_node_idx" ON "network_events" USING btree ("node_id");
  CREATE INDEX "network_events_router_idx" ON "network_events" USING btree ("router_id");
  CREATE INDEX "network_events_occurred_at_idx" ON "network_events" USING btree ("occurred_at");
  CREATE INDEX "network_events_processed_at_idx" ON "network_events" USING btree ("processed_at");
  CREATE INDEX "network_events_updated_at_idx" ON "network_events" USING btree ("updated_at");
  CREATE INDEX "network_events_created_at_idx" ON "network_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "router_polls_router_idx" ON "router_polls" USING btree ("router_id");
  CREATE INDEX "router_polls_updated_at_idx" ON "router_polls" USING btree ("updated_at");
  CREATE INDEX "router_polls_created_at_idx" ON "router_polls" USING btree ("created_at");
  CREATE INDEX "monitoring_settings_maintenance_windows_order_idx" ON "monitoring_settings_maintenance_windows" USING btree ("_order");
  CREATE INDEX "monitoring_settings_maintenance_windows_parent_id_idx" ON "monitoring_settings_maintenance_windows" USING btree ("_parent_id");
  CREATE INDEX "monitoring_settings_maintenance_windows_node_idx" ON "monitoring_settings_maintenance_windows" USING btree ("node_id");
  ALTER TABLE "network_incidents" ADD CONSTRAINT "network_incidents_node_id_network_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."network_nodes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_network_nodes_fk" FOREIGN KEY ("network_nodes_id") REFERENCES "public"."network_nodes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_network_events_fk" FOREIGN KEY ("network_events_id") REFERENCES "public"."network_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_router_polls_fk" FOREIGN KEY ("router_polls_id") REFERENCES "public"."router_polls"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_outage_notice_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_outage_notice_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_outage_resolved_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_outage_resolved_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "routers_monitoring_token_idx" ON "routers" USING btree ("monitoring_token");
  CREATE INDEX "network_incidents_node_idx" ON "network_incidents" USING btree ("node_id");
  CREATE INDEX "payload_locked_documents_rels_network_nodes_id_idx" ON "payload_locked_documents_rels" USING btree ("network_nodes_id");
  CREATE INDEX "payload_locked_documents_rels_network_events_id_idx" ON "payload_locked_documents_rels" USING btree ("network_events_id");
  CREATE INDEX "payload_locked_documents_rels_router_polls_id_idx" ON "payload_locked_documents_rels" USING btree ("router_polls_id");
  CREATE INDEX "notification_settings_triggers_outage_notice_triggers_ou_idx" ON "notification_settings" USING btree ("triggers_outage_notice_template_id");
  CREATE INDEX "notification_settings_triggers_outage_resolved_triggers__idx" ON "notification_settings" USING btree ("triggers_outage_resolved_template_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "network_nodes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "network_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "router_polls" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "monitoring_settings_maintenance_windows" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "monitoring_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "network_nodes" CASCADE;
  DROP TABLE "network_events" CASCADE;
  DROP TABLE "router_polls" CASCADE;
  DROP TABLE "monitoring_settings_maintenance_windows" CASCADE;
  DROP TABLE "monitoring_settings" CASCADE;
  ALTER TABLE "network_incidents" DROP CONSTRAINT "network_incidents_node_id_network_nodes_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_network_nodes_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_network_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_router_polls_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_outage_notice_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_outage_resolved_template_id_message_templates_id_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'sendNotification');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'sendNotification');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "routers_monitoring_token_idx";
  DROP INDEX "network_incidents_node_idx";
  DROP INDEX "payload_locked_documents_rels_network_nodes_id_idx";
  DROP INDEX "payload_locked_documents_rels_network_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_router_polls_id_idx";
  DROP INDEX "notification_settings_triggers_outage_notice_triggers_ou_idx";
  DROP INDEX "notification_settings_triggers_outage_resolved_triggers__idx";
  ALTER TABLE "routers" DROP COLUMN "monitoring_poll";
  ALTER TABLE "routers" DROP COLUMN "monitoring_token";
  ALTER TABLE "network_incidents" DROP COLUMN "node_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "network_nodes_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "network_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "router_polls_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_outage_notice_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_outage_notice_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_outage_notice_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_outage_resolved_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_outage_resolved_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_outage_resolved_template_id";
  DROP TYPE "public"."enum_network_nodes_kind";
  DROP TYPE "public"."enum_network_events_source";
  DROP TYPE "public"."enum_network_events_subject_type";
  DROP TYPE "public"."enum_network_events_state";
  DROP TYPE "public"."enum_notif_outage_notice_channel";
  DROP TYPE "public"."enum_notif_outage_resolved_channel";`)
}
