ALTER TABLE "clinic_measures" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "clinic_measures" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clinic_measures" ADD COLUMN "retired_by" uuid;--> statement-breakpoint
ALTER TABLE "clinic_measures" ADD COLUMN "retired_at" timestamp with time zone;