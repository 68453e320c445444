CREATE TABLE "booking_day_totals" (
	"clinic_id" uuid NOT NULL,
	"date" date NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"room_id" uuid,
	"kept" integer DEFAULT 0 NOT NULL,
	"no_shows" integer DEFAULT 0 NOT NULL,
	"late_cancellations" integer DEFAULT 0 NOT NULL,
	"cancelled_in_time" integer DEFAULT 0 NOT NULL,
	"other" integer DEFAULT 0 NOT NULL,
	"booked_micros" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "booking_day_totals_key" UNIQUE NULLS NOT DISTINCT("clinic_id","date","practitioner_id","room_id")
);
--> statement-breakpoint
CREATE TABLE "client_first_appointments" (
	"clinic_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_first_appointments_clinic_id_client_id_pk" PRIMARY KEY("clinic_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "client_visits" (
	"clinic_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"prev_at" timestamp with time zone,
	"next_at" timestamp with time zone,
	"consultation" boolean NOT NULL,
	"prev_consultation_at" timestamp with time zone,
	"course_kind" text,
	"course_at" timestamp with time zone,
	CONSTRAINT "client_visits_clinic_id_booking_id_pk" PRIMARY KEY("clinic_id","booking_id")
);
--> statement-breakpoint
CREATE TABLE "invoice_open_spans" (
	"clinic_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"until_at" timestamp with time zone,
	"outstanding_minor" bigint NOT NULL,
	CONSTRAINT "invoice_open_spans_clinic_id_invoice_id_from_at_pk" PRIMARY KEY("clinic_id","invoice_id","from_at")
);
--> statement-breakpoint
CREATE TABLE "takings_day_totals" (
	"clinic_id" uuid NOT NULL,
	"date" date NOT NULL,
	"method" text NOT NULL,
	"practitioner_id" uuid,
	"payments_minor" bigint DEFAULT 0 NOT NULL,
	"refunds_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "takings_day_totals_key" UNIQUE NULLS NOT DISTINCT("clinic_id","date","method","practitioner_id")
);
--> statement-breakpoint
ALTER TABLE "booking_day_totals" ADD CONSTRAINT "booking_day_totals_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_first_appointments" ADD CONSTRAINT "client_first_appointments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_visits" ADD CONSTRAINT "client_visits_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_open_spans" ADD CONSTRAINT "invoice_open_spans_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takings_day_totals" ADD CONSTRAINT "takings_day_totals_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_first_appointments_at_idx" ON "client_first_appointments" USING btree ("clinic_id","first_at");--> statement-breakpoint
CREATE INDEX "client_visits_client_idx" ON "client_visits" USING btree ("clinic_id","client_id");--> statement-breakpoint
CREATE INDEX "client_visits_first_idx" ON "client_visits" USING gist ("clinic_id",tstzrange("prev_at", "starts_at", '(]'));--> statement-breakpoint
CREATE INDEX "client_visits_first_consultation_idx" ON "client_visits" USING gist ("clinic_id",tstzrange("prev_consultation_at", "starts_at", '(]')) WHERE "client_visits"."consultation";--> statement-breakpoint
CREATE INDEX "invoice_open_spans_at_idx" ON "invoice_open_spans" USING gist ("clinic_id",tstzrange("from_at", "until_at", '(]'));--> statement-breakpoint
CREATE INDEX "invoices_corrects_idx" ON "invoices" USING btree ("clinic_id","corrects_invoice_id") WHERE "invoices"."corrects_invoice_id" is not null;--> statement-breakpoint
CREATE INDEX "invoices_booking_idx" ON "invoices" USING btree ("clinic_id","booking_id") WHERE "invoices"."booking_id" is not null;--> statement-breakpoint
-- The practice reports' roll-ups (decision 0010). Every row of booking_day_totals and
-- takings_day_totals is a sum of contributions, each a pure function of one ledger row and
-- the clinic's time zone: a trigger subtracts the old row's contribution and adds the new
-- one's in the same transaction as the write (upserts add, so concurrent writers commute).
-- invoice_open_spans and client_first_appointments depend on several rows (an invoice's
-- ledger, a client's bookings): a trigger recomputes them for that one invoice or client
-- under a transaction-scoped advisory lock, so two writers of one invoice or client take
-- turns and the second recomputes from what the first committed.

-- What one booking adds to booking_day_totals: its outcome on the local day it starts on,
-- and its booked time (confirmed, arrived, completed, no-show) within each local day it covers.
CREATE FUNCTION "report_booking_parts"(b "bookings", tz text)
RETURNS TABLE ("date" date, "practitioner_id" uuid, "room_id" uuid, "kept" int, "no_shows" int, "late_cancellations" int, "cancelled_in_time" int, "other" int, "booked_micros" bigint)
LANGUAGE sql STABLE AS $$
  SELECT (b.starts_at AT TIME ZONE tz)::date, b.practitioner_id, b.room_id,
    (b.status IN ('confirmed', 'arrived', 'completed'))::int, (b.status = 'no_show')::int,
    (b.status = 'cancelled' AND b.late_cancellation)::int, (b.status = 'cancelled' AND NOT b.late_cancellation)::int,
    (b.status IN ('held', 'expired'))::int, 0::bigint
  WHERE b.kind = 'appointment'
  UNION ALL
  SELECT d.day, b.practitioner_id, b.room_id, 0, 0, 0, 0, 0,
    (extract(epoch FROM least(b.ends_at, (d.day + 1)::timestamp AT TIME ZONE tz) - greatest(b.starts_at, d.day::timestamp AT TIME ZONE tz)) * 1000000)::bigint
  FROM generate_series(0, (b.ends_at AT TIME ZONE tz)::date - (b.starts_at AT TIME ZONE tz)::date) k
  CROSS JOIN LATERAL (SELECT (b.starts_at AT TIME ZONE tz)::date + k AS day) d
  WHERE b.kind = 'appointment' AND b.status IN ('confirmed', 'arrived', 'completed', 'no_show')
    AND least(b.ends_at, (d.day + 1)::timestamp AT TIME ZONE tz) > greatest(b.starts_at, d.day::timestamp AT TIME ZONE tz)
$$;
--> statement-breakpoint
CREATE FUNCTION "report_apply_booking"(b "bookings", sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "booking_day_totals" AS t ("clinic_id", "date", "practitioner_id", "room_id", "kept", "no_shows", "late_cancellations", "cancelled_in_time", "other", "booked_micros")
  SELECT b.clinic_id, p.date, p.practitioner_id, p.room_id, sum(sign * p.kept), sum(sign * p.no_shows), sum(sign * p.late_cancellations),
    sum(sign * p.cancelled_in_time), sum(sign * p.other), sum(sign * p.booked_micros)
  FROM "clinics" c CROSS JOIN LATERAL "report_booking_parts"(b, c.time_zone) p
  WHERE c.id = b.clinic_id
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT "booking_day_totals_key" DO UPDATE SET
    "kept" = t."kept" + excluded."kept", "no_shows" = t."no_shows" + excluded."no_shows",
    "late_cancellations" = t."late_cancellations" + excluded."late_cancellations",
    "cancelled_in_time" = t."cancelled_in_time" + excluded."cancelled_in_time",
    "other" = t."other" + excluded."other", "booked_micros" = t."booked_micros" + excluded."booked_micros";
END $$;
--> statement-breakpoint
-- A payment's or refund's takings: the local day it was recorded, its method, and the
-- practitioner of the visit its invoice is for (null: an invoice for no visit).
CREATE FUNCTION "report_apply_payment"(p "payments", sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "takings_day_totals" AS t ("clinic_id", "date", "method", "practitioner_id", "payments_minor", "refunds_minor")
  SELECT p.clinic_id, (p.recorded_at AT TIME ZONE c.time_zone)::date, p.method, b.practitioner_id,
    CASE WHEN p.kind = 'payment' THEN sign * p.amount_minor ELSE 0 END, CASE WHEN p.kind = 'refund' THEN sign * p.amount_minor ELSE 0 END
  FROM "clinics" c
  JOIN "invoices" i ON i.clinic_id = p.clinic_id AND i.id = p.invoice_id
  LEFT JOIN "bookings" b ON b.clinic_id = i.clinic_id AND b.id = i.booking_id
  WHERE c.id = p.clinic_id
  ON CONFLICT ON CONSTRAINT "takings_day_totals_key" DO UPDATE SET
    "payments_minor" = t."payments_minor" + excluded."payments_minor", "refunds_minor" = t."refunds_minor" + excluded."refunds_minor";
END $$;
--> statement-breakpoint
-- A visit moved to another practitioner (or deleted): its invoices' takings move with it.
CREATE FUNCTION "report_shift_takings"(clinic uuid, booking uuid, old_pid uuid, new_pid uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "takings_day_totals" AS t ("clinic_id", "date", "method", "practitioner_id", "payments_minor", "refunds_minor")
  SELECT p.clinic_id, (p.recorded_at AT TIME ZONE c.time_zone)::date, p.method, x.pid,
    sum(CASE WHEN p.kind = 'payment' THEN x.sign * p.amount_minor ELSE 0 END), sum(CASE WHEN p.kind = 'refund' THEN x.sign * p.amount_minor ELSE 0 END)
  FROM "clinics" c
  JOIN "invoices" i ON i.clinic_id = c.id AND i.booking_id = booking
  JOIN "payments" p ON p.clinic_id = i.clinic_id AND p.invoice_id = i.id
  CROSS JOIN (VALUES (old_pid, -1), (new_pid, 1)) x(pid, sign)
  WHERE c.id = clinic
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT "takings_day_totals_key" DO UPDATE SET
    "payments_minor" = t."payments_minor" + excluded."payments_minor", "refunds_minor" = t."refunds_minor" + excluded."refunds_minor";
END $$;
--> statement-breakpoint
-- The spans in which invoices had something left to pay, from their ledger: every instant
-- of issue, credit note, payment or refund changes the balance; a span runs from just after
-- one such instant (the invoice issued by then) to the next, inclusive, while the balance
-- is above zero. Those are exactly the moments T at which the report's rule ("issued
-- before T, total − credit notes − payments + refunds recorded before T > 0") lists it.
CREATE FUNCTION "report_invoice_spans"(clinic uuid, invoice uuid)
RETURNS TABLE ("invoice_id" uuid, "from_at" timestamptz, "until_at" timestamptz, "outstanding_minor" bigint)
LANGUAGE sql STABLE AS $$
  WITH ev AS (
    SELECT i.id AS inv, i.issued_at AS at, i.total_minor::bigint AS delta
    FROM "invoices" i WHERE i.clinic_id = clinic AND i.kind = 'invoice' AND (invoice IS NULL OR i.id = invoice)
    UNION ALL
    SELECT cn.corrects_invoice_id, cn.issued_at, -cn.total_minor
    FROM "invoices" cn WHERE cn.clinic_id = clinic AND cn.kind = 'credit_note' AND (invoice IS NULL OR cn.corrects_invoice_id = invoice)
    UNION ALL
    SELECT p.invoice_id, p.recorded_at, CASE WHEN p.kind = 'payment' THEN -p.amount_minor ELSE p.amount_minor END
    FROM "payments" p WHERE p.clinic_id = clinic AND (invoice IS NULL OR p.invoice_id = invoice)),
  w AS (
    SELECT inv, at, sum(sum(delta)) OVER (PARTITION BY inv ORDER BY at) AS balance, lead(at) OVER (PARTITION BY inv ORDER BY at) AS next_at
    FROM ev GROUP BY inv, at)
  SELECT w.inv, w.at, w.next_at, w.balance::bigint
  FROM w JOIN "invoices" i ON i.clinic_id = clinic AND i.id = w.inv AND i.kind = 'invoice'
  WHERE w.at >= i.issued_at AND w.balance > 0
$$;
--> statement-breakpoint
CREATE FUNCTION "report_refresh_invoice"(clinic uuid, invoice uuid) RETURNS void LANGUAGE plpgsql
-- Planned for this one invoice or client each time (the shared functions also serve the
-- whole-clinic rebuild, where the id is null): an index probe, never a scan of the clinic.
SET plan_cache_mode = 'force_custom_plan' AS $$
BEGIN
  IF invoice IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(10410, hashtext(invoice::text));
  DELETE FROM "invoice_open_spans" s WHERE s.clinic_id = clinic AND s.invoice_id = invoice;
  INSERT INTO "invoice_open_spans" ("clinic_id", "invoice_id", "from_at", "until_at", "outstanding_minor")
  SELECT clinic, x.invoice_id, x.from_at, x.until_at, x.outstanding_minor
  FROM "clinics" c, "report_invoice_spans"(clinic, invoice) x WHERE c.id = clinic;
END $$;
--> statement-breakpoint
-- A client's visits with their neighbours (see client_visits in the schema); every client's
-- when `client` is null.
CREATE FUNCTION "report_client_visits"(clinic uuid, client uuid)
RETURNS TABLE ("booking_id" uuid, "client_id" uuid, "starts_at" timestamptz, "prev_at" timestamptz, "next_at" timestamptz,
  "consultation" boolean, "prev_consultation_at" timestamptz, "course_kind" text, "course_at" timestamptz)
LANGUAGE sql STABLE AS $$
  WITH v AS (
    SELECT b.id, b.client_id, b.starts_at, sv.kind = 'consultation' AS consultation
    FROM "bookings" b JOIN "services" sv ON sv.clinic_id = b.clinic_id AND sv.id = b.service_id
    WHERE b.clinic_id = clinic AND (client IS NULL OR b.client_id = client) AND b.kind = 'appointment'
      AND b.status IN ('confirmed', 'arrived', 'completed')),
  starts AS (
    SELECT d.client_id, d.starts_at, lead(d.starts_at) OVER (PARTITION BY d.client_id ORDER BY d.starts_at) AS next_at
    FROM (SELECT DISTINCT v.client_id, v.starts_at FROM v) d),
  w AS (
    SELECT v.*, lag(v.starts_at) OVER (PARTITION BY v.client_id ORDER BY v.starts_at, v.id) AS prev_at,
      lag(v.starts_at) OVER (PARTITION BY v.client_id, v.consultation ORDER BY v.starts_at, v.id) AS prev_same
    FROM v)
  SELECT w.id, w.client_id, w.starts_at, w.prev_at, s.next_at, w.consultation,
    CASE WHEN w.consultation THEN w.prev_same END, n.kind, n.starts_at
  FROM w
  JOIN starts s ON s.client_id = w.client_id AND s.starts_at = w.starts_at
  LEFT JOIN LATERAL (
    SELECT sv.kind, b.starts_at
    FROM "bookings" b
    JOIN "services" sv ON sv.clinic_id = b.clinic_id AND sv.id = b.service_id
    WHERE w.consultation AND b.clinic_id = clinic AND b.client_id = w.client_id AND b.kind = 'appointment' AND b.starts_at > w.starts_at
      AND b.series_id IS NOT NULL AND sv.kind <> 'consultation' AND b.status NOT IN ('held', 'expired')
      AND NOT EXISTS (SELECT 1 FROM "bookings" e WHERE e.clinic_id = b.clinic_id AND e.series_id = b.series_id AND e.starts_at <= w.starts_at)
    ORDER BY b.starts_at
    LIMIT 1) n ON true
$$;
--> statement-breakpoint
CREATE FUNCTION "report_refresh_client"(clinic uuid, client uuid) RETURNS void LANGUAGE plpgsql
-- Planned for this one invoice or client each time (the shared functions also serve the
-- whole-clinic rebuild, where the id is null): an index probe, never a scan of the clinic.
SET plan_cache_mode = 'force_custom_plan' AS $$
BEGIN
  IF client IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(10411, hashtext(client::text));
  DELETE FROM "client_first_appointments" f WHERE f.clinic_id = clinic AND f.client_id = client;
  INSERT INTO "client_first_appointments" ("clinic_id", "client_id", "first_at")
  SELECT clinic, client, min(b.starts_at)
  FROM "clinics" c, "bookings" b
  WHERE c.id = clinic AND b.clinic_id = clinic AND b.client_id = client AND b.kind = 'appointment'
    AND b.status IN ('confirmed', 'arrived', 'completed', 'no_show')
  HAVING min(b.starts_at) IS NOT NULL;
  DELETE FROM "client_visits" v WHERE v.clinic_id = clinic AND v.client_id = client;
  INSERT INTO "client_visits" ("clinic_id", "booking_id", "client_id", "starts_at", "prev_at", "next_at", "consultation", "prev_consultation_at", "course_kind", "course_at")
  SELECT clinic, x.* FROM "clinics" c, "report_client_visits"(clinic, client) x WHERE c.id = clinic;
END $$;
--> statement-breakpoint
CREATE FUNCTION "report_bookings_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "report_apply_booking"(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_apply_booking"(NEW, 1); END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM "report_shift_takings"(OLD.clinic_id, OLD.id, OLD.practitioner_id, NULL);
  ELSIF TG_OP = 'UPDATE' AND (OLD.practitioner_id IS DISTINCT FROM NEW.practitioner_id OR OLD.clinic_id <> NEW.clinic_id OR OLD.id <> NEW.id) THEN
    PERFORM "report_shift_takings"(OLD.clinic_id, OLD.id, OLD.practitioner_id, NULL);
    PERFORM "report_shift_takings"(NEW.clinic_id, NEW.id, NULL, NEW.practitioner_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Only the columns the reports read (not reminders, notes, tokens or versions).
CREATE TRIGGER "bookings_report_rollups" AFTER INSERT OR DELETE OR UPDATE OF "clinic_id", "id", "kind", "status", "late_cancellation", "starts_at", "ends_at", "practitioner_id", "room_id", "client_id", "service_id", "series_id" ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "report_bookings_changed"();
--> statement-breakpoint
-- Each client's visits are recomputed once per statement, however many of their bookings
-- it wrote (a history written in one statement would otherwise be recomputed per row):
-- the clients of the rows whose visit columns changed, and those sharing a series with
-- them (a course's first session decides conversion for its client's consultations).
CREATE FUNCTION "report_booking_clients_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  clinic_ids uuid[];
  client_ids uuid[];
  series_ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.clinic_id), array_agg(n.client_id), array_agg(n.series_id) INTO clinic_ids, client_ids, series_ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.clinic_id), array_agg(o.client_id), array_agg(o.series_id) INTO clinic_ids, client_ids, series_ids FROM old_rows o;
  ELSE
    SELECT array_agg(x.clinic_id), array_agg(x.client_id), array_agg(x.series_id) INTO clinic_ids, client_ids, series_ids
    FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.clinic_id, o.client_id, o.series_id), (n.clinic_id, n.client_id, n.series_id)) x(clinic_id, client_id, series_id)
    WHERE o.id IS NULL OR n.id IS NULL
      OR (o.clinic_id, o.client_id, o.kind, o.status, o.starts_at, o.service_id, o.series_id)
         IS DISTINCT FROM (n.clinic_id, n.client_id, n.kind, n.status, n.starts_at, n.service_id, n.series_id);
  END IF;
  IF clinic_ids IS NULL THEN RETURN NULL; END IF;
  PERFORM "report_refresh_client"(t.clinic_id, t.client_id) FROM (
    SELECT DISTINCT y.clinic_id, y.client_id FROM (
      SELECT c.clinic_id, c.client_id FROM unnest(clinic_ids, client_ids) c(clinic_id, client_id)
      UNION ALL
      SELECT b.clinic_id, b.client_id
      FROM (SELECT DISTINCT s.clinic_id, s.series_id FROM unnest(clinic_ids, series_ids) s(clinic_id, series_id) WHERE s.series_id IS NOT NULL) s
      JOIN "bookings" b ON b.clinic_id = s.clinic_id AND b.series_id = s.series_id) y
    WHERE y.clinic_id IS NOT NULL AND y.client_id IS NOT NULL
    ORDER BY 1, 2) t;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "bookings_report_clients_inserted" AFTER INSERT ON "bookings"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_booking_clients_changed"();
--> statement-breakpoint
CREATE TRIGGER "bookings_report_clients_updated" AFTER UPDATE ON "bookings"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_booking_clients_changed"();
--> statement-breakpoint
CREATE TRIGGER "bookings_report_clients_deleted" AFTER DELETE ON "bookings"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_booking_clients_changed"();
--> statement-breakpoint
CREATE FUNCTION "report_payments_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM "report_apply_payment"(OLD, -1);
    PERFORM "report_refresh_invoice"(OLD.clinic_id, OLD.invoice_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM "report_apply_payment"(NEW, 1);
    IF TG_OP = 'INSERT' OR OLD.clinic_id <> NEW.clinic_id OR OLD.invoice_id <> NEW.invoice_id THEN
      PERFORM "report_refresh_invoice"(NEW.clinic_id, NEW.invoice_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "payments_report_rollups" AFTER INSERT OR UPDATE OR DELETE ON "payments"
  FOR EACH ROW EXECUTE FUNCTION "report_payments_changed"();
--> statement-breakpoint
-- An invoice opens its own spans; a credit note changes its invoice's. Invoices are never
-- edited after issue, but an edit of the visit they are for still moves their takings.
CREATE FUNCTION "report_invoices_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.kind = 'invoice' THEN
    -- A new invoice has no payments or credit notes yet (both refer to it): it owes its
    -- total from its issue. Cheap on purpose, as a sale writes it under the clinic's
    -- invoice-number lock.
    IF NEW.total_minor > 0 THEN
      INSERT INTO "invoice_open_spans" ("clinic_id", "invoice_id", "from_at", "until_at", "outstanding_minor")
      VALUES (NEW.clinic_id, NEW.id, NEW.issued_at, NULL, NEW.total_minor);
    END IF;
    RETURN NULL;
  END IF;
  -- An update that leaves the ledger's figures as they were changes no span.
  IF TG_OP <> 'UPDATE' OR (OLD.clinic_id, OLD.id, OLD.kind, OLD.total_minor, OLD.issued_at, OLD.corrects_invoice_id)
      IS DISTINCT FROM (NEW.clinic_id, NEW.id, NEW.kind, NEW.total_minor, NEW.issued_at, NEW.corrects_invoice_id) THEN
    IF TG_OP = 'DELETE' OR (OLD.clinic_id, CASE WHEN OLD.kind = 'invoice' THEN OLD.id ELSE OLD.corrects_invoice_id END)
        IS DISTINCT FROM (NEW.clinic_id, CASE WHEN NEW.kind = 'invoice' THEN NEW.id ELSE NEW.corrects_invoice_id END) THEN
      PERFORM "report_refresh_invoice"(OLD.clinic_id, CASE WHEN OLD.kind = 'invoice' THEN OLD.id ELSE OLD.corrects_invoice_id END);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM "report_refresh_invoice"(NEW.clinic_id, CASE WHEN NEW.kind = 'invoice' THEN NEW.id ELSE NEW.corrects_invoice_id END);
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.booking_id IS DISTINCT FROM NEW.booking_id THEN
    INSERT INTO "takings_day_totals" AS t ("clinic_id", "date", "method", "practitioner_id", "payments_minor", "refunds_minor")
    SELECT p.clinic_id, (p.recorded_at AT TIME ZONE c.time_zone)::date, p.method, b.practitioner_id,
      sum(CASE WHEN p.kind = 'payment' THEN x.sign * p.amount_minor ELSE 0 END), sum(CASE WHEN p.kind = 'refund' THEN x.sign * p.amount_minor ELSE 0 END)
    FROM "clinics" c
    JOIN "payments" p ON p.clinic_id = c.id AND p.invoice_id = NEW.id
    CROSS JOIN (VALUES (OLD.booking_id, -1), (NEW.booking_id, 1)) x(booking, sign)
    LEFT JOIN "bookings" b ON b.clinic_id = c.id AND b.id = x.booking
    WHERE c.id = NEW.clinic_id
    GROUP BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT "takings_day_totals_key" DO UPDATE SET
      "payments_minor" = t."payments_minor" + excluded."payments_minor", "refunds_minor" = t."refunds_minor" + excluded."refunds_minor";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoices_report_rollups" AFTER INSERT OR UPDATE OR DELETE ON "invoices"
  FOR EACH ROW EXECUTE FUNCTION "report_invoices_changed"();
--> statement-breakpoint
CREATE FUNCTION "report_rebuild_client_visits"(clinic uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "client_visits" WHERE "clinic_id" = clinic;
  INSERT INTO "client_visits" ("clinic_id", "booking_id", "client_id", "starts_at", "prev_at", "next_at", "consultation", "prev_consultation_at", "course_kind", "course_at")
  SELECT clinic, x.* FROM "report_client_visits"(clinic, NULL) x;
END $$;
--> statement-breakpoint
-- A service that becomes (or stops being) a consultation changes conversion for every
-- client of the clinic: recomputed as a whole (a rare change of the owner's).
CREATE FUNCTION "report_service_kind_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "report_rebuild_client_visits"(NEW.clinic_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "services_report_rollups" AFTER UPDATE OF "kind" ON "services"
  FOR EACH ROW WHEN (OLD."kind" IS DISTINCT FROM NEW."kind") EXECUTE FUNCTION "report_service_kind_changed"();
--> statement-breakpoint
-- Recomputes every roll-up of one clinic from its ledger rows: the backfill below, after a
-- change of the clinic's time zone (its local days move), and after bulk loads with
-- triggers off (the benchmark's seed).
CREATE FUNCTION "rebuild_report_rollups"(clinic uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "booking_day_totals" WHERE "clinic_id" = clinic;
  INSERT INTO "booking_day_totals" ("clinic_id", "date", "practitioner_id", "room_id", "kept", "no_shows", "late_cancellations", "cancelled_in_time", "other", "booked_micros")
  SELECT b.clinic_id, p.date, p.practitioner_id, p.room_id, sum(p.kept), sum(p.no_shows), sum(p.late_cancellations), sum(p.cancelled_in_time), sum(p.other), sum(p.booked_micros)
  FROM "clinics" c JOIN "bookings" b ON b.clinic_id = c.id CROSS JOIN LATERAL "report_booking_parts"(b, c.time_zone) p
  WHERE c.id = clinic
  GROUP BY 1, 2, 3, 4;
  DELETE FROM "takings_day_totals" WHERE "clinic_id" = clinic;
  INSERT INTO "takings_day_totals" ("clinic_id", "date", "method", "practitioner_id", "payments_minor", "refunds_minor")
  SELECT p.clinic_id, (p.recorded_at AT TIME ZONE c.time_zone)::date, p.method, b.practitioner_id,
    sum(CASE WHEN p.kind = 'payment' THEN p.amount_minor ELSE 0 END), sum(CASE WHEN p.kind = 'refund' THEN p.amount_minor ELSE 0 END)
  FROM "clinics" c
  JOIN "payments" p ON p.clinic_id = c.id
  JOIN "invoices" i ON i.clinic_id = p.clinic_id AND i.id = p.invoice_id
  LEFT JOIN "bookings" b ON b.clinic_id = i.clinic_id AND b.id = i.booking_id
  WHERE c.id = clinic
  GROUP BY 1, 2, 3, 4;
  DELETE FROM "invoice_open_spans" WHERE "clinic_id" = clinic;
  INSERT INTO "invoice_open_spans" ("clinic_id", "invoice_id", "from_at", "until_at", "outstanding_minor")
  SELECT clinic, x.invoice_id, x.from_at, x.until_at, x.outstanding_minor FROM "report_invoice_spans"(clinic, NULL) x;
  DELETE FROM "client_first_appointments" WHERE "clinic_id" = clinic;
  INSERT INTO "client_first_appointments" ("clinic_id", "client_id", "first_at")
  SELECT clinic, b.client_id, min(b.starts_at)
  FROM "bookings" b
  WHERE b.clinic_id = clinic AND b.kind = 'appointment' AND b.status IN ('confirmed', 'arrived', 'completed', 'no_show')
  GROUP BY b.client_id;
  PERFORM "report_rebuild_client_visits"(clinic);
END $$;
--> statement-breakpoint
CREATE FUNCTION "report_clinic_zone_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rebuild_report_rollups"(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "clinics_report_rollups" AFTER UPDATE OF "time_zone" ON "clinics"
  FOR EACH ROW WHEN (OLD."time_zone" IS DISTINCT FROM NEW."time_zone") EXECUTE FUNCTION "report_clinic_zone_changed"();
--> statement-breakpoint
SELECT "rebuild_report_rollups"(id) FROM "clinics";
