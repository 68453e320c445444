CREATE TABLE "reviews" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"rating" smallint NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" uuid,
	"hidden_reason" text,
	"reply_body" text,
	"replied_at" timestamp with time zone,
	"replied_by" uuid,
	CONSTRAINT "reviews_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "reviews_booking_uq" UNIQUE("clinic_id","booking_id"),
	CONSTRAINT "reviews_rating_ck" CHECK ("reviews"."rating" between 1 and 5),
	CONSTRAINT "reviews_body_ck" CHECK (char_length("reviews"."body") between 1 and 4000),
	CONSTRAINT "reviews_hidden_ck" CHECK (("reviews"."hidden_at" is null and "reviews"."hidden_reason" is null)
      or ("reviews"."hidden_at" is not null and "reviews"."hidden_reason" is not null and char_length("reviews"."hidden_reason") between 1 and 500)),
	CONSTRAINT "reviews_reply_ck" CHECK (("reviews"."reply_body" is null and "reviews"."replied_at" is null)
      or ("reviews"."reply_body" is not null and "reviews"."replied_at" is not null and char_length("reviews"."reply_body") between 1 and 2000))
);
--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_clinic_id_booking_id_bookings_clinic_id_id_fk" FOREIGN KEY ("clinic_id","booking_id") REFERENCES "public"."bookings"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_clinic_id_practitioner_id_memberships_clinic_id_user_id_fk" FOREIGN KEY ("clinic_id","practitioner_id") REFERENCES "public"."memberships"("clinic_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reviews_clinic_created_idx" ON "reviews" USING btree ("clinic_id","created_at");--> statement-breakpoint
CREATE INDEX "reviews_practitioner_idx" ON "reviews" USING btree ("clinic_id","practitioner_id","created_at");