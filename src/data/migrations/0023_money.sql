CREATE TABLE "client_packages" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"package_type_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sessions_total" integer NOT NULL,
	"sessions_used" integer DEFAULT 0 NOT NULL,
	"price_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"service_ids" uuid[] NOT NULL,
	"invoice_id" uuid NOT NULL,
	"purchased_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"transferred_to" uuid,
	CONSTRAINT "client_packages_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "client_packages_sessions_ck" CHECK ("client_packages"."sessions_used" between 0 and "client_packages"."sessions_total")
);
--> statement-breakpoint
CREATE TABLE "clinic_billing" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text DEFAULT '' NOT NULL,
	"legal_address" text DEFAULT '' NOT NULL,
	"company_number" text,
	"vat_registered" boolean DEFAULT false NOT NULL,
	"vat_number" text,
	"vat_rate_bp" integer DEFAULT 2000 NOT NULL,
	"invoice_prefix" text DEFAULT 'INV' NOT NULL,
	"credit_note_prefix" text DEFAULT 'CN' NOT NULL,
	"next_invoice_number" integer DEFAULT 1 NOT NULL,
	"next_credit_note_number" integer DEFAULT 1 NOT NULL,
	"late_cancel_draws_credit" boolean DEFAULT true NOT NULL,
	"no_show_draws_credit" boolean DEFAULT true NOT NULL,
	"voucher_validity_months" integer DEFAULT 12 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_billing_ranges_ck" CHECK ("clinic_billing"."vat_rate_bp" between 0 and 10000 and "clinic_billing"."voucher_validity_months" between 12 and 120
      and "clinic_billing"."next_invoice_number" >= 1 and "clinic_billing"."next_credit_note_number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"clinic_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"ref_id" uuid,
	"quantity" integer NOT NULL,
	"unit_price_minor" integer NOT NULL,
	"total_minor" integer NOT NULL,
	"vat_minor" integer NOT NULL,
	CONSTRAINT "invoice_lines_clinic_id_invoice_id_position_pk" PRIMARY KEY("clinic_id","invoice_id","position"),
	CONSTRAINT "invoice_lines_ck" CHECK ("invoice_lines"."quantity" > 0 and "invoice_lines"."unit_price_minor" >= 0 and "invoice_lines"."total_minor" = "invoice_lines"."quantity" * "invoice_lines"."unit_price_minor" and "invoice_lines"."vat_minor" between 0 and "invoice_lines"."total_minor")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"number" integer NOT NULL,
	"number_text" text NOT NULL,
	"client_id" uuid NOT NULL,
	"corrects_invoice_id" uuid,
	"booking_id" uuid,
	"currency" text NOT NULL,
	"total_minor" integer NOT NULL,
	"vat_minor" integer NOT NULL,
	"net_minor" integer NOT NULL,
	"vat_rate_bp" integer NOT NULL,
	"seller" jsonb NOT NULL,
	"buyer" jsonb NOT NULL,
	"reason" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"idempotency_key" text,
	CONSTRAINT "invoices_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "invoices_number_uq" UNIQUE("clinic_id","kind","number"),
	CONSTRAINT "invoices_idempotency_uq" UNIQUE("clinic_id","idempotency_key"),
	CONSTRAINT "invoices_amounts_ck" CHECK ("invoices"."total_minor" >= 0 and "invoices"."vat_minor" >= 0 and "invoices"."net_minor" = "invoices"."total_minor" - "invoices"."vat_minor"),
	CONSTRAINT "invoices_credit_ck" CHECK (("invoices"."kind" = 'credit_note') = ("invoices"."corrects_invoice_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "package_credits" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_package_id" uuid NOT NULL,
	"booking_id" uuid,
	"delta" integer NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid,
	CONSTRAINT "package_credits_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "package_credits_delta_ck" CHECK ("package_credits"."delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "package_types" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"sessions" integer NOT NULL,
	"price_minor" integer NOT NULL,
	"validity_months" integer NOT NULL,
	"service_ids" uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sell_online" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "package_types_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "package_types_ck" CHECK ("package_types"."sessions" between 1 and 100 and "package_types"."price_minor" >= 0 and "package_types"."validity_months" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"refund_of" uuid,
	"voucher_id" uuid,
	"client_package_id" uuid,
	"reference" text,
	"reason" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "payments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "payments_amount_ck" CHECK ("payments"."amount_minor" > 0),
	CONSTRAINT "payments_refund_ck" CHECK (("payments"."kind" = 'refund') = ("payments"."refund_of" is not null))
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"service_id" uuid,
	"initial_minor" integer NOT NULL,
	"balance_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"recipient_name" text,
	"invoice_id" uuid NOT NULL,
	"purchaser_client_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vouchers_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "vouchers_code_uq" UNIQUE("code"),
	CONSTRAINT "vouchers_balance_ck" CHECK ("vouchers"."balance_minor" between 0 and "vouchers"."initial_minor" and "vouchers"."initial_minor" > 0),
	CONSTRAINT "vouchers_kind_ck" CHECK (("vouchers"."kind" = 'treatment') = ("vouchers"."service_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "client_packages" ADD CONSTRAINT "client_packages_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_packages" ADD CONSTRAINT "client_packages_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_packages" ADD CONSTRAINT "client_packages_clinic_id_package_type_id_package_types_clinic_id_id_fk" FOREIGN KEY ("clinic_id","package_type_id") REFERENCES "public"."package_types"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_billing" ADD CONSTRAINT "clinic_billing_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_clinic_id_invoice_id_invoices_clinic_id_id_fk" FOREIGN KEY ("clinic_id","invoice_id") REFERENCES "public"."invoices"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_clinic_id_corrects_invoice_id_invoices_clinic_id_id_fk" FOREIGN KEY ("clinic_id","corrects_invoice_id") REFERENCES "public"."invoices"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_credits" ADD CONSTRAINT "package_credits_clinic_id_client_package_id_client_packages_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_package_id") REFERENCES "public"."client_packages"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_types" ADD CONSTRAINT "package_types_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_invoice_id_invoices_clinic_id_id_fk" FOREIGN KEY ("clinic_id","invoice_id") REFERENCES "public"."invoices"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_refund_of_payments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","refund_of") REFERENCES "public"."payments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_packages_client_idx" ON "client_packages" USING btree ("clinic_id","client_id");--> statement-breakpoint
CREATE INDEX "invoices_client_idx" ON "invoices" USING btree ("clinic_id","client_id","issued_at");--> statement-breakpoint
CREATE INDEX "invoices_issued_idx" ON "invoices" USING btree ("clinic_id","issued_at");--> statement-breakpoint
CREATE INDEX "package_credits_package_idx" ON "package_credits" USING btree ("clinic_id","client_package_id");--> statement-breakpoint
CREATE INDEX "package_credits_booking_idx" ON "package_credits" USING btree ("clinic_id","booking_id");--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("clinic_id","invoice_id");--> statement-breakpoint
CREATE INDEX "payments_recorded_idx" ON "payments" USING btree ("clinic_id","recorded_at");