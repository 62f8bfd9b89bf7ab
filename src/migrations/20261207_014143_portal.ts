import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_portal_login_codes_purpose" AS ENUM('login', 'reset');
  CREATE TYPE "public"."enum_notif_login_code_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  ALTER TYPE "public"."enum_message_templates_category" ADD VALUE 'AUTHENTICATION';
  CREATE TABLE "portal_login_codes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"phone" varchar NOT NULL,
  	"purpose" "enum_portal_login_codes_purpose" NOT NULL,
  	"customer_id" integer NOT NULL,
  	"code_hash" varchar NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"attempts" numeric DEFAULT 0 NOT NULL,
  	"used_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "portal_login_codes_id" integer;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_login_code_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_login_code_channel" "enum_notif_login_code_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_login_code_template_id" integer;
  ALTER TABLE "portal_login_codes" ADD CONSTRAINT "portal_login_codes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "portal_login_codes_phone_idx" ON "portal_login_codes" USING btree ("phone");
  CREATE INDEX "portal_login_codes_customer_idx" ON "portal_login_codes" USING btree ("customer_id");
  CREATE INDEX "portal_login_codes_updated_at_idx" ON "portal_login_codes" USING btree ("updated_at");
  CREATE INDEX "portal_login_codes_created_at_idx" ON "portal_login_codes" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_portal_login_codes_fk" FOREIGN KEY ("portal_login_codes_id") REFERENCES "public"."portal_login_codes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_login_code_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_login_code_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_portal_login_codes_id_idx" ON "payload_locked_documents_rels" USING btree ("portal_login_codes_id");
  CREATE INDEX "notification_settings_triggers_login_code_triggers_login_idx" ON "notification_settings" USING btree ("triggers_login_code_template_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "portal_login_codes" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "portal_login_codes" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_portal_login_codes_fk";
  
  ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_login_code_template_id_message_templates_id_fk";
  
  ALTER TABLE "message_templates" ALTER COLUMN "category" SET DATA TYPE text;
  ALTER TABLE "message_templates" ALTER COLUMN "category" SET DEFAULT 'UTILITY'::text;
  DROP TYPE "public"."enum_message_templates_category";
  CREATE TYPE "public"."enum_message_templates_category" AS ENUM('UTILITY', 'MARKETING');
  ALTER TABLE "message_templates" ALTER COLUMN "category" SET DEFAULT 'UTILITY'::"public"."enum_message_templates_category";
  ALTER TABLE "message_templates" ALTER COLUMN "category" SET DATA TYPE "public"."enum_message_templates_category" USING "category"::"public"."enum_message_templates_category";
  DROP INDEX "payload_locked_documents_rels_portal_login_codes_id_idx";
  DROP INDEX "notification_settings_triggers_login_code_triggers_login_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "portal_login_codes_id";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_login_code_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_login_code_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_login_code_template_id";
  DROP TYPE "public"."enum_portal_login_codes_purpose";
  DROP TYPE "public"."enum_notif_login_code_channel";`)
}
