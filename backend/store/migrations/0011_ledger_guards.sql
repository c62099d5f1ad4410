-- Ledger guards: the database itself refuses to rewrite history, whatever SQL reaches it.
--
-- The pattern, for the points ledger here and for the wallet ledger to come (wallet_entries, stored wine):
--
-- 1. An append-only table refuses UPDATE and DELETE (BEFORE triggers, 0002/0004) and also REPLACE:
--    `REPLACE INTO`, `INSERT OR REPLACE` and an UPSERT over an existing key delete the old row without
--    firing DELETE triggers (SQLite fires them only under PRAGMA recursive_triggers), so a BEFORE INSERT
--    trigger refuses any row whose key (id, idempotency key) is already there. BEFORE INSERT runs before
--    the conflicting row is removed, so it still sees it. Our own code never inserts a key twice: it
--    looks the idempotency key up first and answers the earlier result.
-- 2. A totals table stays one row per key (so the dashboard's reads stay a few-row table scan, and the
--    points-flow chart an index range over the month key: append-only deltas would make every read
--    sum a table that grows with each ledger line). Each row carries `last_entry_id`, the ledger line
--    that last changed it, and guard triggers accept a change only if it is exactly that line applied:
--    the line exists, belongs to the key, is newer than the one applied before (so no line can be
--    applied twice), and the new total is the old one plus the line. Ledger ids only grow (no deletes,
--    rowid = max + 1), and the ledger's own AFTER INSERT trigger applies each line at once, so there
--    is never a line left over for a hand-written UPDATE to apply. Each guard costs one primary-key
--    lookup per ledger insert.
-- 3. A total kept on another row (memberships.last_purchase, purchases.refunded_fen,
--    customers.is_member) may only be set to what its source says for that key, checked by a guard on
--    an index the source already has.

-- 1. No REPLACE on the append-only tables.
CREATE TRIGGER points_entries_no_replace BEFORE INSERT ON points_entries
WHEN EXISTS (SELECT 1 FROM points_entries WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '积分流水只能追加，不能覆盖'); END;
CREATE TRIGGER points_allocations_no_replace BEFORE INSERT ON points_allocations
WHEN EXISTS (SELECT 1 FROM points_allocations WHERE spend_id = NEW.spend_id AND lot_id = NEW.lot_id)
BEGIN SELECT RAISE(ABORT, '积分流水只能追加，不能覆盖'); END;
CREATE TRIGGER audit_entries_no_replace BEFORE INSERT ON audit_entries
WHEN EXISTS (SELECT 1 FROM audit_entries WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能覆盖'); END;

-- Purchases and refunds are moved by a merge and deleted by an undone import (their triggers keep the
-- totals right then), but a REPLACE would swap a row without those triggers: refuse it, and a new
-- purchase that claims refunds it cannot have yet.
CREATE TRIGGER purchases_no_replace BEFORE INSERT ON purchases
WHEN NEW.refunded_fen != 0 OR EXISTS (SELECT 1 FROM purchases WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '消费记录不能覆盖'); END;
CREATE TRIGGER purchase_lines_no_replace BEFORE INSERT ON purchase_lines
WHEN EXISTS (SELECT 1 FROM purchase_lines WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '消费记录不能覆盖'); END;
CREATE TRIGGER refunds_no_replace BEFORE INSERT ON refunds
WHEN EXISTS (SELECT 1 FROM refunds WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '退款记录不能覆盖'); END;
CREATE TRIGGER refund_lines_no_replace BEFORE INSERT ON refund_lines
WHEN EXISTS (SELECT 1 FROM refund_lines WHERE refund_id = NEW.refund_id AND line_id = NEW.line_id)
BEGIN SELECT RAISE(ABORT, '退款记录不能覆盖'); END;

-- 2. Points totals: rebuilt from the ledger (in case they were edited before this guard existed), each
-- row stamped with the last ledger line in it.
DROP TRIGGER points_entries_totals;
DELETE FROM points_totals;
DELETE FROM points_months;
ALTER TABLE points_totals ADD COLUMN last_entry_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE points_months ADD COLUMN last_entry_id INTEGER NOT NULL DEFAULT 0;
INSERT INTO points_totals (kind, positive, points, last_entry_id)
  SELECT kind, points > 0, SUM(points), MAX(id) FROM points_entries GROUP BY kind, points > 0;
INSERT INTO points_months (month, kind, positive, points, last_entry_id)
  SELECT COALESCE(strftime('%Y-%m', created_at, '+8 hours'), ''), kind, points > 0, SUM(points), MAX(id)
  FROM points_entries GROUP BY 1, 2, 3;

-- Update the key's row if it exists, else add it: not an UPSERT, whose INSERT half would meet the
-- insert guard below on every line after a key's first.
CREATE TRIGGER points_entries_totals AFTER INSERT ON points_entries
BEGIN
  UPDATE points_totals SET points = points + NEW.points, last_entry_id = NEW.id
   WHERE kind = NEW.kind AND positive = (NEW.points > 0);
  INSERT INTO points_totals (kind, positive, points, last_entry_id)
    SELECT NEW.kind, NEW.points > 0, NEW.points, NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM points_totals WHERE kind = NEW.kind AND positive = (NEW.points > 0));
  UPDATE points_months SET points = points + NEW.points, last_entry_id = NEW.id
   WHERE month = COALESCE(strftime('%Y-%m', NEW.created_at, '+8 hours'), '') AND kind = NEW.kind AND positive = (NEW.points > 0);
  INSERT INTO points_months (month, kind, positive, points, last_entry_id)
    SELECT COALESCE(strftime('%Y-%m', NEW.created_at, '+8 hours'), ''), NEW.kind, NEW.points > 0, NEW.points, NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM points_months WHERE month = COALESCE(strftime('%Y-%m', NEW.created_at, '+8 hours'), '')
       AND kind = NEW.kind AND positive = (NEW.points > 0));
