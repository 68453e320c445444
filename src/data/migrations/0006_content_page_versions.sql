CREATE TABLE "content_page_versions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"body_markdown" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "content_page_versions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "content_page_versions_version_uq" UNIQUE("clinic_id","slug","version"),
	CONSTRAINT "content_page_versions_version_ck" CHECK ("content_page_versions"."version" >= 1),
	CONSTRAINT "content_page_versions_slug_ck" CHECK ("content_page_versions"."slug" ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
	CONSTRAINT "content_page_versions_text_ck" CHECK (char_length("content_page_versions"."title") between 1 and 200 and char_length("content_page_versions"."description") between 1 and 400
      and char_length("content_page_versions"."body_markdown") between 1 and 60000),
	CONSTRAINT "content_page_versions_published_ck" CHECK ("content_page_versions"."published" = ("content_page_versions"."published_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "content_page_versions" ADD CONSTRAINT "content_page_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_page_versions" ADD CONSTRAINT "content_page_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "content_page_versions_published_uq" ON "content_page_versions" USING btree ("clinic_id","slug") WHERE "content_page_versions"."published";--> statement-breakpoint
CREATE INDEX "content_page_versions_page_idx" ON "content_page_versions" USING btree ("clinic_id","slug","version");