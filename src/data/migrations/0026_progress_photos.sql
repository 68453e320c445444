CREATE TABLE "progress_photos" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"booking_id" uuid,
	"stage" text NOT NULL,
	"session_number" integer,
	"view" text NOT NULL,
	"taken_on" date NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"image" "bytea" NOT NULL,
	"thumbnail" "bytea" NOT NULL,
	"consent_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_photos_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "progress_photos_session_ck" CHECK (("progress_photos"."stage" = 'baseline' and "progress_photos"."session_number" is null) or ("progress_photos"."stage" = 'session' and "progress_photos"."session_number" between 1 and 500)),
	CONSTRAINT "progress_photos_size_ck" CHECK (octet_length("progress_photos"."image") between 1 and 8388608 and octet_length("progress_photos"."thumbnail") between 1 and 1048576)
);
--> statement-breakpoint
ALTER TABLE "progress_photos" ADD CONSTRAINT "progress_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_photos" ADD CONSTRAINT "progress_photos_client_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_photos" ADD CONSTRAINT "progress_photos_booking_fk" FOREIGN KEY ("clinic_id","booking_id") REFERENCES "public"."bookings"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_photos_client_idx" ON "progress_photos" USING btree ("clinic_id","client_id","taken_on");