END;

CREATE TRIGGER points_totals_guard_insert BEFORE INSERT ON points_totals
WHEN EXISTS (SELECT 1 FROM points_totals WHERE kind = NEW.kind AND positive = NEW.positive)
  OR NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.id = NEW.last_entry_id
    AND e.kind = NEW.kind AND (e.points > 0) = NEW.positive AND e.points = NEW.points)
BEGIN SELECT RAISE(ABORT, '积分汇总只能由积分流水更新'); END;
CREATE TRIGGER points_totals_guard_update BEFORE UPDATE ON points_totals
WHEN NEW.kind IS NOT OLD.kind OR NEW.positive IS NOT OLD.positive OR NEW.last_entry_id <= OLD.last_entry_id
  OR NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.id = NEW.last_entry_id
    AND e.kind = NEW.kind AND (e.points > 0) = NEW.positive AND NEW.points = OLD.points + e.points)
BEGIN SELECT RAISE(ABORT, '积分汇总只能由积分流水更新'); END;
CREATE TRIGGER points_totals_no_delete BEFORE DELETE ON points_totals
BEGIN SELECT RAISE(ABORT, '积分汇总只能由积分流水更新'); END;

CREATE TRIGGER points_months_guard_insert BEFORE INSERT ON points_months
WHEN EXISTS (SELECT 1 FROM points_months WHERE month = NEW.month AND kind = NEW.kind AND positive = NEW.positive)
  OR NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.id = NEW.last_entry_id
    AND COALESCE(strftime('%Y-%m', e.created_at, '+8 hours'), '') = NEW.month
    AND e.kind = NEW.kind AND (e.points > 0) = NEW.positive AND e.points = NEW.points)
BEGIN SELECT RAISE(ABORT, '积分汇总只能由积分流水更新'); END;
CREATE TRIGGER points_months_guard_update BEFORE UPDATE ON points_months
WHEN NEW.month IS NOT OLD.month OR NEW.kind IS NOT OLD.kind OR NEW.positive IS NOT OLD.positive
  OR NEW.last_entry_id <= OLD.last_entry_id
  OR NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.id = NEW.last_entry_id
    AND COALESCE(strftime('%Y-%m', e.created_at, '+8 hours'), '') = NEW.month
    AND e.kind = NEW.kind AND (e.points > 0) = NEW.positive AND NEW.points = OLD.points + e.points)
BEGIN SELECT RAISE(ABORT, '积分汇总只能由积分流水更新'); END;
CREATE TRIGGER points_months_no_delete BEFORE DELETE ON points_months
BEGIN SELECT RAISE(ABORT, '积分汇总只能由积分流水更新'); END;

-- 3. Totals kept on other rows: only ever what their source says. Recomputed first, for the same reason.
UPDATE memberships SET last_purchase = (SELECT MAX(date) FROM purchases p WHERE p.customer_id = memberships.customer_id);
CREATE TRIGGER memberships_last_purchase_guard BEFORE UPDATE OF last_purchase ON memberships
WHEN NEW.last_purchase IS NOT (SELECT MAX(date) FROM purchases p WHERE p.customer_id = NEW.customer_id)
BEGIN SELECT RAISE(ABORT, '最近消费日期只能由消费记录更新'); END;

UPDATE purchases SET refunded_fen = (SELECT COALESCE(SUM(r.amount_fen), 0) FROM refunds r WHERE r.purchase_id = purchases.id)
  WHERE refunded_fen != (SELECT COALESCE(SUM(r.amount_fen), 0) FROM refunds r WHERE r.purchase_id = purchases.id);
-- A refund moved or changed: recount both purchases from their refunds (the old trigger's two
-- steps passed through a state the guard would rightly refuse).
DROP TRIGGER refunds_net_update;
CREATE TRIGGER refunds_net_update AFTER UPDATE OF amount_fen, purchase_id ON refunds
BEGIN
  UPDATE purchases SET refunded_fen = (SELECT COALESCE(SUM(r.amount_fen), 0) FROM refunds r WHERE r.purchase_id = purchases.id)
   WHERE id IN (OLD.purchase_id, NEW.purchase_id);
END;
CREATE TRIGGER purchases_refunded_guard BEFORE UPDATE OF refunded_fen ON purchases
WHEN NEW.refunded_fen IS NOT (SELECT COALESCE(SUM(r.amount_fen), 0) FROM refunds r WHERE r.purchase_id = NEW.id)
BEGIN SELECT RAISE(ABORT, '已退金额只能由退款记录更新'); END;

UPDATE customers SET is_member = EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = customers.id)
  WHERE is_member != EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = customers.id);
CREATE TRIGGER customers_is_member_guard BEFORE UPDATE OF is_member ON customers
WHEN NEW.is_member IS NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = NEW.id)
BEGIN SELECT RAISE(ABORT, '会员标记只能由会员登记更新'); END;
CREATE TRIGGER customers_is_member_guard_insert BEFORE INSERT ON customers
WHEN NEW.is_member IS NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = NEW.id)
BEGIN SELECT RAISE(ABORT, '会员标记只能由会员登记更新'); END;
