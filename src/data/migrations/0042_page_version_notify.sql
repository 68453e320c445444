-- The embedded database (PGlite) has one process and one connection, so the app can learn
-- of every change of `clinics.page_version` from the database itself instead of reading the
-- versions on every request: a statement on `clinics` (every page_version bump is one)
-- sends NOTIFY page_versions, delivered as the transaction commits, before its writer is
-- answered. Only sessions that ask for it (yintang.notify_page_versions = on, set by the
-- embedded database when it opens) send it: on PostgreSQL each instance keeps reading the
-- versions, and bookings take no notification-queue lock at commit.
CREATE FUNCTION "notify_page_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('yintang.notify_page_versions', true) = 'on' THEN
    PERFORM pg_notify('page_versions', '');
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "clinics_notify_page_versions" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "clinics"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_page_versions"();
