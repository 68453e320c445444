CREATE TABLE "adverse_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"action_taken" text DEFAULT '' NOT NULL,
	"amendment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adverse_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "adverse_events_kind_ck" CHECK ("adverse_events"."kind" in ('bruising', 'bleeding', 'pain', 'fainting', 'needle-left-in', 'other')),
	CONSTRAINT "adverse_events_severity_ck" CHECK ("adverse_events"."severity" in ('mild', 'moderate', 'serious')),
	CONSTRAINT "adverse_events_text_ck" CHECK (char_length("adverse_events"."description") <= 1000 and char_length("adverse_events"."action_taken") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "note_amendments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"author_id" uuid,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "note_amendments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "note_amendments_reason_ck" CHECK (char_length("note_amendments"."reason") between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "session_notes" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"template" text NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"points" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"protocol_id" uuid,
	"needle_brand" text,
	"needle_size" text,
	"needle_lot" text,
	"needles_in" integer,
	"needles_out" integer,
	"discrepancy" jsonb,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	CONSTRAINT "session_notes_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "session_notes_template_ck" CHECK ("session_notes"."template" in ('consultation', 'facial', 'traditional', 'massage', 'knee')),
	CONSTRAINT "session_notes_status_ck" CHECK ("session_notes"."status" in ('draft', 'signed')),
	CONSTRAINT "session_notes_signed_ck" CHECK (("session_notes"."status" = 'signed') = ("session_notes"."signed_at" is not null)),
	CONSTRAINT "session_notes_counts_ck" CHECK (coalesce("session_notes"."needles_in", 0) between 0 and 500 and coalesce("session_notes"."needles_out", 0) between 0 and 500),
	CONSTRAINT "session_notes_shape_ck" CHECK (jsonb_typeof("session_notes"."fields") = 'object' and jsonb_typeof("session_notes"."points") = 'array')
);
--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_clinic_id_note_id_session_notes_clinic_id_id_fk" FOREIGN KEY ("clinic_id","note_id") REFERENCES "public"."session_notes"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_amendments" ADD CONSTRAINT "note_amendments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_amendments" ADD CONSTRAINT "note_amendments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_amendments" ADD CONSTRAINT "note_amendments_clinic_id_note_id_session_notes_clinic_id_id_fk" FOREIGN KEY ("clinic_id","note_id") REFERENCES "public"."session_notes"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_clinic_id_booking_id_bookings_clinic_id_id_fk" FOREIGN KEY ("clinic_id","booking_id") REFERENCES "public"."bookings"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adverse_events_period_idx" ON "adverse_events" USING btree ("clinic_id","occurred_at");--> statement-breakpoint
CREATE INDEX "adverse_events_note_idx" ON "adverse_events" USING btree ("clinic_id","note_id");--> statement-breakpoint
CREATE INDEX "note_amendments_note_idx" ON "note_amendments" USING btree ("clinic_id","note_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "session_notes_booking_uq" ON "session_notes" USING btree ("clinic_id","booking_id");--> statement-breakpoint
CREATE INDEX "session_notes_client_idx" ON "session_notes" USING btree ("clinic_id","client_id","created_at");