import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { isSealed, seal, unseal } from '../lib/secretBox'

/** Seals the router API passwords stored in plain before sealing existed (data only, no schema change). */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  const { rows } = await db.execute(sql`SELECT id, password FROM routers WHERE password IS NOT NULL AND password NOT LIKE 'enc:v1:%'`)
  for (const row of rows as { id: number; password: string }[]) await db.execute(sql`UPDATE routers SET password = ${seal(row.password)} WHERE id = ${row.id}`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  const { rows } = await db.execute(sql`SELECT id, password FROM routers WHERE password LIKE 'enc:v1:%'`)
  for (const row of rows as { id: number; password: string }[]) if (isSealed(row.password)) await db.execute(sql`UPDATE routers SET password = ${unseal(row.password)} WHERE id = ${row.id}`)
}
