-- Dashboard and reports. The dashboard must answer in well under a second on a million members and
-- ten million ledger lines, so the figures it needs are kept as they change instead of summed on
-- every load: a member's last purchase date, and the ledger's running totals per kind and sign.

-- Last purchase date (shop-local YYYY-MM-DD) of a member; NULL when they never bought. Kept by the
-- triggers below, so "active" and "inactive" members are index ranges.
ALTER TABLE memberships ADD COLUMN last_purchase TEXT;
UPDATE memberships SET last_purchase = (SELECT MAX(date) FROM purchases p WHERE p.customer_id = memberships.customer_id);
CREATE INDEX memberships_last_purchase ON memberships (last_purchase, registered_at);
CREATE INDEX memberships_registered ON memberships (registered_at);

CREATE TRIGGER purchases_last_insert AFTER INSERT ON purchases
BEGIN
  UPDATE memberships SET last_purchase = NEW.date
   WHERE customer_id = NEW.customer_id AND (last_purchase IS NULL OR last_purchase < NEW.date);
END;
-- A merge moves purchases to the survivor; an undone import deletes them: recompute both sides.
CREATE TRIGGER purchases_last_update AFTER UPDATE OF customer_id, date ON purchases
BEGIN
  UPDATE memberships SET last_purchase = (SELECT MAX(date) FROM purchases p WHERE p.customer_id = memberships.customer_id)
   WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
END;
CREATE TRIGGER purchases_last_delete AFTER DELETE ON purchases
BEGIN
  UPDATE memberships SET last_purchase = (SELECT MAX(date) FROM purchases p WHERE p.customer_id = memberships.customer_id)
   WHERE customer_id = OLD.customer_id;
END;
-- A customer who bought before registering arrives with their history.
CREATE TRIGGER memberships_last_insert AFTER INSERT ON memberships
BEGIN
  UPDATE memberships SET last_purchase = (SELECT MAX(date) FROM purchases p WHERE p.customer_id = NEW.customer_id)
   WHERE customer_id = NEW.customer_id;
END;

-- Running totals of the append-only ledger by kind and sign (an adjustment can go either way), overall
-- and per shop-local month (for the points-flow report). The ledger is never updated or deleted (its
-- triggers refuse it), so adding on insert is exact.
CREATE TABLE points_totals (
  kind     TEXT NOT NULL,
  positive INTEGER NOT NULL,
  points   INTEGER NOT NULL,
  PRIMARY KEY (kind, positive)
) WITHOUT ROWID;
INSERT INTO points_totals (kind, positive, points)
  SELECT kind, points > 0, SUM(points) FROM points_entries GROUP BY kind, points > 0;
CREATE TABLE points_months (
  month    TEXT NOT NULL, -- YYYY-MM in the shop's time zone (UTC+8); '' if created_at is not a time
  kind     TEXT NOT NULL,
  positive INTEGER NOT NULL,
  points   INTEGER NOT NULL,
  PRIMARY KEY (month, kind, positive)
) WITHOUT ROWID;
INSERT INTO points_months (month, kind, positive, points)
  SELECT COALESCE(strftime('%Y-%m', created_at, '+8 hours'), ''), kind, points > 0, SUM(points) FROM points_entries GROUP BY 1, 2, 3;
CREATE TRIGGER points_entries_totals AFTER INSERT ON points_entries
BEGIN
  INSERT INTO points_totals (kind, positive, points) VALUES (NEW.kind, NEW.points > 0, NEW.points)
    ON CONFLICT (kind, positive) DO UPDATE SET points = points + excluded.points;
  INSERT INTO points_months (month, kind, positive, points)
    VALUES (COALESCE(strftime('%Y-%m', NEW.created_at, '+8 hours'), ''), NEW.kind, NEW.points > 0, NEW.points)
    ON CONFLICT (month, kind, positive) DO UPDATE SET points = points + excluded.points;
END;

-- Whether a customer is a member, kept by triggers, so the birthdays of members are one small index:
-- checking a million memberships row by row is what made the home page slow.
ALTER TABLE customers ADD COLUMN is_member INTEGER NOT NULL DEFAULT 0;
UPDATE customers SET is_member = 1 WHERE id IN (SELECT customer_id FROM memberships);
CREATE TRIGGER memberships_flag_insert AFTER INSERT ON memberships
BEGIN UPDATE customers SET is_member = 1 WHERE id = NEW.customer_id; END;
CREATE TRIGGER memberships_flag_delete AFTER DELETE ON memberships
BEGIN UPDATE customers SET is_member = 0 WHERE id = OLD.customer_id; END;
CREATE TRIGGER memberships_flag_update AFTER UPDATE OF customer_id ON memberships
BEGIN
  UPDATE customers SET is_member = 0 WHERE id = OLD.customer_id;
  UPDATE customers SET is_member = 1 WHERE id = NEW.customer_id;
END;
-- Members' birthdays by calendar, month and day: the dashboard reads only the days of the next 30.
CREATE INDEX customers_member_birth ON customers (birth_calendar, birth_month, birth_day, birth_leap, birth_year)
  WHERE birth_month IS NOT NULL AND archived = 0 AND is_member = 1;

-- Sales by level and staff performance read a year of purchases: the date index carries what they
-- sum, so they never visit the purchase rows themselves (same name, wider).
DROP INDEX purchases_date;
CREATE INDEX purchases_date ON purchases (date, customer_id, total_fen, staff_id);

-- A follow-up is answered once a later one exists for the customer; the dashboard's "follow-ups due"
-- reads only the open ones, however many years of follow-ups a shop keeps. Kept by triggers: a new
-- follow-up answers the earlier ones (or is itself already answered, when back-dated); a merge moves
-- follow-ups to the survivor, whose are then worked out again.
ALTER TABLE follow_ups ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
UPDATE follow_ups SET answered = EXISTS (SELECT 1 FROM follow_ups g WHERE g.customer_id = follow_ups.customer_id
  AND (g.date > follow_ups.date OR (g.date = follow_ups.date AND g.id > follow_ups.id)));
CREATE TRIGGER follow_ups_answer_insert AFTER INSERT ON follow_ups
BEGIN
  UPDATE follow_ups SET answered = 1 WHERE customer_id = NEW.customer_id AND answered = 0
    AND (date < NEW.date OR (date = NEW.date AND id < NEW.id));
  UPDATE follow_ups SET answered = 1 WHERE id = NEW.id AND EXISTS (SELECT 1 FROM follow_ups g
    WHERE g.customer_id = NEW.customer_id AND (g.date > NEW.date OR (g.date = NEW.date AND g.id > NEW.id)));
END;
CREATE TRIGGER follow_ups_answer_move AFTER UPDATE OF customer_id ON follow_ups
BEGIN
  UPDATE follow_ups SET answered = EXISTS (SELECT 1 FROM follow_ups g WHERE g.customer_id = follow_ups.customer_id
    AND (g.date > follow_ups.date OR (g.date = follow_ups.date AND g.id > follow_ups.id)))
   WHERE customer_id = NEW.customer_id;
END;
CREATE INDEX follow_ups_open ON follow_ups (next_date) WHERE next_date IS NOT NULL AND answered = 0;
