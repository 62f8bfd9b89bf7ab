import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The admin's global search: trigram indexes (pg_trgm) so that a part of a name, address, phone
 * or number is found without scanning whole tables. No collection changes: the schema snapshot is
 * the previous migration's.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX IF NOT EXISTS "customers_search_trgm_idx" ON "customers"
    USING gin ((coalesce("number", '') || ' ' || "name" || ' ' || "phone" || ' ' || coalesce("address", '')) gin_trgm_ops);
  CREATE INDEX IF NOT EXISTS "invoices_number_trgm_idx" ON "invoices" USING gin (coalesce("number", '') gin_trgm_ops);
  CREATE INDEX IF NOT EXISTS "payments_search_trgm_idx" ON "payments"
    USING gin ((coalesce("number", '') || ' ' || coalesce("reference", '')) gin_trgm_ops);
  CREATE INDEX IF NOT EXISTS "tickets_search_trgm_idx" ON "tickets"
    USING gin ((coalesce("number", '') || ' ' || "subject") gin_trgm_ops);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "customers_search_trgm_idx";
  DROP INDEX IF EXISTS "invoices_number_trgm_idx";
  DROP INDEX IF EXISTS "payments_search_trgm_idx";
  DROP INDEX IF EXISTS "tickets_search_trgm_idx";`)
}
