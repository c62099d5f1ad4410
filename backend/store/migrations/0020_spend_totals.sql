-- Each customer's 累计消费 and spend per month, kept as purchases, refunds, merges, imports and undos
-- change them, so a segment count or a list sorted by spend reads one row per customer instead of
-- summing the customer's purchases and opening spends every time.
--
-- Purchases and opening spends are not append-only (a merge moves them, an undone import deletes
-- them, a refund lowers a purchase's net), so their triggers write every change as a signed line of
-- an append-only ledger, spend_entries, and only that ledger's own trigger changes the totals, under
-- the guards of migration 0011: each totals row carries the ledger line that last changed it, and a
-- change is accepted only if it is exactly that line applied.
--
-- What counts is the purchase's net (total_fen - refunded_fen), whatever paid it (cash, stored value,
-- coupons, points): the triggers read only those two columns, the customer and the date.
--
-- Why months: "spend in the last 365 days" cannot be a trigger-kept number, since it changes at
-- midnight with no write to fire a trigger. Per-customer per-month buckets can answer it exactly: the
-- whole months after the window's first day are a range of at most 13 bucket rows, and only the
-- window's first, partial month needs that customer's purchases. That pays for a customer who buys
-- every week (13 rows instead of 52); for a typical one (a few purchases a year) one range of
-- purchases is quicker, so the live count reads purchases for the window (segments.spendSQL) and the
-- lifetime total (never less than any window, since a purchase's net and an opening spend total are
-- never negative) to rule a customer out in one look-up first. The undated 期初累计消费 goes in month ''.
CREATE TABLE spend_entries (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  month       TEXT NOT NULL, -- YYYY-MM of the purchase's shop date; '' for an opening spend
  fen         INTEGER NOT NULL
);
CREATE TABLE spend_totals (
  customer_id   INTEGER PRIMARY KEY,
  net_fen       INTEGER NOT NULL,
  last_entry_id INTEGER NOT NULL
);
CREATE TABLE spend_months (
  customer_id   INTEGER NOT NULL,
  month         TEXT NOT NULL,
  net_fen       INTEGER NOT NULL,
  last_entry_id INTEGER NOT NULL,
  PRIMARY KEY (customer_id, month)
) WITHOUT ROWID;
-- For "everyone who spent at least X" (累计消费 ≥ X) and sorting by it.
CREATE INDEX spend_totals_net ON spend_totals (net_fen, customer_id);

-- What is there already: one line per customer and month, applied to the totals before the guards exist.
INSERT INTO spend_entries (customer_id, month, fen)
  SELECT customer_id, substr(date, 1, 7), SUM(total_fen - refunded_fen) FROM purchases GROUP BY 1, 2
  HAVING SUM(total_fen - refunded_fen) != 0;
INSERT INTO spend_entries (customer_id, month, fen)
  SELECT customer_id, '', SUM(amount_fen) FROM opening_spends GROUP BY 1 HAVING SUM(amount_fen) != 0;
INSERT INTO spend_months (customer_id, month, net_fen, last_entry_id)
  SELECT customer_id, month, SUM(fen), MAX(id) FROM spend_entries GROUP BY 1, 2;
INSERT INTO spend_totals (customer_id, net_fen, last_entry_id)
  SELECT customer_id, SUM(fen), MAX(id) FROM spend_entries GROUP BY 1;

-- The ledger: append only.
CREATE TRIGGER spend_entries_no_replace BEFORE INSERT ON spend_entries
WHEN EXISTS (SELECT 1 FROM spend_entries WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '消费汇总流水只能追加，不能覆盖'); END;
CREATE TRIGGER spend_entries_no_update BEFORE UPDATE ON spend_entries
BEGIN SELECT RAISE(ABORT, '消费汇总流水只能追加，不能修改'); END;
CREATE TRIGGER spend_entries_no_delete BEFORE DELETE ON spend_entries
BEGIN SELECT RAISE(ABORT, '消费汇总流水只能追加，不能删除'); END;

-- Each line applied at once (update the key's row, else add it; not an UPSERT, see 0011).
CREATE TRIGGER spend_entries_totals AFTER INSERT ON spend_entries
BEGIN
  UPDATE spend_totals SET net_fen = net_fen + NEW.fen, last_entry_id = NEW.id WHERE customer_id = NEW.customer_id;
  INSERT INTO spend_totals (customer_id, net_fen, last_entry_id)
    SELECT NEW.customer_id, NEW.fen, NEW.id WHERE NOT EXISTS (SELECT 1 FROM spend_totals WHERE customer_id = NEW.customer_id);
  UPDATE spend_months SET net_fen = net_fen + NEW.fen, last_entry_id = NEW.id
   WHERE customer_id = NEW.customer_id AND month = NEW.month;
  INSERT INTO spend_months (customer_id, month, net_fen, last_entry_id)
    SELECT NEW.customer_id, NEW.month, NEW.fen, NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM spend_months WHERE customer_id = NEW.customer_id AND month = NEW.month);
