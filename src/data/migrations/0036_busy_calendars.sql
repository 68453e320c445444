CREATE TABLE "busy_calendars" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"label" text NOT NULL,
	"url_secret" text NOT NULL,
	"url_hint" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"etag" text,
	"last_modified" text,
	"next_fetch_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "busy_calendars_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "busy_calendars_label_ck" CHECK (char_length("busy_calendars"."label") between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "busy_times" (
	"clinic_id" uuid NOT NULL,
	"calendar_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "busy_times_clinic_id_calendar_id_hash_pk" PRIMARY KEY("clinic_id","calendar_id","hash"),
	CONSTRAINT "busy_times_range_ck" CHECK ("busy_times"."starts_at" < "busy_times"."ends_at")
);
--> statement-breakpoint
ALTER TABLE "busy_calendars" ADD CONSTRAINT "busy_calendars_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "busy_calendars" ADD CONSTRAINT "busy_calendars_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "busy_calendars" ADD CONSTRAINT "busy_calendars_clinic_id_practitioner_id_memberships_clinic_id_user_id_fk" FOREIGN KEY ("clinic_id","practitioner_id") REFERENCES "public"."memberships"("clinic_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "busy_times" ADD CONSTRAINT "busy_times_clinic_id_calendar_id_busy_calendars_clinic_id_id_fk" FOREIGN KEY ("clinic_id","calendar_id") REFERENCES "public"."busy_calendars"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "busy_calendars_practitioner_idx" ON "busy_calendars" USING btree ("clinic_id","practitioner_id");--> statement-breakpoint
CREATE INDEX "busy_calendars_due_idx" ON "busy_calendars" USING btree ("next_fetch_at");--> statement-breakpoint
CREATE INDEX "busy_times_lookup_idx" ON "busy_times" USING btree ("clinic_id","practitioner_id","starts_at");