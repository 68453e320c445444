ALTER TABLE "form_responses" ADD COLUMN "locked_for_booking_id" uuid;--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "paper_received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "paper_received_by" uuid;--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "entered_by_staff" uuid;