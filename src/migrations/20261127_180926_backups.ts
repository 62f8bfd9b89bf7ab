import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_backups_kind" AS ENUM('daily', 'weekly', 'monthly', 'manual');
  CREATE TYPE "public"."enum_backups_status" AS ENUM('running', 'verified', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'backupRestoreDrill';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'backupRestoreDrill';
  CREATE TABLE "backups" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"kind" "enum_backups_kind" NOT NULL,
  	"slot" timestamp(3) with time zone NOT NULL,
  	"status" "enum_backups_status" DEFAULT 'running' NOT NULL,
  	"started_at" timestamp(3) with time zone NOT NULL,
  	"finished_at" timestamp(3) with time zone,
  	"file_name" varchar,
  	"size_bytes" numeric,
  	"sha256" varchar,
  	"storage_local_path" varchar,
  	"storage_s3_bucket" varchar,
  	"storage_s3_key" varchar,
  	"error" varchar,
  	"media_files" numeric,
  	"tables" jsonb,
  	"last_drill_at" timestamp(3) with time zone,
  	"last_drill_ok" boolean,
  	"last_drill_duration_ms" numeric,
  	"last_drill_message" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "backups_id" integer;
  CREATE INDEX "backups_status_idx" ON "backups" USING btree ("status");
  CREATE INDEX "backups_updated_at_idx" ON "backups" USING btree ("updated_at");
  CREATE INDEX "backups_created_at_idx" ON "backups" USING btree ("created_at");
  CREATE UNIQUE INDEX "kind_slot_idx" ON "backups" USING btree ("kind","slot");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_backups_fk" FOREIGN KEY ("backups_id") REFERENCES "public"."backups"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_backups_id_idx" ON "payload_locked_documents_rels" USING btree ("backups_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "backups" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "backups" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_backups_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_backups_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "backups_id";
  DROP TYPE "public"."enum_backups_kind";
  DROP TYPE "public"."enum_backups_status";`)
}
