CREATE TABLE "account_closure_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"requested_by" uuid,
	"reason" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"retain_until" date,
	CONSTRAINT "account_closure_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "aftercare_sent" (
	"clinic_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aftercare_sent_clinic_id_booking_id_pk" PRIMARY KEY("clinic_id","booking_id")
);
--> statement-breakpoint
CREATE TABLE "consent_templates" (
	"clinic_id" uuid NOT NULL,
	"service_kind" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"text_hash" text NOT NULL,
	"material" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_templates_clinic_id_service_kind_version_pk" PRIMARY KEY("clinic_id","service_kind","version"),
	CONSTRAINT "consent_templates_version_ck" CHECK ("consent_templates"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"service_kind" text NOT NULL,
	"template_version" integer NOT NULL,
	"text_hash" text NOT NULL,
	"typed_name" text NOT NULL,
	"signature_png" "bytea" NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "consents_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "consents_signature_size_ck" CHECK (octet_length("consents"."signature_png") between 1 and 262144)
);
--> statement-breakpoint
CREATE TABLE "form_responses" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"form_key" text NOT NULL,
	"form_version" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text DEFAULT 'client' NOT NULL,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"locked_by" uuid,
	CONSTRAINT "form_responses_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "form_responses_version_uq" UNIQUE("clinic_id","client_id","form_key","version"),
	CONSTRAINT "form_responses_submitted_ck" CHECK (("form_responses"."status" = 'draft') = ("form_responses"."submitted_at" is null))
);
--> statement-breakpoint
CREATE TABLE "form_versions" (
	"clinic_id" uuid NOT NULL,
	"form_key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_versions_clinic_id_form_key_version_pk" PRIMARY KEY("clinic_id","form_key","version"),
	CONSTRAINT "form_versions_version_ck" CHECK ("form_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "screening_decisions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"service_kind" text NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_decisions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "screening_rule_sets" (
	"clinic_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_rule_sets_clinic_id_version_pk" PRIMARY KEY("clinic_id","version"),
	CONSTRAINT "screening_rule_sets_version_ck" CHECK ("screening_rule_sets"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "service_aftercare" (
	"clinic_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_aftercare_clinic_id_service_id_pk" PRIMARY KEY("clinic_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "account_closure_requests" ADD CONSTRAINT "account_closure_requests_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_sent" ADD CONSTRAINT "aftercare_sent_clinic_id_booking_id_bookings_clinic_id_id_fk" FOREIGN KEY ("clinic_id","booking_id") REFERENCES "public"."bookings"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_templates" ADD CONSTRAINT "consent_templates_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_clinic_id_service_kind_template_version_consent_templates_clinic_id_service_kind_version_fk" FOREIGN KEY ("clinic_id","service_kind","template_version") REFERENCES "public"."consent_templates"("clinic_id","service_kind","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_responses" ADD CONSTRAINT "form_responses_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_responses" ADD CONSTRAINT "form_responses_clinic_id_form_key_form_version_form_versions_clinic_id_form_key_version_fk" FOREIGN KEY ("clinic_id","form_key","form_version") REFERENCES "public"."form_versions"("clinic_id","form_key","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_clinic_id_response_id_form_responses_clinic_id_id_fk" FOREIGN KEY ("clinic_id","response_id") REFERENCES "public"."form_responses"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_rule_sets" ADD CONSTRAINT "screening_rule_sets_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_aftercare" ADD CONSTRAINT "service_aftercare_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_closure_open_uq" ON "account_closure_requests" USING btree ("clinic_id","client_id") WHERE status = 'requested';--> statement-breakpoint
CREATE INDEX "consents_client_idx" ON "consents" USING btree ("clinic_id","client_id","service_kind");--> statement-breakpoint
CREATE UNIQUE INDEX "form_responses_one_draft_uq" ON "form_responses" USING btree ("clinic_id","client_id","form_key") WHERE status = 'draft';--> statement-breakpoint
CREATE INDEX "screening_decisions_client_idx" ON "screening_decisions" USING btree ("clinic_id","client_id","decided_at");