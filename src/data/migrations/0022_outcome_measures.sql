CREATE TABLE "outcome_booking_checks" (
	"clinic_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_booking_checks_clinic_id_booking_id_pk" PRIMARY KEY("clinic_id","booking_id")
);
--> statement-breakpoint
CREATE TABLE "outcome_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"measure_key" text NOT NULL,
	"measure_version" integer NOT NULL,
	"timing" text NOT NULL,
	"session_number" integer NOT NULL,
	"questionnaire" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"answers" jsonb,
	"scores" jsonb,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"emailed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "outcome_requests_booking_measure_uq" UNIQUE("clinic_id","booking_id","measure_key"),
	CONSTRAINT "outcome_requests_answered_ck" CHECK (("outcome_requests"."status" = 'answered') = ("outcome_requests"."answered_at" is not null and "outcome_requests"."answers" is not null))
);
--> statement-breakpoint
CREATE TABLE "service_measures" (
	"clinic_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"measure_key" text NOT NULL,
	"baseline" boolean DEFAULT true NOT NULL,
	"every_n_sessions" integer,
	"end_of_course" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_measures_clinic_id_service_id_measure_key_pk" PRIMARY KEY("clinic_id","service_id","measure_key"),
	CONSTRAINT "service_measures_every_ck" CHECK ("service_measures"."every_n_sessions" is null or "service_measures"."every_n_sessions" between 1 and 52)
);
--> statement-breakpoint
ALTER TABLE "outcome_booking_checks" ADD CONSTRAINT "outcome_booking_checks_clinic_id_booking_id_bookings_clinic_id_id_fk" FOREIGN KEY ("clinic_id","booking_id") REFERENCES "public"."bookings"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_requests" ADD CONSTRAINT "outcome_requests_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_requests" ADD CONSTRAINT "outcome_requests_clinic_id_booking_id_bookings_clinic_id_id_fk" FOREIGN KEY ("clinic_id","booking_id") REFERENCES "public"."bookings"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_requests" ADD CONSTRAINT "outcome_requests_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_measures" ADD CONSTRAINT "service_measures_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_measures" ADD CONSTRAINT "service_measures_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_requests_client_idx" ON "outcome_requests" USING btree ("clinic_id","client_id","measure_key");--> statement-breakpoint
CREATE INDEX "outcome_requests_token_idx" ON "outcome_requests" USING btree ("token_hash");