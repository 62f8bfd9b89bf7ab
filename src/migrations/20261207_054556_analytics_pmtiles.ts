import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_analytics_settings_map_tiles" ADD VALUE 'pmtiles';
  ALTER TABLE "analytics_settings" ADD COLUMN "pmtiles_url" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "analytics_settings" ALTER COLUMN "map_tiles" SET DATA TYPE text;
  UPDATE "analytics_settings" SET "map_tiles" = 'none' WHERE "map_tiles" = 'pmtiles';
  ALTER TABLE "analytics_settings" ALTER COLUMN "map_tiles" SET DEFAULT 'none'::text;
  DROP TYPE "public"."enum_analytics_settings_map_tiles";
  CREATE TYPE "public"."enum_analytics_settings_map_tiles" AS ENUM('none', 'url');
  ALTER TABLE "analytics_settings" ALTER COLUMN "map_tiles" SET DEFAULT 'none'::"public"."enum_analytics_settings_map_tiles";
  ALTER TABLE "analytics_settings" ALTER COLUMN "map_tiles" SET DATA TYPE "public"."enum_analytics_settings_map_tiles" USING "map_tiles"::"public"."enum_analytics_settings_map_tiles";
  ALTER TABLE "analytics_settings" DROP COLUMN "pmtiles_url";`)
}
