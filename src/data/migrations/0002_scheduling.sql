CREATE TABLE "bookings" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text DEFAULT 'appointment' NOT NULL,
	"service_id" uuid,
	"practitioner_id" uuid,
	"client_id" uuid,
	"room_id" uuid,
	"series_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"buffer_before_min" integer DEFAULT 0 NOT NULL,
	"buffer_after_min" integer DEFAULT 0 NOT NULL,
	"blocked_start" timestamp with time zone NOT NULL,
	"blocked_end" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"source" text NOT NULL,
	"idempotency_key" text,
	"manage_token_hash" text,
	"note" text,
	"late_cancellation" boolean DEFAULT false NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"reminder_sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "bookings_idempotency_uq" UNIQUE("clinic_id","idempotency_key"),
	CONSTRAINT "bookings_manage_token_uq" UNIQUE("clinic_id","manage_token_hash"),
	CONSTRAINT "bookings_times_ck" CHECK ("bookings"."starts_at" < "bookings"."ends_at" and "bookings"."blocked_start" <= "bookings"."starts_at" and "bookings"."blocked_end" >= "bookings"."ends_at"),
	CONSTRAINT "bookings_kind_ck" CHECK (("bookings"."kind" = 'appointment' and "bookings"."service_id" is not null and "bookings"."practitioner_id" is not null and "bookings"."client_id" is not null)
      or ("bookings"."kind" = 'block' and "bookings"."client_id" is null and ("bookings"."practitioner_id" is not null or "bookings"."room_id" is not null))),
	CONSTRAINT "bookings_hold_ck" CHECK ("bookings"."status" <> 'held' or "bookings"."hold_expires_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"clinic_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_clinic_id_practitioner_id_pk" PRIMARY KEY("clinic_id","practitioner_id"),
	CONSTRAINT "calendar_feeds_token_uq" UNIQUE("clinic_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "clinic_booking_settings" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"minimum_notice_min" integer DEFAULT 120 NOT NULL,
	"horizon_days" integer DEFAULT 84 NOT NULL,
	"slot_step_min" integer DEFAULT 15 NOT NULL,
	"cancellation_window_hours" integer DEFAULT 24 NOT NULL,
	"reminder_lead_min" integer DEFAULT 1440 NOT NULL,
	"widget_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_settings_ranges_ck" CHECK ("clinic_booking_settings"."minimum_notice_min" >= 0 and "clinic_booking_settings"."horizon_days" between 1 and 730
      and "clinic_booking_settings"."slot_step_min" between 5 and 240 and "clinic_booking_settings"."cancellation_window_hours" between 0 and 720 and "clinic_booking_settings"."reminder_lead_min" between 0 and 10080)
);
--> statement-breakpoint
CREATE TABLE "clinic_closures" (
	"clinic_id" uuid NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "clinic_closures_clinic_id_date_pk" PRIMARY KEY("clinic_id","date")
);
--> statement-breakpoint
CREATE TABLE "practitioner_weekly_hours" (
	"clinic_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "practitioner_weekly_hours_clinic_id_practitioner_id_weekday_start_minute_pk" PRIMARY KEY("clinic_id","practitioner_id","weekday","start_minute"),
	CONSTRAINT "weekly_hours_weekday_ck" CHECK ("practitioner_weekly_hours"."weekday" between 0 and 6),
	CONSTRAINT "weekly_hours_minutes_ck" CHECK ("practitioner_weekly_hours"."start_minute" >= 0 and "practitioner_weekly_hours"."end_minute" <= 1440 and "practitioner_weekly_hours"."start_minute" < "practitioner_weekly_hours"."end_minute")
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rooms_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "rooms_clinic_name_uq" UNIQUE("clinic_id","name")
);
--> statement-breakpoint
CREATE TABLE "schedule_exceptions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"start_minute" integer,
	"end_minute" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_exceptions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "schedule_exceptions_dates_ck" CHECK ("schedule_exceptions"."start_date" <= "schedule_exceptions"."end_date"),
	CONSTRAINT "schedule_exceptions_minutes_ck" CHECK (("schedule_exceptions"."start_minute" is null and "schedule_exceptions"."end_minute" is null and "schedule_exceptions"."kind" = 'time_off')
      or ("schedule_exceptions"."start_minute" >= 0 and "schedule_exceptions"."end_minute" <= 1440 and "schedule_exceptions"."start_minute" < "schedule_exceptions"."end_minute"))
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"practitioner_id" uuid,
	"date" date NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"last_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_entries_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "waitlist_client_day_uq" UNIQUE("clinic_id","client_id","service_id","date")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_clinic_id_practitioner_id_memberships_clinic_id_user_id_fk" FOREIGN KEY ("clinic_id","practitioner_id") REFERENCES "public"."memberships"("clinic_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_clinic_id_room_id_rooms_clinic_id_id_fk" FOREIGN KEY ("clinic_id","room_id") REFERENCES "public"."rooms"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_clinic_id_practitioner_id_memberships_clinic_id_user_id_fk" FOREIGN KEY ("clinic_id","practitioner_id") REFERENCES "public"."memberships"("clinic_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_booking_settings" ADD CONSTRAINT "clinic_booking_settings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_closures" ADD CONSTRAINT "clinic_closures_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioner_weekly_hours" ADD CONSTRAINT "practitioner_weekly_hours_clinic_id_practitioner_id_memberships_clinic_id_user_id_fk" FOREIGN KEY ("clinic_id","practitioner_id") REFERENCES "public"."memberships"("clinic_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_clinic_id_practitioner_id_memberships_clinic_id_user_id_fk" FOREIGN KEY ("clinic_id","practitioner_id") REFERENCES "public"."memberships"("clinic_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_client_idx" ON "bookings" USING btree ("clinic_id","client_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_diary_idx" ON "bookings" USING btree ("clinic_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_series_idx" ON "bookings" USING btree ("clinic_id","series_id");--> statement-breakpoint
CREATE INDEX "bookings_reminder_due_idx" ON "bookings" USING btree ("starts_at") WHERE "bookings"."status" = 'confirmed' and "bookings"."reminder_sent_at" is null;--> statement-breakpoint
CREATE INDEX "bookings_hold_expiry_idx" ON "bookings" USING btree ("hold_expires_at") WHERE "bookings"."status" = 'held';--> statement-breakpoint
CREATE INDEX "schedule_exceptions_lookup_idx" ON "schedule_exceptions" USING btree ("clinic_id","practitioner_id","end_date");--> statement-breakpoint
CREATE INDEX "waitlist_day_idx" ON "waitlist_entries" USING btree ("clinic_id","date","status");