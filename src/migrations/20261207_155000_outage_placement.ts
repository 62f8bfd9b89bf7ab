import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Each outage carries its customer's placement and standing as they are now (`odp`, `router_id`,
 * `customer_active`), so the correlator groups a storm's outages in one scan of the outages instead
 * of looking up every customer. They are not Payload fields: a trigger fills them on every insert,
 * whoever inserts, and another keeps them current when a customer's ODP, router or status changes
 * (that customer's outages only).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "customer_outages" ADD COLUMN "odp" varchar, ADD COLUMN "router_id" integer, ADD COLUMN "customer_active" boolean;

  CREATE FUNCTION "customer_outages_placed"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    SELECT c.odp, c.router_id, c.status = 'active' INTO NEW.odp, NEW.router_id, NEW.customer_active
      FROM customers c WHERE c.id = NEW.customer_id;
    RETURN NEW;
  END $$;
  CREATE TRIGGER "customer_outages_place" BEFORE INSERT OR UPDATE OF "customer_id" ON "customer_outages"
    FOR EACH ROW EXECUTE FUNCTION "customer_outages_placed"();

  CREATE FUNCTION "customer_outages_replaced"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE customer_outages SET odp = NEW.odp, router_id = NEW.router_id, customer_active = NEW.status = 'active'
     WHERE customer_id = NEW.id;
    RETURN NULL;
  END $$;
  CREATE TRIGGER "customers_outage_placement" AFTER UPDATE OF "status", "odp", "router_id" ON "customers"
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.odp IS DISTINCT FROM NEW.odp
                       OR OLD.router_id IS DISTINCT FROM NEW.router_id)
    EXECUTE FUNCTION "customer_outages_replaced"();

  UPDATE customer_outages o SET odp = c.odp, router_id = c.router_id, customer_active = c.status = 'active'
    FROM customers c WHERE c.id = o.customer_id;
  CREATE INDEX "customer_outages_judged_idx" ON "customer_outages" ("started_at") WHERE "ticket_id" IS NULL;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "customer_outages_judged_idx";
  DROP TRIGGER IF EXISTS "customers_outage_placement" ON "customers";
  DROP FUNCTION IF EXISTS "customer_outages_replaced"();
  DROP TRIGGER IF EXISTS "customer_outages_place" ON "customer_outages";
  DROP FUNCTION IF EXISTS "customer_outages_placed"();
  ALTER TABLE "customer_outages" DROP COLUMN IF EXISTS "odp", DROP COLUMN IF EXISTS "router_id", DROP COLUMN IF EXISTS "customer_active";`)
}
