ALTER TABLE "clinics" ADD COLUMN "directory_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- The directory searches clinics by their row, services, who gives them and qualifications
-- (all bump `scheduling_version`, migration 0007), and by reviews, staff and staff names
-- (page version only, migration 0029). Those three now bump `directory_version` too, in the
-- same UPDATE as the page version: a bump that moves the page version leaves the scheduling
-- version alone, so a review still does not make cached schedules look stale. Bookings bump
-- neither, so the directory's index outlives them.
CREATE FUNCTION "bump_clinic_directory_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "clinics" SET "page_version" = "page_version" + 1, "directory_version" = "directory_version" + 1 WHERE "id" = OLD."clinic_id";
  ELSE
    UPDATE "clinics" SET "page_version" = "page_version" + 1, "directory_version" = "directory_version" + 1 WHERE "id" = NEW."clinic_id";
    IF TG_OP = 'UPDATE' AND OLD."clinic_id" IS DISTINCT FROM NEW."clinic_id" THEN
      UPDATE "clinics" SET "page_version" = "page_version" + 1, "directory_version" = "directory_version" + 1 WHERE "id" = OLD."clinic_id";
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER "reviews_bump_page_version" ON "reviews";--> statement-breakpoint
CREATE TRIGGER "reviews_bump_page_version" AFTER INSERT OR UPDATE OR DELETE ON "reviews"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_directory_version"();
--> statement-breakpoint
DROP TRIGGER "memberships_bump_page_version" ON "memberships";--> statement-breakpoint
CREATE TRIGGER "memberships_bump_page_version" AFTER INSERT OR UPDATE OR DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_directory_version"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "bump_member_clinics_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "clinics" SET "page_version" = "page_version" + 1, "directory_version" = "directory_version" + 1
   WHERE "id" IN (SELECT "clinic_id" FROM "memberships" WHERE "user_id" = NEW."id");
  RETURN NULL;
END $$;
