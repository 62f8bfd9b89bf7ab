import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_backups_phase" AS ENUM('dumping', 'checking', 'encrypting', 'uploading', 'done');
  CREATE TYPE "public"."enum_backups_media_mode" AS ENUM('full', 'incremental');
  ALTER TABLE "backups" ADD COLUMN "phase" "enum_backups_phase";
  ALTER TABLE "backups" ADD COLUMN "progress_percent" numeric;
  ALTER TABLE "backups" ADD COLUMN "bytes_sent" numeric;
  ALTER TABLE "backups" ADD COLUMN "bytes_total" numeric;
  ALTER TABLE "backups" ADD COLUMN "media_mode" "enum_backups_media_mode";
  ALTER TABLE "backups" ADD COLUMN "base_id" integer;
  ALTER TABLE "backups" ADD COLUMN "media_index" jsonb;
  ALTER TABLE "backups" ADD CONSTRAINT "backups_base_id_backups_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."backups"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "backups_base_idx" ON "backups" USING btree ("base_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "backups" DROP CONSTRAINT "backups_base_id_backups_id_fk";
  
  DROP INDEX "backups_base_idx";
  ALTER TABLE "backups" DROP COLUMN "phase";
  ALTER TABLE "backups" DROP COLUMN "progress_percent";
  ALTER TABLE "backups" DROP COLUMN "bytes_sent";
  ALTER TABLE "backups" DROP COLUMN "bytes_total";
  ALTER TABLE "backups" DROP COLUMN "media_mode";
  ALTER TABLE "backups" DROP COLUMN "base_id";
  ALTER TABLE "backups" DROP COLUMN "media_index";
  DROP TYPE "public"."enum_backups_phase";
  DROP TYPE "public"."enum_backups_media_mode";`)
}
