ALTER TABLE "stripe_checkouts" ALTER COLUMN "invoice_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_checkouts" ALTER COLUMN "client_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "clinic_billing" ADD COLUMN "sell_vouchers_online" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_checkouts" ADD COLUMN "purpose" text DEFAULT 'package' NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_checkouts" ADD COLUMN "voucher_order" jsonb;--> statement-breakpoint
ALTER TABLE "stripe_checkouts" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_checkouts" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "stripe_checkouts_open_idx" ON "stripe_checkouts" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "stripe_checkouts" ADD CONSTRAINT "stripe_checkouts_purpose_ck" CHECK ("stripe_checkouts"."purpose" = 'voucher' or ("stripe_checkouts"."invoice_id" is not null and "stripe_checkouts"."client_id" is not null));--> statement-breakpoint
-- Checkouts already paid before this migration are closed as paid. (The clinics' Stripe keys
-- are encrypted by the app at start, with the key from configuration: see server/secret-box.ts.)
UPDATE "stripe_checkouts" SET "status" = 'paid', "closed_at" = now() WHERE "payment_id" IS NOT NULL;
