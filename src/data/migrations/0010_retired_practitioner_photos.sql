CREATE TABLE "retired_practitioner_photos" (
	"hash" text PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"large" "bytea" NOT NULL,
	"small" "bytea" NOT NULL,
	"retired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retired_practitioner_photos" ADD CONSTRAINT "retired_practitioner_photos_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retired_practitioner_photos_retired_idx" ON "retired_practitioner_photos" USING btree ("retired_at");