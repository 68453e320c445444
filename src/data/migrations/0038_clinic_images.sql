CREATE TABLE "clinic_images" (
	"clinic_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"hash" text NOT NULL,
	"large" "bytea" NOT NULL,
	"small" "bytea" NOT NULL,
	"alt" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_images_clinic_id_kind_pk" PRIMARY KEY("clinic_id","kind"),
	CONSTRAINT "clinic_images_hash_ck" CHECK ("clinic_images"."hash" ~ '^[0-9a-f]{32}$'),
	CONSTRAINT "clinic_images_size_ck" CHECK (octet_length("clinic_images"."large") between 1 and 1048576 and octet_length("clinic_images"."small") between 1 and 262144),
	CONSTRAINT "clinic_images_alt_ck" CHECK (char_length("clinic_images"."alt") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "clinic_images" ADD CONSTRAINT "clinic_images_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_images" ADD CONSTRAINT "clinic_images_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clinic_images_hash_idx" ON "clinic_images" USING btree ("hash");--> statement-breakpoint
-- The clinic page and directory card show the photo: a change must reach cached pages (migration 0029).
CREATE TRIGGER "clinic_images_bump_page_version" AFTER INSERT OR UPDATE OR DELETE ON "clinic_images"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_page_version"();
