ALTER TABLE "clinics" ADD COLUMN "page_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- What a clinic's public pages and free slots show changes with more than its scheduling
-- facts (migration 0007): bookings move the next free time, reviews, content pages, photos
-- and staff names change the pages. `page_version` is bumped in the same transaction as
-- any such write, from whichever app instance, so caches keyed by it are never stale.
CREATE FUNCTION "bump_clinic_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "clinics" SET "page_version" = "page_version" + 1 WHERE "id" = OLD."clinic_id";
  ELSE
    UPDATE "clinics" SET "page_version" = "page_version" + 1 WHERE "id" = NEW."clinic_id";
    IF TG_OP = 'UPDATE' AND OLD."clinic_id" IS DISTINCT FROM NEW."clinic_id" THEN
      UPDATE "clinics" SET "page_version" = "page_version" + 1 WHERE "id" = OLD."clinic_id";
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Only the columns that decide whether and when a booking blocks time (not reminders or notes).
CREATE TRIGGER "bookings_bump_page_version" AFTER INSERT OR DELETE OR UPDATE OF "status", "starts_at", "ends_at", "blocked_start", "blocked_end", "practitioner_id", "room_id", "hold_expires_at", "service_id", "clinic_id" ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_page_version"();
--> statement-breakpoint
CREATE TRIGGER "reviews_bump_page_version" AFTER INSERT OR UPDATE OR DELETE ON "reviews"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_page_version"();
--> statement-breakpoint
CREATE TRIGGER "content_page_versions_bump_page_version" AFTER INSERT OR UPDATE OR DELETE ON "content_page_versions"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_page_version"();
--> statement-breakpoint
CREATE TRIGGER "practitioner_photos_bump_page_version" AFTER INSERT OR UPDATE OR DELETE ON "practitioner_photos"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_page_version"();
--> statement-breakpoint
CREATE TRIGGER "memberships_bump_page_version" AFTER INSERT OR UPDATE OR DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_page_version"();
--> statement-breakpoint
CREATE TRIGGER "screening_rule_sets_bump_page_version" AFTER INSERT OR UPDATE OR DELETE ON "screening_rule_sets"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_page_version"();
--> statement-breakpoint
-- A person's name shows on the pages of every clinic they work at.
CREATE FUNCTION "bump_member_clinics_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "clinics" SET "page_version" = "page_version" + 1
   WHERE "id" IN (SELECT "clinic_id" FROM "memberships" WHERE "user_id" = NEW."id");
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_bump_page_version" AFTER UPDATE OF "name" ON "users"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "bump_member_clinics_page_version"();
--> statement-breakpoint
-- Any change to the clinic row itself (its own facts, or a scheduling version bump from
-- migration 0007's triggers) bumps the page version too...
CREATE FUNCTION "bump_own_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."page_version" = OLD."page_version" THEN
    NEW."page_version" := OLD."page_version" + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- PostgreSQL fires a table's triggers in name order: this one runs after
-- "clinics_bump_scheduling_version", which must still see an unchanged page version.
CREATE TRIGGER "clinics_then_bump_page_version" BEFORE UPDATE ON "clinics"
  FOR EACH ROW EXECUTE FUNCTION "bump_own_page_version"();
--> statement-breakpoint
-- ...while a page version bump alone leaves the scheduling version as it is, so a booking
-- never makes the cached schedules of migration 0007 look stale.
CREATE OR REPLACE FUNCTION "bump_own_scheduling_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."page_version" IS DISTINCT FROM OLD."page_version" THEN
    RETURN NEW;
  END IF;
  IF NEW."scheduling_version" = OLD."scheduling_version" THEN
    NEW."scheduling_version" := OLD."scheduling_version" + 1;
  END IF;
  RETURN NEW;
END $$;
