import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_customers_suspension_source" AS ENUM('billing', 'manual');
  CREATE TYPE "public"."enum_customers_network_method" AS ENUM('pppoe', 'address-list');
  CREATE TYPE "public"."enum_invoices_lines_kind" AS ENUM('package', 'proration', 'one_off', 'discount');
  CREATE TYPE "public"."enum_invoices_status" AS ENUM('unpaid', 'partially_paid', 'paid', 'void');
  CREATE TYPE "public"."enum_payments_method" AS ENUM('cash', 'bank_transfer', 'qris', 'gopay', 'gateway');
  CREATE TYPE "public"."enum_payments_status" AS ENUM('pending', 'verified', 'rejected');
  CREATE TYPE "public"."enum_payments_source" AS ENUM('admin', 'portal', 'whatsapp', 'gateway');
  CREATE TYPE "public"."enum_billing_adjustments_kind" AS ENUM('one_off', 'discount', 'proration');
  CREATE TYPE "public"."enum_billing_adjustments_status" AS ENUM('pending', 'billed');
  CREATE TYPE "public"."enum_gateway_payments_provider" AS ENUM('midtrans', 'xendit');
  CREATE TYPE "public"."enum_gateway_payments_status" AS ENUM('pending', 'paid', 'expired', 'failed', 'refunded', 'review');
  CREATE TYPE "public"."enum_gateway_events_provider" AS ENUM('midtrans', 'xendit');
  CREATE TYPE "public"."enum_gateway_events_outcome" AS ENUM('applied', 'ignored', 'amount_mismatch', 'unknown_order');
  CREATE TYPE "public"."enum_routers_default_method" AS ENUM('pppoe', 'address-list');
  CREATE TYPE "public"."enum_network_actions_action" AS ENUM('suspend', 'restore');
  CREATE TYPE "public"."enum_network_actions_status" AS ENUM('pending', 'done', 'failed', 'skipped');
  CREATE TYPE "public"."enum_billing_settings_gateway" AS ENUM('none', 'midtrans', 'xendit');
  ALTER TYPE "public"."enum_service_history_type" ADD VALUE 'payment';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'generateInvoices' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'suspendOverdue' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'applyNetworkActions' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'checkRouterState' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'generateInvoices' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'suspendOverdue' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'applyNetworkActions' BEFORE 'backup';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'checkRouterState' BEFORE 'backup';
  CREATE TABLE "invoices_lines" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"description" varchar NOT NULL,
  	"kind" "enum_invoices_lines_kind" DEFAULT 'one_off' NOT NULL,
  	"quantity" numeric DEFAULT 1 NOT NULL,
  	"unit_price" numeric NOT NULL,
  	"amount" numeric
  );
  
  CREATE TABLE "invoices" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"number" varchar,
  	"customer_id" integer NOT NULL,
  	"period" varchar,
  	"issue_date" timestamp(3) with time zone NOT NULL,
  	"due_date" timestamp(3) with time zone NOT NULL,
  	"subtotal" numeric,
  	"discount_total" numeric,
  	"ppn" numeric,
  	"ppn_rate" numeric,
  	"total" numeric,
  	"credit_applied" numeric DEFAULT 0,
  	"amount_paid" numeric DEFAULT 0,
  	"balance_due" numeric,
  	"status" "enum_invoices_status" DEFAULT 'unpaid' NOT NULL,
  	"paid_at" timestamp(3) with time zone,
  	"void_reason" varchar,
  	"voided_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payments_allocations" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"invoice_id" integer NOT NULL,
  	"amount" numeric NOT NULL
  );
  
  CREATE TABLE "payments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"number" varchar,
  	"customer_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"method" "enum_payments_method" DEFAULT 'bank_transfer' NOT NULL,
  	"reference" varchar,
  	"period" varchar,
  	"payment_date" timestamp(3) with time zone NOT NULL,
  	"due_date" timestamp(3) with time zone,
  	"proof_id" integer,
  	"status" "enum_payments_status" DEFAULT 'pending' NOT NULL,
  	"rejection_reason" varchar,
  	"processed_by_id" integer,
  	"verified_at" timestamp(3) with time zone,
  	"source" "enum_payments_source" DEFAULT 'admin',
  	"notes" varchar,
  	"idempotency_key" varchar,
  	"credit_added" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payments_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"invoices_id" integer
  );
  
  CREATE TABLE "billing_adjustments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer NOT NULL,
  	"description" varchar NOT NULL,
  	"kind" "enum_billing_adjustments_kind" DEFAULT 'one_off' NOT NULL,
  	"amount" numeric NOT NULL,
  	"status" "enum_billing_adjustments_status" DEFAULT 'pending' NOT NULL,
  	"invoice_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "gateway_payments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order_id" varchar NOT NULL,
  	"provider" "enum_gateway_payments_provider" NOT NULL,
  	"invoice_id" integer NOT NULL,
  	"customer_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"status" "enum_gateway_payments_status" DEFAULT 'pending' NOT NULL,
  	"pay_url" varchar,
  	"provider_ref" varchar,
  	"expires_at" timestamp(3) with time zone,
  	"payment_id" integer,
  	"review_note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "gateway_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_key" varchar NOT NULL,
  	"provider" "enum_gateway_events_provider" NOT NULL,
  	"order_id" varchar NOT NULL,
  	"status" varchar NOT NULL,
  	"amount" numeric,
  	"currency" varchar,
  	"outcome" "enum_gateway_events_outcome" NOT NULL,
  	"raw" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "routers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"base_url" varchar NOT NULL,
  	"username" varchar NOT NULL,
  	"password" varchar NOT NULL,
  	"default_method" "enum_routers_default_method" DEFAULT 'pppoe' NOT NULL,
  	"isolir_profile" varchar DEFAULT 'isolir',
  	"address_list" varchar DEFAULT 'isolir',
  	"is_default" boolean DEFAULT false,
  	"reject_unauthorized" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "network_actions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer NOT NULL,
  	"action" "enum_network_actions_action" NOT NULL,
  	"status" "enum_network_actions_status" DEFAULT 'pending' NOT NULL,
  	"reason" varchar,
  	"attempts" numeric DEFAULT 0,
  	"detail" varchar,
  	"completed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "billing_settings_bank_accounts" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"bank" varchar NOT NULL,
  	"account_number" varchar NOT NULL,
  	"holder" varchar NOT NULL
  );
  
  CREATE TABLE "billing_settings_holidays" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"date" varchar NOT NULL,
  	"name" varchar
  );
  
  CREATE TABLE "billing_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"isp_name" varchar DEFAULT 'ISP Ops Demo' NOT NULL,
  	"isp_address" varchar,
  	"isp_phone" varchar,
  	"isp_email" varchar,
  	"npwp" varchar,
  	"logo_id" integer,
  	"invoice_footer" varchar,
  	"due_days" numeric DEFAULT 10 NOT NULL,
  	"ppn_enabled" boolean DEFAULT false,
  	"ppn_rate" numeric DEFAULT 11,
  	"prorate_first_month" boolean DEFAULT true,
  	"auto_suspend" boolean DEFAULT true,
  	"grace_days" numeric DEFAULT 7 NOT NULL,
  	"gateway" "enum_billing_settings_gateway" DEFAULT 'midtrans',
  	"pay_link_expiry_hours" numeric DEFAULT 72,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "customers" ADD COLUMN "credit_balance" numeric DEFAULT 0;
  ALTER TABLE "customers" ADD COLUMN "promise_to_pay_until" timestamp(3) with time zone;
  ALTER TABLE "customers" ADD COLUMN "auto_suspend_exempt" boolean DEFAULT false;
  ALTER TABLE "customers" ADD COLUMN "suspension_source" "enum_customers_suspension_source";
  ALTER TABLE "customers" ADD COLUMN "suspended_at" timestamp(3) with time zone;
  ALTER TABLE "customers" ADD COLUMN "router_id" integer;
  ALTER TABLE "customers" ADD COLUMN "network_method" "enum_customers_network_method";
  ALTER TABLE "customers" ADD COLUMN "pppoe_username" varchar;
  ALTER TABLE "customers" ADD COLUMN "ip_address" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "invoices_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "payments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "billing_adjustments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "gateway_payments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "gateway_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "routers_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "network_actions_id" integer;
  ALTER TABLE "invoices_lines" ADD CONSTRAINT "invoices_lines_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_voided_by_id_users_id_fk" FOREIGN KEY ("voided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments_allocations" ADD CONSTRAINT "payments_allocations_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments_allocations" ADD CONSTRAINT "payments_allocations_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payments" ADD CONSTRAINT "payments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments" ADD CONSTRAINT "payments_proof_id_media_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments" ADD CONSTRAINT "payments_processed_by_id_users_id_fk" FOREIGN KEY ("processed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments_rels" ADD CONSTRAINT "payments_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payments_rels" ADD CONSTRAINT "payments_rels_invoices_fk" FOREIGN KEY ("invoices_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "billing_adjustments" ADD CONSTRAINT "billing_adjustments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "gateway_payments" ADD CONSTRAINT "gateway_payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "gateway_payments" ADD CONSTRAINT "gateway_payments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "gateway_payments" ADD CONSTRAINT "gateway_payments_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "network_actions" ADD CONSTRAINT "network_actions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "billing_settings_bank_accounts" ADD CONSTRAINT "billing_settings_bank_accounts_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."billing_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "billing_settings_holidays" ADD CONSTRAINT "billing_settings_holidays_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."billing_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_logo_id_media_id_fk" FOREIGN KEY ("logo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "invoices_lines_order_idx" ON "invoices_lines" USING btree ("_order");
  CREATE INDEX "invoices_lines_parent_id_idx" ON "invoices_lines" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "invoices_number_idx" ON "invoices" USING btree ("number");
  CREATE INDEX "invoices_customer_idx" ON "invoices" USING btree ("customer_id");
  CREATE INDEX "invoices_period_idx" ON "invoices" USING btree ("period");
  CREATE INDEX "invoices_issue_date_idx" ON "invoices" USING btree ("issue_date");
  CREATE INDEX "invoices_due_date_idx" ON "invoices" USING btree ("due_date");
  CREATE INDEX "invoices_status_idx" ON "invoices" USING btree ("status");
  CREATE INDEX "invoices_voided_by_idx" ON "invoices" USING btree ("voided_by_id");
  CREATE INDEX "invoices_updated_at_idx" ON "invoices" USING btree ("updated_at");
  CREATE INDEX "invoices_created_at_idx" ON "invoices" USING btree ("created_at");
  CREATE UNIQUE INDEX "customer_period_idx" ON "invoices" USING btree ("customer_id","period");
  CREATE INDEX "payments_allocations_order_idx" ON "payments_allocations" USING btree ("_order");
  CREATE INDEX "payments_allocations_parent_id_idx" ON "payments_allocations" USING btree ("_parent_id");
  CREATE INDEX "payments_allocations_invoice_idx" ON "payments_allocations" USING btree ("invoice_id");
  CREATE UNIQUE INDEX "payments_number_idx" ON "payments" USING btree ("number");
  CREATE INDEX "payments_customer_idx" ON "payments" USING btree ("customer_id");
  CREATE INDEX "payments_method_idx" ON "payments" USING btree ("method");
  CREATE INDEX "payments_payment_date_idx" ON "payments" USING btree ("payment_date");
  CREATE INDEX "payments_proof_idx" ON "payments" USING btree ("proof_id");
  CREATE INDEX "payments_status_idx" ON "payments" USING btree ("status");
  CREATE INDEX "payments_processed_by_idx" ON "payments" USING btree ("processed_by_id");
  CREATE UNIQUE INDEX "payments_idempotency_key_idx" ON "payments" USING btree ("idempotency_key");
  CREATE INDEX "payments_updated_at_idx" ON "payments" USING btree ("updated_at");
  CREATE INDEX "payments_created_at_idx" ON "payments" USING btree ("created_at");
  CREATE INDEX "payments_rels_order_idx" ON "payments_rels" USING btree ("order");
  CREATE INDEX "payments_rels_parent_idx" ON "payments_rels" USING btree ("parent_id");
  CREATE INDEX "payments_rels_path_idx" ON "payments_rels" USING btree ("path");
  CREATE INDEX "payments_rels_invoices_id_idx" ON "payments_rels" USING btree ("invoices_id");
  CREATE INDEX "billing_adjustments_customer_idx" ON "billing_adjustments" USING btree ("customer_id");
  CREATE INDEX "billing_adjustments_status_idx" ON "billing_adjustments" USING btree ("status");
  CREATE INDEX "billing_adjustments_invoice_idx" ON "billing_adjustments" USING btree ("invoice_id");
  CREATE INDEX "billing_adjustments_updated_at_idx" ON "billing_adjustments" USING btree ("updated_at");
  CREATE INDEX "billing_adjustments_created_at_idx" ON "billing_adjustments" USING btree ("created_at");
  CREATE UNIQUE INDEX "gateway_payments_order_id_idx" ON "gateway_payments" USING btree ("order_id");
  CREATE INDEX "gateway_payments_invoice_idx" ON "gateway_payments" USING btree ("invoice_id");
  CREATE INDEX "gateway_payments_customer_idx" ON "gateway_payments" USING btree ("customer_id");
  CREATE INDEX "gateway_payments_status_idx" ON "gateway_payments" USING btree ("status");
  CREATE INDEX "gateway_payments_payment_idx" ON "gateway_payments" USING btree ("payment_id");
  CREATE INDEX "gateway_payments_updated_at_idx" ON "gateway_payments" USING btree ("updated_at");
  CREATE INDEX "gateway_payments_created_at_idx" ON "gateway_payments" USING btree ("created_at");
  CREATE UNIQUE INDEX "gateway_events_event_key_idx" ON "gateway_events" USING btree ("event_key");
  CREATE INDEX "gateway_events_order_id_idx" ON "gateway_events" USING btree ("order_id");
  CREATE INDEX "gateway_events_updated_at_idx" ON "gateway_events" USING btree ("updated_at");
  CREATE INDEX "gateway_events_created_at_idx" ON "gateway_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "routers_name_idx" ON "routers" USING btree ("name");
  CREATE INDEX "routers_updated_at_idx" ON "routers" USING btree ("updated_at");
  CREATE INDEX "routers_created_at_idx" ON "routers" USING btree ("created_at");
  CREATE INDEX "network_actions_customer_idx" ON "network_actions" USING btree ("customer_id");
  CREATE INDEX "network_actions_status_idx" ON "network_actions" USING btree ("status");
  CREATE INDEX "network_actions_updated_at_idx" ON "network_actions" USING btree ("updated_at");
  CREATE INDEX "network_actions_created_at_idx" ON "network_actions" USING btree ("created_at");
  CREATE INDEX "billing_settings_bank_accounts_order_idx" ON "billing_settings_bank_accounts" USING btree ("_order");
  CREATE INDEX "billing_settings_bank_accounts_parent_id_idx" ON "billing_settings_bank_accounts" USING btree ("_parent_id");
  CREATE INDEX "billing_settings_holidays_order_idx" ON "billing_settings_holidays" USING btree ("_order");
  CREATE INDEX "billing_settings_holidays_parent_id_idx" ON "billing_settings_holidays" USING btree ("_parent_id");
  CREATE INDEX "billing_settings_logo_idx" ON "billing_settings" USING btree ("logo_id");
  ALTER TABLE "customers" ADD CONSTRAINT "customers_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_invoices_fk" FOREIGN KEY ("invoices_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_payments_fk" FOREIGN KEY ("payments_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_billing_adjustments_fk" FOREIGN KEY ("billing_adjustments_id") REFERENCES "public"."billing_adjustments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_gateway_payments_fk" FOREIGN KEY ("gateway_payments_id") REFERENCES "public"."gateway_payments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_gateway_events_fk" FOREIGN KEY ("gateway_events_id") REFERENCES "public"."gateway_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_routers_fk" FOREIGN KEY ("routers_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_network_actions_fk" FOREIGN KEY ("network_actions_id") REFERENCES "public"."network_actions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "customers_router_idx" ON "customers" USING btree ("router_id");
  CREATE INDEX "customers_pppoe_username_idx" ON "customers" USING btree ("pppoe_username");
  CREATE INDEX "payload_locked_documents_rels_invoices_id_idx" ON "payload_locked_documents_rels" USING btree ("invoices_id");
  CREATE INDEX "payload_locked_documents_rels_payments_id_idx" ON "payload_locked_documents_rels" USING btree ("payments_id");
  CREATE INDEX "payload_locked_documents_rels_billing_adjustments_id_idx" ON "payload_locked_documents_rels" USING btree ("billing_adjustments_id");
  CREATE INDEX "payload_locked_documents_rels_gateway_payments_id_idx" ON "payload_locked_documents_rels" USING btree ("gateway_payments_id");
  CREATE INDEX "payload_locked_documents_rels_gateway_events_id_idx" ON "payload_locked_documents_rels" USING btree ("gateway_events_id");
  CREATE INDEX "payload_locked_documents_rels_routers_id_idx" ON "payload_locked_documents_rels" USING btree ("routers_id");
  CREATE INDEX "payload_locked_documents_rels_network_actions_id_idx" ON "payload_locked_documents_rels" USING btree ("network_actions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "invoices_lines" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "invoices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payments_allocations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payments_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "billing_adjustments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "gateway_payments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "gateway_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "routers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "network_actions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "billing_settings_bank_accounts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "billing_settings_holidays" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "billing_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "invoices_lines" CASCADE;
  DROP TABLE "invoices" CASCADE;
  DROP TABLE "payments_allocations" CASCADE;
  DROP TABLE "payments" CASCADE;
  DROP TABLE "payments_rels" CASCADE;
  DROP TABLE "billing_adjustments" CASCADE;
  DROP TABLE "gateway_payments" CASCADE;
  DROP TABLE "gateway_events" CASCADE;
  DROP TABLE "routers" CASCADE;
  DROP TABLE "network_actions" CASCADE;
  DROP TABLE "billing_settings_bank_accounts" CASCADE;
  DROP TABLE "billing_settings_holidays" CASCADE;
  DROP TABLE "billing_settings" CASCADE;
  ALTER TABLE "customers" DROP CONSTRAINT "customers_router_id_routers_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_invoices_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_payments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_billing_adjustments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_gateway_payments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_gateway_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_routers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_network_actions_fk";
  
  ALTER TABLE "service_history" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_service_history_type";
  CREATE TYPE "public"."enum_service_history_type" AS ENUM('activation', 'package_change', 'suspension', 'restore', 'termination', 'equipment_installed', 'equipment_swapped', 'equipment_returned', 'equipment_broken', 'ticket_resolved');
  ALTER TABLE "service_history" ALTER COLUMN "type" SET DATA TYPE "public"."enum_service_history_type" USING "type"::"public"."enum_service_history_type";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'backup', 'backupRestoreDrill');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'workerProbe', 'pruneJobHistory', 'staffAlert', 'backup', 'backupRestoreDrill');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "customers_router_idx";
  DROP INDEX "customers_pppoe_username_idx";
  DROP INDEX "payload_locked_documents_rels_invoices_id_idx";
  DROP INDEX "payload_locked_documents_rels_payments_id_idx";
  DROP INDEX "payload_locked_documents_rels_billing_adjustments_id_idx";
  DROP INDEX "payload_locked_documents_rels_gateway_payments_id_idx";
  DROP INDEX "payload_locked_documents_rels_gateway_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_routers_id_idx";
  DROP INDEX "payload_locked_documents_rels_network_actions_id_idx";
  ALTER TABLE "customers" DROP COLUMN "credit_balance";
  ALTER TABLE "customers" DROP COLUMN "promise_to_pay_until";
  ALTER TABLE "customers" DROP COLUMN "auto_suspend_exempt";
  ALTER TABLE "customers" DROP COLUMN "suspension_source";
  ALTER TABLE "customers" DROP COLUMN "suspended_at";
  ALTER TABLE "customers" DROP COLUMN "router_id";
  ALTER TABLE "customers" DROP COLUMN "network_method";
  ALTER TABLE "customers" DROP COLUMN "pppoe_username";
  ALTER TABLE "customers" DROP COLUMN "ip_address";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "invoices_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "payments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "billing_adjustments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "gateway_payments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "gateway_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "routers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "network_actions_id";
  DROP TYPE "public"."enum_customers_suspension_source";
  DROP TYPE "public"."enum_customers_network_method";
  DROP TYPE "public"."enum_invoices_lines_kind";
  DROP TYPE "public"."enum_invoices_status";
  DROP TYPE "public"."enum_payments_method";
  DROP TYPE "public"."enum_payments_status";
  DROP TYPE "public"."enum_payments_source";
  DROP TYPE "public"."enum_billing_adjustments_kind";
  DROP TYPE "public"."enum_billing_adjustments_status";
  DROP TYPE "public"."enum_gateway_payments_provider";
  DROP TYPE "public"."enum_gateway_payments_status";
  DROP TYPE "public"."enum_gateway_events_provider";
  DROP TYPE "public"."enum_gateway_events_outcome";
  DROP TYPE "public"."enum_routers_default_method";
  DROP TYPE "public"."enum_network_actions_action";
  DROP TYPE "public"."enum_network_actions_status";
  DROP TYPE "public"."enum_billing_settings_gateway";`)
}
