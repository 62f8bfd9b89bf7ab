import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "speed_tests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer NOT NULL,
  	"latency_ms" numeric NOT NULL,
  	"download_mbps" numeric NOT NULL,
  	"upload_mbps" numeric NOT NULL,
  	"promised_download_mbps" numeric,
  	"promised_upload_mbps" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "customers" ADD COLUMN "notification_preferences_billing_whatsapp" boolean DEFAULT true;
  ALTER TABLE "customers" ADD COLUMN "notification_preferences_billing_email" boolean DEFAULT true;
  ALTER TABLE "customers" ADD COLUMN "notification_preferences_outage_whatsapp" boolean DEFAULT true;
  ALTER TABLE "customers" ADD COLUMN "notification_preferences_outage_email" boolean DEFAULT true;
  ALTER TABLE "customers" ADD COLUMN "notification_preferences_promo_whatsapp" boolean DEFAULT false;
  ALTER TABLE "customers" ADD COLUMN "notification_preferences_promo_email" boolean DEFAULT false;
  ALTER TABLE "customers" ADD COLUMN "notification_preferences_consented_at" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "speed_tests_id" integer;
  ALTER TABLE "speed_tests" ADD CONSTRAINT "speed_tests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "speed_tests_customer_idx" ON "speed_tests" USING btree ("customer_id");
  CREATE INDEX "speed_tests_updated_at_idx" ON "speed_tests" USING btree ("updated_at");
  CREATE INDEX "speed_tests_created_at_idx" ON "speed_tests" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_speed_tests_fk" FOREIGN KEY ("speed_tests_id") REFERENCES "public"."speed_tests"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_speed_tests_id_idx" ON "payload_locked_documents_rels" USING btree ("speed_tests_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "speed_tests" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "speed_tests" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_speed_tests_fk";
  
  DROP INDEX "payload_locked_documents_rels_speed_tests_id_idx";
  ALTER TABLE "customers" DROP COLUMN "notification_preferences_billing_whatsapp";
  ALTER TABLE "customers" DROP COLUMN "notification_preferences_billing_email";
  ALTER TABLE "customers" DROP COLUMN "notification_preferences_outage_whatsapp";
  ALTER TABLE "customers" DROP COLUMN "notification_preferences_outage_email";
  ALTER TABLE "customers" DROP COLUMN "notification_preferences_promo_whatsapp";
  ALTER TABLE "customers" DROP COLUMN "notification_preferences_promo_email";
  ALTER TABLE "customers" DROP COLUMN "notification_preferences_consented_at";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "speed_tests_id";`)
}
