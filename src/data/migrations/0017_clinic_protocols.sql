CREATE TABLE "clinic_protocols" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"points" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"archived_by" uuid,
	CONSTRAINT "clinic_protocols_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "clinic_protocols_kind_ck" CHECK ("clinic_protocols"."kind" in ('facial', 'traditional', 'massage', 'knee')),
	CONSTRAINT "clinic_protocols_text_ck" CHECK (char_length("clinic_protocols"."name") between 1 and 80 and char_length("clinic_protocols"."description") <= 1000),
	CONSTRAINT "clinic_protocols_points_ck" CHECK (jsonb_typeof("clinic_protocols"."points") = 'array' and jsonb_array_length("clinic_protocols"."points") <= 60)
);
--> statement-breakpoint
ALTER TABLE "clinic_protocols" ADD CONSTRAINT "clinic_protocols_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_protocols" ADD CONSTRAINT "clinic_protocols_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_protocols" ADD CONSTRAINT "clinic_protocols_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_protocols" ADD CONSTRAINT "clinic_protocols_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_protocols_name_uq" ON "clinic_protocols" USING btree ("clinic_id",lower("name")) WHERE "clinic_protocols"."archived_at" is null;