import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_analytics_settings_map_tiles" AS ENUM('none', 'url');
  CREATE TABLE "analytics_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"map_tiles" "enum_analytics_settings_map_tiles" DEFAULT 'none' NOT NULL,
  	"tile_url" varchar,
  	"tile_attribution" varchar,
  	"tile_max_zoom" numeric DEFAULT 19,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  `)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "analytics_settings" CASCADE;
  DROP TYPE "public"."enum_analytics_settings_map_tiles";`)
}
