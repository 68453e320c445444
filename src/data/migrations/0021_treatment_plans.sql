CREATE TABLE "consultation_records" (
	"clinic_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"concerns" text DEFAULT '' NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"pattern" text DEFAULT '' NOT NULL,
	"tongue" text DEFAULT '' NOT NULL,
	"pulse" text DEFAULT '' NOT NULL,
	"skin" text DEFAULT '' NOT NULL,
	"plan_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "consultation_records_clinic_id_client_id_pk" PRIMARY KEY("clinic_id","client_id"),
	CONSTRAINT "consultation_records_text_ck" CHECK (char_length("consultation_records"."concerns") <= 2000 and char_length("consultation_records"."goals") <= 2000 and char_length("consultation_records"."pattern") <= 1000
      and char_length("consultation_records"."tongue") <= 500 and char_length("consultation_records"."pulse") <= 500 and char_length("consultation_records"."skin") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "treatment_plans" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"title" text NOT NULL,
	"sessions" integer NOT NULL,
	"interval_days" integer NOT NULL,
	"first_date" date NOT NULL,
	"preferred_time" text NOT NULL,
	"complementary" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"maintenance" jsonb,
	"price_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"series_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"booked_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "treatment_plans_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "treatment_plans_status_ck" CHECK ("treatment_plans"."status" in ('proposed', 'accepted', 'in_progress', 'completed', 'withdrawn')),
	CONSTRAINT "treatment_plans_numbers_ck" CHECK ("treatment_plans"."sessions" between 1 and 52 and "treatment_plans"."interval_days" between 1 and 84
      and "treatment_plans"."price_minor" between 0 and 10000000),
	CONSTRAINT "treatment_plans_text_ck" CHECK (char_length("treatment_plans"."title") between 1 and 120 and char_length("treatment_plans"."explanation") <= 2000),
	CONSTRAINT "treatment_plans_shape_ck" CHECK (jsonb_typeof("treatment_plans"."complementary") = 'array')
);
--> statement-breakpoint
ALTER TABLE "consultation_records" ADD CONSTRAINT "consultation_records_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_records" ADD CONSTRAINT "consultation_records_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_records" ADD CONSTRAINT "consultation_records_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "treatment_plans_client_idx" ON "treatment_plans" USING btree ("clinic_id","client_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "treatment_plans_series_uq" ON "treatment_plans" USING btree ("clinic_id","series_id");