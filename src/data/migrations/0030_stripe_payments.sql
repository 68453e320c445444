CREATE TABLE "stripe_checkouts" (
	"clinic_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"invoice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"payment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_checkouts_clinic_id_session_id_pk" PRIMARY KEY("clinic_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"clinic_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_events_clinic_id_event_id_pk" PRIMARY KEY("clinic_id","event_id")
);
--> statement-breakpoint
ALTER TABLE "clinic_billing" ADD COLUMN "stripe_secret_key" text;--> statement-breakpoint
ALTER TABLE "clinic_billing" ADD COLUMN "stripe_webhook_secret" text;--> statement-breakpoint
ALTER TABLE "stripe_checkouts" ADD CONSTRAINT "stripe_checkouts_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_checkouts" ADD CONSTRAINT "stripe_checkouts_clinic_id_invoice_id_invoices_clinic_id_id_fk" FOREIGN KEY ("clinic_id","invoice_id") REFERENCES "public"."invoices"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;