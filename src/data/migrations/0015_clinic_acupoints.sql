CREATE TABLE "clinic_acupoints" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"code_key" text NOT NULL,
	"pinyin" text DEFAULT '' NOT NULL,
	"english" text NOT NULL,
	"meridian" text DEFAULT 'Extra' NOT NULL,
	"region" text NOT NULL,
	"location" text NOT NULL,
	"uses" text DEFAULT '' NOT NULL,
	"cautions" text DEFAULT '' NOT NULL,
	"pregnancy_caution" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"archived_by" uuid,
	CONSTRAINT "clinic_acupoints_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "clinic_acupoints_region_ck" CHECK ("clinic_acupoints"."region" in ('face', 'head', 'neck', 'arm', 'hand', 'trunk', 'back', 'leg', 'knee', 'foot')),
	CONSTRAINT "clinic_acupoints_meridian_ck" CHECK ("clinic_acupoints"."meridian" in ('Lung', 'Large Intestine', 'Stomach', 'Spleen', 'Heart', 'Small Intestine', 'Bladder', 'Kidney', 'Pericardium', 'Triple Energizer', 'Gallbladder', 'Liver', 'Governor Vessel', 'Conception Vessel', 'Extra')),
	CONSTRAINT "clinic_acupoints_code_ck" CHECK (char_length("clinic_acupoints"."code") between 1 and 16 and char_length("clinic_acupoints"."code_key") >= 1),
	CONSTRAINT "clinic_acupoints_text_ck" CHECK (char_length("clinic_acupoints"."english") between 1 and 80
      and char_length("clinic_acupoints"."pinyin") <= 80 and char_length("clinic_acupoints"."location") between 1 and 500
      and char_length("clinic_acupoints"."uses") <= 1000 and char_length("clinic_acupoints"."cautions") <= 1000 and char_length("clinic_acupoints"."source") <= 300)
);
--> statement-breakpoint
ALTER TABLE "clinic_acupoints" ADD CONSTRAINT "clinic_acupoints_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_acupoints" ADD CONSTRAINT "clinic_acupoints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_acupoints" ADD CONSTRAINT "clinic_acupoints_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_acupoints" ADD CONSTRAINT "clinic_acupoints_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_acupoints_code_uq" ON "clinic_acupoints" USING btree ("clinic_id","code_key") WHERE "clinic_acupoints"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "clinic_acupoints_clinic_idx" ON "clinic_acupoints" USING btree ("clinic_id","created_at");