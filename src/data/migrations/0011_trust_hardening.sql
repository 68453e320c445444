CREATE TABLE "trusted_devices" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- drizzle-kit cannot name the old primary key; PostgreSQL named it <table>_pkey.
ALTER TABLE "retired_practitioner_photos" DROP CONSTRAINT "retired_practitioner_photos_pkey";--> statement-breakpoint
ALTER TABLE "retired_practitioner_photos" ADD CONSTRAINT "retired_practitioner_photos_clinic_id_hash_pk" PRIMARY KEY("clinic_id","hash");--> statement-breakpoint
ALTER TABLE "email_tokens" ADD COLUMN "password_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "deactivated_by" uuid;--> statement-breakpoint
ALTER TABLE "outbox_emails" ADD COLUMN "staff_text" text;--> statement-breakpoint
ALTER TABLE "trusted_devices" ADD CONSTRAINT "trusted_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trusted_devices_user_idx" ON "trusted_devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_clinic_actor_at_idx" ON "audit_log" USING btree ("clinic_id","actor_user_id","at");--> statement-breakpoint
CREATE INDEX "retired_practitioner_photos_hash_idx" ON "retired_practitioner_photos" USING btree ("hash");