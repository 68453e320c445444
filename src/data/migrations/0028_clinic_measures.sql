CREATE TABLE "clinic_measures" (
	"clinic_id" uuid NOT NULL,
	"key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"entry" jsonb NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_measures_clinic_id_key_pk" PRIMARY KEY("clinic_id","key"),
	CONSTRAINT "clinic_measures_key_ck" CHECK ("clinic_measures"."key" ~ '^lic-[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
ALTER TABLE "clinic_measures" ADD CONSTRAINT "clinic_measures_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;