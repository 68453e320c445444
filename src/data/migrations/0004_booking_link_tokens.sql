CREATE TABLE "booking_link_tokens" (
	"clinic_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"booking_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_link_tokens_clinic_id_token_hash_pk" PRIMARY KEY("clinic_id","token_hash")
);
--> statement-breakpoint
ALTER TABLE "booking_link_tokens" ADD CONSTRAINT "booking_link_tokens_clinic_id_booking_id_bookings_clinic_id_id_fk" FOREIGN KEY ("clinic_id","booking_id") REFERENCES "public"."bookings"("clinic_id","id") ON DELETE cascade ON UPDATE no action;