ALTER TABLE "consultation_records" ADD COLUMN "glogau" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_records" ADD COLUMN "fold_left" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_records" ADD COLUMN "fold_right" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_records" ADD CONSTRAINT "consultation_records_scales_ck" CHECK ("consultation_records"."glogau" in ('', 'I', 'II', 'III', 'IV') and "consultation_records"."fold_left" in ('', '1', '2', '3', '4', '5')
      and "consultation_records"."fold_right" in ('', '1', '2', '3', '4', '5'));