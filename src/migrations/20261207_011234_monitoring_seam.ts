import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_network_incidents_status" AS ENUM('open', 'resolved');
  CREATE TABLE "network_incidents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"status" "enum_network_incidents_status" DEFAULT 'open' NOT NULL,
  	"area" varchar,
  	"started_at" timestamp(3) with time zone NOT NULL,
  	"resolved_at" timestamp(3) with time zone,
  	"affected_count" numeric DEFAULT 0 NOT NULL,
  	"customer_message" varchar,
  	"estimated_restore_at" timestamp(3) with time zone,
  	"cause" varchar,
  	"source" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "network_incidents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"customers_id" integer
  );
  
  CREATE TABLE "customer_outages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer NOT NULL,
  	"started_at" timestamp(3) with time zone NOT NULL,
  	"ended_at" timestamp(3) with time zone,
  	"incident_id" integer,
  	"source" varchar,
  	"cause" varchar,
  	"last_seen_at" timestamp(3) with time zone,
  	"ticket_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "usage_daily" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer NOT NULL,
  	"day" varchar NOT NULL,
  	"rx_bytes" numeric DEFAULT 0 NOT NULL,
  	"tx_bytes" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "customers" ADD COLUMN "network_status_online" boolean;
  ALTER TABLE "customers" ADD COLUMN "network_status_since" timestamp(3) with time zone;
  ALTER TABLE "customers" ADD COLUMN "network_status_last_seen_at" timestamp(3) with time zone;
  ALTER TABLE "customers" ADD COLUMN "network_status_last_cause" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "network_incidents_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "customer_outages_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "usage_daily_id" integer;
  ALTER TABLE "network_incidents_rels" ADD CONSTRAINT "network_incidents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."network_incidents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "network_incidents_rels" ADD CONSTRAINT "network_incidents_rels_customers_fk" FOREIGN KEY ("customers_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "customer_outages" ADD CONSTRAINT "customer_outages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "customer_outages" ADD CONSTRAINT "customer_outages_incident_id_network_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."network_incidents"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "customer_outages" ADD CONSTRAINT "customer_outages_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "network_incidents_status_idx" ON "network_incidents" USING btree ("status");
  CREATE INDEX "network_incidents_started_at_idx" ON "network_incidents" USING btree ("started_at");
  CREATE INDEX "network_incidents_updated_at_idx" ON "network_incidents" USING btree ("updated_at");
  CREATE INDEX "network_incidents_created_at_idx" ON "network_incidents" USING btree ("created_at");
  CREATE INDEX "network_incidents_rels_order_idx" ON "network_incidents_rels" USING btree ("order");
  CREATE INDEX "network_incidents_rels_parent_idx" ON "network_incidents_rels" USING btree ("parent_id");
  CREATE INDEX "network_incidents_rels_path_idx" ON "network_incidents_rels" USING btree ("path");
  CREATE INDEX "network_incidents_rels_customers_id_idx" ON "network_incidents_rels" USING btree ("customers_id");
  CREATE INDEX "customer_outages_customer_idx" ON "customer_outages" USING btree ("customer_id");
  CREATE INDEX "customer_outages_started_at_idx" ON "customer_outages" USING btree ("started_at");
  CREATE INDEX "customer_outages_ended_at_idx" ON "customer_outages" USING btree ("ended_at");
  CREATE INDEX "customer_outages_incident_idx" ON "customer_outages" USING btree ("incident_id");
  CREATE INDEX "customer_outages_ticket_idx" ON "customer_outages" USING btree ("ticket_id");
  CREATE INDEX "customer_outages_updated_at_idx" ON "customer_outages" USING btree ("updated_at");
  CREATE INDEX "customer_outages_created_at_idx" ON "customer_outages" USING btree ("created_at");
  CREATE INDEX "usage_daily_customer_idx" ON "usage_daily" USING btree ("customer_id");
  CREATE INDEX "usage_daily_day_idx" ON "usage_daily" USING btree ("day");
  CREATE INDEX "usage_daily_updated_at_idx" ON "usage_daily" USING btree ("updated_at");
  CREATE INDEX "usage_daily_created_at_idx" ON "usage_daily" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_network_incidents_fk" FOREIGN KEY ("network_incidents_id") REFERENCES "public"."network_incidents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_customer_outages_fk" FOREIGN KEY ("customer_outages_id") REFERENCES "public"."customer_outages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_usage_daily_fk" FOREIGN KEY ("usage_daily_id") REFERENCES "public"."usage_daily"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_network_incidents_id_idx" ON "payload_locked_documents_rels" USING btree ("network_incidents_id");
  CREATE INDEX "payload_locked_documents_rels_customer_outages_id_idx" ON "payload_locked_documents_rels" USING btree ("customer_outages_id");
  CREATE INDEX "payload_locked_documents_rels_usage_daily_id_idx" ON "payload_locked_documents_rels" USING btree ("usage_daily_id");`)
  // Exactly once, held by the database: one usage row per customer and WIB day, one open outage
  // per customer, and each customer listed once per incident. Named here so no other index can
  // take the names Payload would generate.
  await db.execute(sql`
  CREATE UNIQUE INDEX "usage_daily_customer_day_key" ON "usage_daily" USING btree ("customer_id","day");
  CREATE UNIQUE INDEX "customer_outages_one_open_key" ON "customer_outages" USING btree ("customer_id") WHERE "ended_at" IS NULL;
  CREATE UNIQUE INDEX "network_incidents_rels_customer_once_key" ON "network_incidents_rels" USING btree ("parent_id","path","customers_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "network_incidents_rels_customer_once_key";
   ALTER TABLE "network_incidents" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "network_incidents_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "customer_outages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "usage_daily" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "network_incidents" CASCADE;
  DROP TABLE "network_incidents_rels" CASCADE;
  DROP TABLE "customer_outages" CASCADE;
  DROP TABLE "usage_daily" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_network_incidents_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_customer_outages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_usage_daily_fk";
  
  DROP INDEX "payload_locked_documents_rels_network_incidents_id_idx";
  DROP INDEX "payload_locked_documents_rels_customer_outages_id_idx";
  DROP INDEX "payload_locked_documents_rels_usage_daily_id_idx";
  ALTER TABLE "customers" DROP COLUMN "network_status_online";
  ALTER TABLE "customers" DROP COLUMN "network_status_since";
  ALTER TABLE "customers" DROP COLUMN "network_status_last_seen_at";
  ALTER TABLE "customers" DROP COLUMN "network_status_last_cause";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "network_incidents_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "customer_outages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "usage_daily_id";
  DROP TYPE "public"."enum_network_incidents_status";`)
}