END;

CREATE TRIGGER spend_totals_guard_insert BEFORE INSERT ON spend_totals
WHEN EXISTS (SELECT 1 FROM spend_totals WHERE customer_id = NEW.customer_id)
  OR NOT EXISTS (SELECT 1 FROM spend_entries e WHERE e.id = NEW.last_entry_id
    AND e.customer_id = NEW.customer_id AND e.fen = NEW.net_fen)
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;
CREATE TRIGGER spend_totals_guard_update BEFORE UPDATE ON spend_totals
WHEN NEW.customer_id IS NOT OLD.customer_id OR NEW.last_entry_id <= OLD.last_entry_id
  OR NOT EXISTS (SELECT 1 FROM spend_entries e WHERE e.id = NEW.last_entry_id
    AND e.customer_id = NEW.customer_id AND NEW.net_fen = OLD.net_fen + e.fen)
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;
CREATE TRIGGER spend_totals_no_delete BEFORE DELETE ON spend_totals
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;

CREATE TRIGGER spend_months_guard_insert BEFORE INSERT ON spend_months
WHEN EXISTS (SELECT 1 FROM spend_months WHERE customer_id = NEW.customer_id AND month = NEW.month)
  OR NOT EXISTS (SELECT 1 FROM spend_entries e WHERE e.id = NEW.last_entry_id
    AND e.customer_id = NEW.customer_id AND e.month = NEW.month AND e.fen = NEW.net_fen)
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;
CREATE TRIGGER spend_months_guard_update BEFORE UPDATE ON spend_months
WHEN NEW.customer_id IS NOT OLD.customer_id OR NEW.month IS NOT OLD.month OR NEW.last_entry_id <= OLD.last_entry_id
  OR NOT EXISTS (SELECT 1 FROM spend_entries e WHERE e.id = NEW.last_entry_id
    AND e.customer_id = NEW.customer_id AND e.month = NEW.month AND NEW.net_fen = OLD.net_fen + e.fen)
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;
CREATE TRIGGER spend_months_no_delete BEFORE DELETE ON spend_months
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;

-- The sources: every change to a purchase's customer, date or net, and to an opening spend, as lines.
CREATE TRIGGER purchases_spend_insert AFTER INSERT ON purchases
WHEN NEW.total_fen != NEW.refunded_fen
BEGIN
  INSERT INTO spend_entries (customer_id, month, fen) VALUES (NEW.customer_id, substr(NEW.date, 1, 7), NEW.total_fen - NEW.refunded_fen);
END;
CREATE TRIGGER purchases_spend_update AFTER UPDATE OF customer_id, date, total_fen, refunded_fen ON purchases
WHEN NEW.customer_id IS NOT OLD.customer_id OR substr(NEW.date, 1, 7) IS NOT substr(OLD.date, 1, 7)
  OR NEW.total_fen - NEW.refunded_fen IS NOT OLD.total_fen - OLD.refunded_fen
BEGIN
  INSERT INTO spend_entries (customer_id, month, fen)
    SELECT OLD.customer_id, substr(OLD.date, 1, 7), OLD.refunded_fen - OLD.total_fen WHERE OLD.total_fen != OLD.refunded_fen;
  INSERT INTO spend_entries (customer_id, month, fen)
    SELECT NEW.customer_id, substr(NEW.date, 1, 7), NEW.total_fen - NEW.refunded_fen WHERE NEW.total_fen != NEW.refunded_fen;
END;
CREATE TRIGGER purchases_spend_delete AFTER DELETE ON purchases
WHEN OLD.total_fen != OLD.refunded_fen
BEGIN
  INSERT INTO spend_entries (customer_id, month, fen) VALUES (OLD.customer_id, substr(OLD.date, 1, 7), OLD.refunded_fen - OLD.total_fen);
END;
CREATE TRIGGER opening_spends_spend_insert AFTER INSERT ON opening_spends
WHEN NEW.amount_fen != 0
BEGIN
  INSERT INTO spend_entries (customer_id, month, fen) VALUES (NEW.customer_id, '', NEW.amount_fen);
END;
CREATE TRIGGER opening_spends_spend_update AFTER UPDATE OF customer_id, amount_fen ON opening_spends
WHEN NEW.customer_id IS NOT OLD.customer_id OR NEW.amount_fen IS NOT OLD.amount_fen
BEGIN
  INSERT INTO spend_entries (customer_id, month, fen) SELECT OLD.customer_id, '', -OLD.amount_fen WHERE OLD.amount_fen != 0;
  INSERT INTO spend_entries (customer_id, month, fen) SELECT NEW.customer_id, '', NEW.amount_fen WHERE NEW.amount_fen != 0;
END;
CREATE TRIGGER opening_spends_spend_delete AFTER DELETE ON opening_spends
WHEN OLD.amount_fen != 0
BEGIN
  INSERT INTO spend_entries (customer_id, month, fen) VALUES (OLD.customer_id, '', -OLD.amount_fen);
END;
