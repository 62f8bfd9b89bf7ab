import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_customers_termination_reason" AS ENUM('price', 'service_quality', 'moved', 'non_payment', 'competitor', 'other');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'snapshotMrr' BEFORE 'sendNotification';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'snapshotMrr' BEFORE 'sendNotification';
  CREATE TABLE "mrr_snapshots" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer NOT NULL,
  	"day" varchar NOT NULL,
  	"mrr" numeric NOT NULL,
  	"package_id" integer,
  	"area" varchar,
  	"customer_status" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "customers" ADD COLUMN "termination_reason" "enum_customers_termination_reason";
  ALTER TABLE "customers" ADD COLUMN "terminated_at" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "mrr_snapshots_id" integer;
  ALTER TABLE "mrr_snapshots" ADD CONSTRAINT "mrr_snapshots_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "mrr_snapshots" ADD CONSTRAINT "mrr_snapshots_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "mrr_snapshots_customer_idx" ON "mrr_snapshots" USING btree ("customer_id");
  CREATE INDEX "mrr_snapshots_day_idx" ON "mrr_snapshots" USING btree ("day");
  CREATE INDEX "mrr_snapshots_package_idx" ON "mrr_snapshots" USING btree ("package_id");
  CREATE INDEX "mrr_snapshots_updated_at_idx" ON "mrr_snapshots" USING btree ("updated_at");
  CREATE INDEX "mrr_snapshots_created_at_idx" ON "mrr_snapshots" USING btree ("created_at");
  CREATE UNIQUE INDEX "customer_day_idx" ON "mrr_snapshots" USING btree ("customer_id","day");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_mrr_snapshots_fk" FOREIGN KEY ("mrr_snapshots_id") REFERENCES "public"."mrr_snapshots"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "customers_terminated_at_idx" ON "customers" USING btree ("terminated_at");
  CREATE INDEX "payload_locked_documents_rels_mrr_snapshots_id_idx" ON "payload_locked_documents_rels" USING btree ("mrr_snapshots_id");`)
  // Customers terminated before this field existed: their termination date from service history
  // (the last "termination" event), else the last change of the record. Their reason stays empty.
  await db.execute(sql`
  UPDATE "customers" c
     SET "terminated_at" = coalesce(
           (SELECT max(h."occurred_at") FROM "service_history" h WHERE h."customer_id" = c."id" AND h."type" = 'termination'),
           c."updated_at")
   WHERE c."status" = 'terminated' AND c."terminated_at" IS NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "mrr_snapshots" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "mrr_snapshots" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_mrr_snapshots_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'sendNotification');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'backup', 'backupRestoreDrill', 'sendNotification');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "customers_terminated_at_idx";
  DROP INDEX "payload_locked_documents_rels_mrr_snapshots_id_idx";
  ALTER TABLE "customers" DROP COLUMN "termination_reason";
  ALTER TABLE "customers" DROP COLUMN "terminated_at";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "mrr_snapshots_id";
  DROP TYPE "public"."enum_customers_termination_reason";`)
}
