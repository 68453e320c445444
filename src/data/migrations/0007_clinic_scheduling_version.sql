-- Custom migration (drizzle-kit generate --custom; the column is also declared in the
-- schema and in this migration's snapshot). A clinic's scheduling version changes
-- whenever anything the availability engine reads about it changes, whoever changes it
-- and from whichever app instance. The online booking path caches those facts in memory
-- and its single write statement books only if the version it cached is still current,
-- so a cache can never book against hours, services or closures that have changed.
ALTER TABLE "clinics" ADD COLUMN "scheduling_version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE FUNCTION "bump_clinic_scheduling_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "clinics" SET "scheduling_version" = "scheduling_version" + 1 WHERE "id" = OLD."clinic_id";
  ELSE
    UPDATE "clinics" SET "scheduling_version" = "scheduling_version" + 1 WHERE "id" = NEW."clinic_id";
    IF TG_OP = 'UPDATE' AND OLD."clinic_id" IS DISTINCT FROM NEW."clinic_id" THEN
      UPDATE "clinics" SET "scheduling_version" = "scheduling_version" + 1 WHERE "id" = OLD."clinic_id";
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "services_bump_scheduling_version" AFTER INSERT OR UPDATE OR DELETE ON "services"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_scheduling_version"();
--> statement-breakpoint
CREATE TRIGGER "service_practitioners_bump_scheduling_version" AFTER INSERT OR UPDATE OR DELETE ON "service_practitioners"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_scheduling_version"();
--> statement-breakpoint
CREATE TRIGGER "practitioner_weekly_hours_bump_scheduling_version" AFTER INSERT OR UPDATE OR DELETE ON "practitioner_weekly_hours"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_scheduling_version"();
--> statement-breakpoint
CREATE TRIGGER "schedule_exceptions_bump_scheduling_version" AFTER INSERT OR UPDATE OR DELETE ON "schedule_exceptions"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_scheduling_version"();
--> statement-breakpoint
CREATE TRIGGER "clinic_closures_bump_scheduling_version" AFTER INSERT OR UPDATE OR DELETE ON "clinic_closures"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_scheduling_version"();
--> statement-breakpoint
CREATE TRIGGER "rooms_bump_scheduling_version" AFTER INSERT OR UPDATE OR DELETE ON "rooms"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_scheduling_version"();
--> statement-breakpoint
CREATE TRIGGER "clinic_booking_settings_bump_scheduling_version" AFTER INSERT OR UPDATE OR DELETE ON "clinic_booking_settings"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_scheduling_version"();
--> statement-breakpoint
-- The clinic's own facts (time zone, name, address in e-mails): any other change to the row bumps it too.
CREATE FUNCTION "bump_own_scheduling_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."scheduling_version" = OLD."scheduling_version" THEN
    NEW."scheduling_version" := OLD."scheduling_version" + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "clinics_bump_scheduling_version" BEFORE UPDATE ON "clinics"
  FOR EACH ROW EXECUTE FUNCTION "bump_own_scheduling_version"();
