import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_notif_staff_alert_channel" AS ENUM('whatsapp', 'fonnte', 'email');
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_staff_alert_enabled" boolean DEFAULT true;
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_staff_alert_channel" "enum_notif_staff_alert_channel";
  ALTER TABLE "notification_settings" ADD COLUMN "triggers_staff_alert_template_id" integer;
  ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_triggers_staff_alert_template_id_message_templates_id_fk" FOREIGN KEY ("triggers_staff_alert_template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "notification_settings_triggers_staff_alert_triggers_staf_idx" ON "notification_settings" USING btree ("triggers_staff_alert_template_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_triggers_staff_alert_template_id_message_templates_id_fk";
  
  DROP INDEX "notification_settings_triggers_staff_alert_triggers_staf_idx";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_staff_alert_enabled";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_staff_alert_channel";
  ALTER TABLE "notification_settings" DROP COLUMN "triggers_staff_alert_template_id";
  DROP TYPE "public"."enum_notif_staff_alert_channel";`)
}
