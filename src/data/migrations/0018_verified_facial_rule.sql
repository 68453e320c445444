ALTER TABLE "clinic_booking_settings" ADD COLUMN "require_verified_facial_qualification" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
-- Added to the generated statement above: verifying (or un-verifying) a qualification
-- changes who may be booked for facial services, so qualifications bump the clinic's
-- scheduling version like the other facts the availability engine reads (migration 0007),
-- and a cached schedule never books someone the owner has just taken off.
CREATE TRIGGER "qualifications_bump_scheduling_version" AFTER INSERT OR UPDATE OR DELETE ON "qualifications"
  FOR EACH ROW EXECUTE FUNCTION "bump_clinic_scheduling_version"();
