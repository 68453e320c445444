CREATE TABLE "booking_payments" (
	"clinic_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"due_minor" integer NOT NULL,
	"voucher_id" uuid,
	"voucher_minor" integer DEFAULT 0 NOT NULL,
	"card_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"session_id" text,
	"checkout_url" text,
	"invoice_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "booking_payments_clinic_id_booking_id_pk" PRIMARY KEY("clinic_id","booking_id"),
	CONSTRAINT "booking_payments_session_uq" UNIQUE("clinic_id","session_id"),
	CONSTRAINT "booking_payments_amounts_ck" CHECK ("booking_payments"."due_minor" > 0 and "booking_payments"."voucher_minor" >= 0 and "booking_payments"."card_minor" >= 0 and "booking_payments"."voucher_minor" + "booking_payments"."card_minor" = "booking_payments"."due_minor")
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "online_payment" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "deposit_minor" integer;--> statement-breakpoint
ALTER TABLE "booking_payments" ADD CONSTRAINT "booking_payments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_payments" ADD CONSTRAINT "booking_payments_clinic_id_booking_id_bookings_clinic_id_id_fk" FOREIGN KEY ("clinic_id","booking_id") REFERENCES "public"."bookings"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_deposit_ck" CHECK (("services"."online_payment" = 'deposit') = ("services"."deposit_minor" is not null) and coalesce("services"."deposit_minor", 1) > 0);