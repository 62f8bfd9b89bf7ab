import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_package_change_requests_status" AS ENUM('pending', 'approved', 'rejected');
  CREATE TYPE "public"."enum_notif_package_change_approved_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TYPE "public"."enum_notif_package_change_rejected_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  CREATE TABLE "ticket_comments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"ticket_id" integer NOT NULL,
  	"body" varchar NOT NULL,
  	"internal" boolean DEFAULT false,
  	"author_customer_id" integer,
  	"author_user_id" integer,
  	"author_name" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "package_change_requests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer NOT NULL,
  	"from_package_id" integer,
  	"to_package_id" integer NOT NULL,
  	"quoted_amount" numeric,
  	"status" "enum_package_change_requests_status" DEFAULT 'pending' NOT NULL,
  	"decision_reason" varchar,
  	"decided_by_id" integer,
  	"decided_at" timestamp(3) with time zone,
  	"adjustment_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "portal_notices" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"body" varchar NOT NULL,
  	"active_from" timestamp(3) with time zone NOT NULL,
  	"active_until" timestamp(3) with time zone,
  	"area" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "ticket_comments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "package_change_requests_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "portal_notices_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_package_change_approved_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_package_change_approved_channel" "enum_notif_package_change_approved_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_package_change_approved_template_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_package_change_rejected_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_package_change_rejected_channel" "enum_notif_package_change_rejected_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_package_change_rejected_template_id" integer;
  ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_author_customer_id_customers_id_fk" FOREIGN KEY ("author_customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_change_requests" ADD CONSTRAINT "package_change_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_change_requests" ADD CONSTRAINT "package_change_requests_from_package_id_packages_id_fk" FOREIGN KEY ("from_package_id") REFERENCES "public"."packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_change_requests" ADD CONSTRAINT "package_change_requests_to_package_id_packages_id_fk" FOREIGN KEY ("to_package_id") REFERENCES "public"."packages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_change_requests" ADD CONSTRAINT "package_change_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "package_change_requests" ADD CONSTRAINT "package_change_requests_adjustment_id_billing_adjustments_id_fk" FOREIGN KEY ("adjustment_id") REFERENCES "public"."billing_adjustments"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "ticket_comments_ticket_idx" ON "ticket_comments" USING btree ("ticket_id");
  CREATE INDEX "ticket_comments_author_customer_idx" ON "ticket_comments" USING btree ("author_customer_id");
  CREATE INDEX "ticket_comments_author_user_idx" ON "ticket_comments" USING btree ("author_user_id");
  CREATE INDEX "ticket_comments_updated_at_idx" ON "ticket_comments" USING btree ("updated_at");
  CREATE INDEX "ticket_comments_created_at_idx" ON "ticket_comments" USING btree ("created_at");
  CREATE INDEX "package_change_requests_customer_idx" ON "package_change_requests" USING btree ("customer_id");
  CREATE INDEX "package_change_requests_from_package_idx" ON "package_change_requests" USING btree ("from_package_id");
  CREATE INDEX "package_change_requests_to_package_idx" ON "package_change_requests" USING btree ("to_package_id");
  CREATE INDEX "package_change_requests_status_idx" ON "package_change_requests" USING btree ("status");
  -- One waiting request per customer (the rule's last word under concurrent requests).
  CREATE UNIQUE INDEX "package_change_requests_one_pending_idx" ON "package_change_requests" USING btree ("customer_id") WHERE "status" = 'pending';
  CREATE INDEX "package_change_requests_decided_by_idx" ON "package_change_requests" USING btree ("decided_by_id");
  CREATE INDEX "package_change_requests_adjustment_idx" ON "package_change_requests" USING btree ("adjustment_id");
  CREATE INDEX "package_change_requests_updated_at_idx" ON "package_change_requests" USING btree ("updated_at");
  CREATE INDEX "package_change_requests_created_at_idx" ON "package_change_requests" USING btree ("created_at");
  CREATE INDEX "portal_notices_active_from_idx" ON "portal_notices" USING btree ("active_from");
  CREATE INDEX "portal_notices_updated_at_idx" ON "portal_notices" USING btree ("updated_at");
  CREATE INDEX "portal_notices_created_at_idx" ON "portal_notices" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ticket_comments_fk" FOREIGN KEY ("ticket_comments_id") REFERENCES "public"."ticket_comments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_package_change_requests_fk" FOREIGN KEY ("package_change_requests_id") REFERENCES "public"."package_change_requests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_portal_notices_fk" FOREIGN KEY ("portal_notices_id") REFERENCES "public"."portal_notices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_package_change_approved_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_package_change_approved_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_package_change_rejected_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_package_change_rejected_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_ticket_comments_id_idx" ON "payload_locked_documents_rels" USING btree ("ticket_comments_id");
  CREATE INDEX "payload_locked_documents_rels_package_change_requests_id_idx" ON "payload_locked_documents_rels" USING btree ("package_change_requests_id");
  CREATE INDEX "payload_locked_documents_rels_portal_notices_id_idx" ON "payload_locked_documents_rels" USING btree ("portal_notices_id");
  CREATE INDEX "notification_settings_triggers_package_change_approved_t_idx" ON "notification_settings" USING btree ("triggers_package_change_approved_template_id");
  CREATE INDEX "notification_settings_triggers_package_change_rejected_t_idx" ON "notification_settings" USING btree ("triggers_package_change_rejected_template_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "ticket_comments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "package_change_requests" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "portal_notices" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "ticket_comments" CASCADE;
  DROP TABLE "package_change_requests" CASCADE;
  DROP TABLE "portal_notices" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_ticket_comments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_package_change_requests_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_portal_notices_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_package_change_approved_template_id_message_templates_id_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_package_change_rejected_template_id_message_templates_id_fk";
  
  DROP INDEX "payload_locked_documents_rels_ticket_comments_id_idx";
  DROP INDEX "payload_locked_documents_rels_package_change_requests_id_idx";
  DROP INDEX "payload_locked_documents_rels_portal_notices_id_idx";
  DROP INDEX "notification_settings_triggers_package_change_approved_t_idx";
  DROP INDEX "notification_settings_triggers_package_change_rejected_t_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "ticket_comments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "package_change_requests_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "portal_notices_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_package_change_approved_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_package_change_approved_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_package_change_approved_template_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_package_change_rejected_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_package_change_rejected_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_package_change_rejected_template_id";
  DROP TYPE "public"."enum_package_change_requests_status";
  DROP TYPE "public"."enum_notif_package_change_approved_channel";
  DROP TYPE "public"."enum_notif_package_change_rejected_channel";`)
}
