import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "messages" ADD COLUMN "send_attempt_key" varchar;
  ALTER TABLE "messages" ADD COLUMN "send_attempted_at" timestamp(3) with time zone;
  CREATE UNIQUE INDEX "messages_send_attempt_key_idx" ON "messages" USING btree ("send_attempt_key");`)
  // A message's send attempt carries that message's own key: one attempt per message, ever.
  await db.execute(sql`
   ALTER TABLE "messages" ADD CONSTRAINT "messages_send_attempt_key_own" CHECK ("send_attempt_key" IS NULL OR "send_attempt_key" = 'ispops-msg-' || "id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "messages" DROP CONSTRAINT "messages_send_attempt_key_own";
  DROP INDEX "messages_send_attempt_key_idx";
  ALTER TABLE "messages" DROP COLUMN "send_attempt_key";
  ALTER TABLE "messages" DROP COLUMN "send_attempted_at";`)
}
