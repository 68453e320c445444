CREATE TABLE "practitioner_photos" (
	"clinic_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"large" "bytea" NOT NULL,
	"small" "bytea" NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practitioner_photos_clinic_id_practitioner_id_pk" PRIMARY KEY("clinic_id","practitioner_id"),
	CONSTRAINT "practitioner_photos_hash_ck" CHECK ("practitioner_photos"."hash" ~ '^[0-9a-f]{32}$'),
	CONSTRAINT "practitioner_photos_size_ck" CHECK (octet_length("practitioner_photos"."large") between 1 and 1048576 and octet_length("practitioner_photos"."small") between 1 and 262144)
);
--> statement-breakpoint
ALTER TABLE "practitioner_photos" ADD CONSTRAINT "practitioner_photos_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioner_photos" ADD CONSTRAINT "practitioner_photos_membership_fk" FOREIGN KEY ("clinic_id","practitioner_id") REFERENCES "public"."memberships"("clinic_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practitioner_photos_hash_idx" ON "practitioner_photos" USING btree ("hash");