import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_customer_imports_status" AS ENUM('queued', 'running', 'done', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'importCustomers';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'importCustomers';
  CREATE TABLE "customer_imports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"file_name" varchar NOT NULL,
  	"status" "enum_customer_imports_status" DEFAULT 'queued' NOT NULL,
  	"total" numeric DEFAULT 0 NOT NULL,
  	"processed" numeric DEFAULT 0 NOT NULL,
  	"created" numeric DEFAULT 0 NOT NULL,
  	"skipped" numeric DEFAULT 0 NOT NULL,
  	"failed" numeric DEFAULT 0 NOT NULL,
  	"rows" jsonb,
  	"problems" jsonb,
  	"started_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "customer_import_keys" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"customer_id" integer NOT NULL,
  	"customer_import_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "customer_imports_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "customer_import_keys_id" integer;
  ALTER TABLE "customer_imports" ADD CONSTRAINT "customer_imports_started_by_id_users_id_fk" FOREIGN KEY ("started_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "customer_import_keys" ADD CONSTRAINT "customer_import_keys_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "customer_import_keys" ADD CONSTRAINT "customer_import_keys_customer_import_id_customer_imports_id_fk" FOREIGN KEY ("customer_import_id") REFERENCES "public"."customer_imports"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "customer_imports_started_by_idx" ON "customer_imports" USING btree ("started_by_id");
  CREATE INDEX "customer_imports_updated_at_idx" ON "customer_imports" USING btree ("updated_at");
  CREATE INDEX "customer_imports_created_at_idx" ON "customer_imports" USING btree ("created_at");
  CREATE UNIQUE INDEX "customer_import_keys_key_idx" ON "customer_import_keys" USING btree ("key");
  CREATE INDEX "customer_import_keys_customer_idx" ON "customer_import_keys" USING btree ("customer_id");
  CREATE INDEX "customer_import_keys_customer_import_idx" ON "customer_import_keys" USING btree ("customer_import_id");
  CREATE INDEX "customer_import_keys_updated_at_idx" ON "customer_import_keys" USING btree ("updated_at");
  CREATE INDEX "customer_import_keys_created_at_idx" ON "customer_import_keys" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_customer_imports_fk" FOREIGN KEY ("customer_imports_id") REFERENCES "public"."customer_imports"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_customer_import_keys_fk" FOREIGN KEY ("customer_import_keys_id") REFERENCES "public"."customer_import_keys"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_customer_imports_id_idx" ON "payload_locked_documents_rels" USING btree ("customer_imports_id");
  CREATE INDEX "payload_locked_documents_rels_customer_import_keys_id_idx" ON "payload_locked_documents_rels" USING btree ("customer_import_keys_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "customer_imports" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "customer_import_keys" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "customer_imports" CASCADE;
  DROP TABLE "customer_import_keys" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_customer_imports_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_customer_import_keys_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'correlateOutages', 'pollRouters', 'snapshotMrr', 'sendNotification');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'correlateOutages', 'pollRouters', 'snapshotMrr', 'sendNotification');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_customer_imports_id_idx";
  DROP INDEX "payload_locked_documents_rels_customer_import_keys_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "customer_imports_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "customer_import_keys_id";
  DROP TYPE "public"."enum_customer_imports_status";`)
}
