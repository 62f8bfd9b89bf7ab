import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Active customers per (lower-cased ODP name, router), kept by triggers on `customers` so the
 * correlator reads a few hundred counts instead of scanning every customer each pass
 * (`loadTopology`). Triggers only append signed changes to `active_customer_count_changes`
 * (never update a shared row, so concurrent customer writes neither wait on nor deadlock over a
 * count); the correlator folds them into `active_customer_counts` under its advisory lock
 * (`foldActiveCustomerCounts`), and a reader sums both tables in one statement.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "active_customer_counts" (
    "odp_key" varchar,
    "router_id" integer,
    "n" integer NOT NULL,
    CONSTRAINT "active_customer_counts_key" UNIQUE NULLS NOT DISTINCT ("odp_key", "router_id")
  );
  CREATE TABLE "active_customer_count_changes" (
    "odp_key" varchar,
    "router_id" integer,
    "n" integer NOT NULL
  );

  CREATE FUNCTION "active_customer_counts_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO active_customer_count_changes (odp_key, router_id, n)
    SELECT lower(odp), router_id, count(*) FROM customers_inserted WHERE status = 'active' GROUP BY 1, 2;
    RETURN NULL;
  END $$;
  CREATE FUNCTION "active_customer_counts_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO active_customer_count_changes (odp_key, router_id, n)
    SELECT lower(odp), router_id, -count(*) FROM customers_deleted WHERE status = 'active' GROUP BY 1, 2;
    RETURN NULL;
  END $$;
  CREATE FUNCTION "active_customer_counts_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO active_customer_count_changes (odp_key, router_id, n)
    SELECT lower(OLD.odp), OLD.router_id, -1 WHERE OLD.status = 'active'
    UNION ALL
    SELECT lower(NEW.odp), NEW.router_id, 1 WHERE NEW.status = 'active';
    RETURN NULL;
  END $$;
  CREATE FUNCTION "active_customer_counts_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM active_customer_count_changes;
    DELETE FROM active_customer_counts;
    RETURN NULL;
  END $$;

  CREATE TRIGGER "customers_active_count_insert" AFTER INSERT ON "customers"
    REFERENCING NEW TABLE AS customers_inserted FOR EACH STATEMENT EXECUTE FUNCTION "active_customer_counts_inserted"();
  CREATE TRIGGER "customers_active_count_delete" AFTER DELETE ON "customers"
    REFERENCING OLD TABLE AS customers_deleted FOR EACH STATEMENT EXECUTE FUNCTION "active_customer_counts_deleted"();
  -- Only rows whose count key or status changed: the column list skips the trigger for updates
  -- that set none of the three (network state, last seen), the WHEN for those that set them unchanged.
  CREATE TRIGGER "customers_active_count_update" AFTER UPDATE OF "status", "odp", "router_id" ON "customers"
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.odp IS DISTINCT FROM NEW.odp
                       OR OLD.router_id IS DISTINCT FROM NEW.router_id)
    EXECUTE FUNCTION "active_customer_counts_updated"();
  CREATE TRIGGER "customers_active_count_truncate" AFTER TRUNCATE ON "customers"
    FOR EACH STATEMENT EXECUTE FUNCTION "active_customer_counts_truncated"();

  -- Creating the triggers locked out customer writes until this commits: the counts start exact.
  INSERT INTO "active_customer_counts" (odp_key, router_id, n)
  SELECT lower(odp), router_id, count(*) FROM customers WHERE status = 'active' GROUP BY 1, 2;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS "customers_active_count_insert" ON "customers";
  DROP TRIGGER IF EXISTS "customers_active_count_delete" ON "customers";
  DROP TRIGGER IF EXISTS "customers_active_count_update" ON "customers";
  DROP TRIGGER IF EXISTS "customers_active_count_truncate" ON "customers";
  DROP FUNCTION IF EXISTS "active_customer_counts_inserted"();
  DROP FUNCTION IF EXISTS "active_customer_counts_deleted"();
  DROP FUNCTION IF EXISTS "active_customer_counts_updated"();
  DROP FUNCTION IF EXISTS "active_customer_counts_truncated"();
  DROP TABLE IF EXISTS "active_customer_count_changes";
  DROP TABLE IF EXISTS "active_customer_counts";`)
}
