-- Custom migration (drizzle-kit generate --custom): the schema DSL cannot express exclusion
-- constraints. They make the database itself refuse double bookings, whatever the
-- application checked before: no two rows that occupy time may overlap for one
-- practitioner, nor for one room, over the buffer-inclusive range [blocked_start, blocked_end).
-- Cancelled, no-show and expired rows are left out by the partial WHERE, so they free
-- their slot. A violation raises SQLSTATE 23P01, which the API answers with 409.
-- btree_gist (migration 0001) lets the equality columns share the GiST index with the range.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_practitioner_no_overlap"
  EXCLUDE USING gist ("clinic_id" WITH =, "practitioner_id" WITH =, tstzrange("blocked_start", "blocked_end", '[)') WITH &&)
  WHERE ("status" IN ('held', 'confirmed', 'arrived', 'completed') AND "practitioner_id" IS NOT NULL);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_room_no_overlap"
  EXCLUDE USING gist ("clinic_id" WITH =, "room_id" WITH =, tstzrange("blocked_start", "blocked_end", '[)') WITH &&)
  WHERE ("status" IN ('held', 'confirmed', 'arrived', 'completed') AND "room_id" IS NOT NULL);
