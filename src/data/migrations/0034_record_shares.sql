CREATE TABLE "record_shares" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"purpose" text NOT NULL,
	"format" text DEFAULT 'fhir-r4' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_shares_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "record_shares_text_ck" CHECK (char_length("record_shares"."recipient") between 1 and 200
      and char_length("record_shares"."purpose") between 1 and 300)
);
--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_clinic_id_client_id_clients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","client_id") REFERENCES "public"."clients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "record_shares_client_idx" ON "record_shares" USING btree ("clinic_id","client_id","created_at");