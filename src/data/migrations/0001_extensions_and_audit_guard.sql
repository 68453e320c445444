-- Custom migration (drizzle-kit generate --custom): things the schema DSL cannot express.
-- btree_gist lets exclusion constraints mix equality (practitioner, room) with range overlap,
-- which is how the database itself refuses double bookings.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- The audit log is append-only: refuse any change to a written row.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
