import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'noticeIncidentCustomers' BEFORE 'pollRouters';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'noticeIncidentCustomers' BEFORE 'pollRouters';
  ALTER TABLE "network_incidents_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "network_incidents_rels" CASCADE;
  ALTER TABLE "customer_outages" DROP CONSTRAINT "customer_outages_incident_id_network_incidents_id_fk";
  
  DROP INDEX "customer_outages_incident_idx";
  ALTER TABLE "customer_outages" DROP COLUMN "incident_id";`)
}

/**
 * Who an incident affects is derived from its node, start and end and the customers' outages
 * (`incidentOutages`), no longer stored: the outage's incident and the incident's customer list go.
 * Down stores them again, filled from the same rule.
 */
export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DELETE FROM "payload_jobs" WHERE "task_slug" = 'noticeIncidentCustomers';
  DELETE FROM "payload_jobs_log" WHERE "task_slug" = 'noticeIncidentCustomers';
  CREATE TABLE "network_incidents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"customers_id" integer
  );
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'prerenderInvoicePdf', 'backup', 'backupRestoreDrill', 'correlateOutages', 'pollRouters', 'pollPrtg', 'reconcileZabbix', 'snapshotMrr', 'sendNotification', 'importCustomers');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'sendPasswordReset', 'generateInvoices', 'suspendOverdue', 'applyNetworkActions', 'checkRouterState', 'notifyInvoicesIssued', 'sendPaymentReminders', 'cancelPayLinks', 'prerenderInvoicePdf', 'backup', 'backupRestoreDrill', 'correlateOutages', 'pollRouters', 'pollPrtg', 'reconcileZabbix', 'snapshotMrr', 'sendNotification', 'importCustomers');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "customer_outages" ADD COLUMN "incident_id" integer;
  ALTER TABLE "network_incidents_rels" ADD CONSTRAINT "network_incidents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."network_incidents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "network_incidents_rels" ADD CONSTRAINT "network_incidents_rels_customers_fk" FOREIGN KEY ("customers_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "network_incidents_rels_order_idx" ON "network_incidents_rels" USING btree ("order");
  CREATE INDEX "network_incidents_rels_parent_idx" ON "network_incidents_rels" USING btree ("parent_id");
  CREATE INDEX "network_incidents_rels_path_idx" ON "network_incidents_rels" USING btree ("path");
  CREATE INDEX "network_incidents_rels_customers_id_idx" ON "network_incidents_rels" USING btree ("customers_id");
  ALTER TABLE "customer_outages" ADD CONSTRAINT "customer_outages_incident_id_network_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."network_incidents"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "customer_outages_incident_idx" ON "customer_outages" USING btree ("incident_id");
  CREATE UNIQUE INDEX "network_incidents_rels_customer_once_key" ON "network_incidents_rels" USING btree ("parent_id","path","customers_id");
  WITH RECURSIVE beneath(incident_id, node_id, depth) AS (
    SELECT id, node_id, 0 FROM network_incidents WHERE node_id IS NOT NULL
    UNION ALL
    SELECT b.incident_id, n.id, b.depth + 1 FROM beneath b JOIN network_nodes n ON n.parent_id = b.node_id WHERE b.depth < 12
  ), odp AS (
    SELECT DISTINCT ON (lower(name)) lower(name) AS key, id FROM network_nodes WHERE kind = 'odp' ORDER BY lower(name), id
  ), rn AS (
    SELECT DISTINCT ON (router_id) router_id, id FROM network_nodes WHERE kind = 'router' AND router_id IS NOT NULL ORDER BY router_id, id
  ), member AS (
    SELECT DISTINCT ON (o.id) o.id AS outage_id, i.id AS incident_id
      FROM customer_outages o JOIN customers c ON c.id = o.customer_id
      LEFT JOIN odp ON odp.key = lower(c.odp) LEFT JOIN rn ON rn.router_id = c.router_id
      JOIN beneath b ON b.node_id = coalesce(odp.id, rn.id)
      JOIN network_incidents i ON i.id = b.incident_id
     WHERE o.started_at >= i.started_at - make_interval(secs => coalesce((SELECT incident_window_seconds FROM monitoring_settings LIMIT 1), 120)::float8)
       AND (i.resolved_at IS NULL OR o.started_at < i.resolved_at)
     ORDER BY o.id, i.status = 'open' DESC, i.started_at
  )
  UPDATE customer_outages o SET incident_id = member.incident_id FROM member WHERE o.id = member.outage_id;
  INSERT INTO network_incidents_rels ("order", parent_id, path, customers_id)
  SELECT row_number() OVER (PARTITION BY incident_id ORDER BY customer_id), incident_id, 'affectedCustomers', customer_id
    FROM (SELECT DISTINCT incident_id, customer_id FROM customer_outages WHERE incident_id IS NOT NULL) x;`)
}
