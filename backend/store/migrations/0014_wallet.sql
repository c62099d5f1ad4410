-- Stored value (储值): recharge packages, the wallet ledger, its per-customer balances and shop total,
-- and how a purchase was paid. The ledger follows 0011's pattern: append-only, no REPLACE, totals
-- changed only by the ledger's own trigger with last_entry_id guards.
--
-- Balances are a table kept by the ledger's trigger, not a SUM at read time: the counter reads one
-- customer's balance on every stored-value payment and the dashboard reads the shop's outstanding
-- total, and both stay one primary-key lookup however long the ledger grows (2M entries in the bench).
-- Each entry also carries the balances after it (checked against the balances row at insert), so a
-- receipt or a ledger page shows them without summing, and the database itself refuses an entry that
-- would take either balance below zero.

CREATE TABLE wallet_packages (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  pay_fen        INTEGER NOT NULL CHECK (pay_fen > 0),
  bonus_fen      INTEGER NOT NULL DEFAULT 0 CHECK (bonus_fen >= 0),
  points         INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
  -- a coupon type (coupons' table) given with the package; 0 for none
  coupon_type_id INTEGER NOT NULL DEFAULT 0,
  active         INTEGER NOT NULL DEFAULT 1,
  sort           INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE wallet_entries (
  id              INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES customers(id),
  kind            TEXT NOT NULL CHECK (kind IN ('recharge', 'spend', 'refund', 'close', 'adjust', 'opening',
                    'transfer_in', 'transfer_out')),
  -- signed changes to each balance
  principal_fen   INTEGER NOT NULL,
  bonus_fen       INTEGER NOT NULL,
  -- balances after this entry
  principal_after INTEGER NOT NULL CHECK (principal_after >= 0),
  bonus_after     INTEGER NOT NULL CHECK (bonus_after >= 0),
  -- money that changed hands outside the wallet: paid in for a recharge, paid out for a 退卡
  cash_fen        INTEGER NOT NULL DEFAULT 0,
  method          TEXT NOT NULL DEFAULT '',
  package_id      INTEGER,
  purchase_id     INTEGER,
  refund_id       INTEGER,
  batch_id        INTEGER,
  staff_id        INTEGER REFERENCES staff(id),
  note            TEXT NOT NULL DEFAULT '',
  idem_key        TEXT NOT NULL UNIQUE,
  created_at      TEXT NOT NULL
);
CREATE INDEX wallet_entries_customer ON wallet_entries (customer_id, id);
CREATE INDEX wallet_entries_purchase ON wallet_entries (purchase_id) WHERE purchase_id IS NOT NULL;
CREATE INDEX wallet_entries_batch ON wallet_entries (batch_id) WHERE batch_id IS NOT NULL;
-- The liability report reads ranges of time.
CREATE INDEX wallet_entries_created ON wallet_entries (created_at, kind, principal_fen, bonus_fen);

CREATE TABLE wallet_balances (
  customer_id   INTEGER PRIMARY KEY REFERENCES customers(id),
  principal_fen INTEGER NOT NULL,
  bonus_fen     INTEGER NOT NULL,
  last_entry_id INTEGER NOT NULL
);
-- One row: the shop's outstanding stored value (预收款).
CREATE TABLE wallet_totals (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  principal_fen INTEGER NOT NULL,
  bonus_fen     INTEGER NOT NULL,
  last_entry_id INTEGER NOT NULL
);

-- The entry's balances after must be the current ones plus its change, and never negative.
CREATE TRIGGER wallet_entries_no_replace BEFORE INSERT ON wallet_entries
WHEN EXISTS (SELECT 1 FROM wallet_entries WHERE id = NEW.id OR idem_key = NEW.idem_key)
  OR NEW.principal_after IS NOT COALESCE((SELECT principal_fen FROM wallet_balances WHERE customer_id = NEW.customer_id), 0) + NEW.principal_fen
  OR NEW.bonus_after IS NOT COALESCE((SELECT bonus_fen FROM wallet_balances WHERE customer_id = NEW.customer_id), 0) + NEW.bonus_fen
BEGIN SELECT RAISE(ABORT, '储值流水只能追加，不能覆盖'); END;
CREATE TRIGGER wallet_entries_no_update BEFORE UPDATE ON wallet_entries
BEGIN SELECT RAISE(ABORT, '储值流水只能追加，不能覆盖'); END;
CREATE TRIGGER wallet_entries_no_delete BEFORE DELETE ON wallet_entries
BEGIN SELECT RAISE(ABORT, '储值流水只能追加，不能覆盖'); END;

CREATE TRIGGER wallet_entries_totals AFTER INSERT ON wallet_entries
BEGIN
  UPDATE wallet_balances SET principal_fen = NEW.principal_after, bonus_fen = NEW.bonus_after, last_entry_id = NEW.id
   WHERE customer_id = NEW.customer_id;
  INSERT INTO wallet_balances (customer_id, principal_fen, bonus_fen, last_entry_id)
    SELECT NEW.customer_id, NEW.principal_after, NEW.bonus_after, NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM wallet_balances WHERE customer_id = NEW.customer_id);
  UPDATE wallet_totals SET principal_fen = principal_fen + NEW.principal_fen, bonus_fen = bonus_fen + NEW.bonus_fen,
    last_entry_id = NEW.id WHERE id = 1;
  INSERT INTO wallet_totals (id, principal_fen, bonus_fen, last_entry_id)
    SELECT 1, NEW.principal_fen, NEW.bonus_fen, NEW.id WHERE NOT EXISTS (SELECT 1 FROM wallet_totals);
END;

CREATE TRIGGER wallet_balances_guard_insert BEFORE INSERT ON wallet_balances
WHEN EXISTS (SELECT 1 FROM wallet_balances WHERE customer_id = NEW.customer_id)
  OR NOT EXISTS (SELECT 1 FROM wallet_entries e WHERE e.id = NEW.last_entry_id AND e.customer_id = NEW.customer_id
    AND e.principal_fen = NEW.principal_fen AND e.bonus_fen = NEW.bonus_fen)
BEGIN SELECT RAISE(ABORT, '储值余额只能由储值流水更新'); END;
CREATE TRIGGER wallet_balances_guard_update BEFORE UPDATE ON wallet_balances
WHEN NEW.customer_id IS NOT OLD.customer_id OR NEW.last_entry_id <= OLD.last_entry_id
  OR NOT EXISTS (SELECT 1 FROM wallet_entries e WHERE e.id = NEW.last_entry_id AND e.customer_id = NEW.customer_id
    AND NEW.principal_fen = OLD.principal_fen + e.principal_fen AND NEW.bonus_fen = OLD.bonus_fen + e.bonus_fen)
BEGIN SELECT RAISE(ABORT, '储值余额只能由储值流水更新'); END;
CREATE TRIGGER wallet_balances_no_delete BEFORE DELETE ON wallet_balances
BEGIN SELECT RAISE(ABORT, '储值余额只能由储值流水更新'); END;

CREATE TRIGGER wallet_totals_guard_insert BEFORE INSERT ON wallet_totals
WHEN EXISTS (SELECT 1 FROM wallet_totals)
  OR NOT EXISTS (SELECT 1 FROM wallet_entries e WHERE e.id = NEW.last_entry_id
    AND e.principal_fen = NEW.principal_fen AND e.bonus_fen = NEW.bonus_fen)
BEGIN SELECT RAISE(ABORT, '储值余额只能由储值流水更新'); END;
CREATE TRIGGER wallet_totals_guard_update BEFORE UPDATE ON wallet_totals
WHEN NEW.id IS NOT OLD.id OR NEW.last_entry_id <= OLD.last_entry_id
  OR NOT EXISTS (SELECT 1 FROM wallet_entries e WHERE e.id = NEW.last_entry_id
    AND NEW.principal_fen = OLD.principal_fen + e.principal_fen AND NEW.bonus_fen = OLD.bonus_fen + e.bonus_fen)
BEGIN SELECT RAISE(ABORT, '储值余额只能由储值流水更新'); END;
CREATE TRIGGER wallet_totals_no_delete BEFORE DELETE ON wallet_totals
BEGIN SELECT RAISE(ABORT, '储值余额只能由储值流水更新'); END;

-- How each purchase was paid, and where each refund's money went back. Labels only: no payment
-- integration. A purchase recorded without payments (history, imports) has no rows here.
CREATE TABLE purchase_payments (
  purchase_id INTEGER NOT NULL REFERENCES purchases(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('stored', 'cash', 'wechat', 'alipay', 'card')),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (purchase_id, seq)
);
CREATE TABLE refund_payments (
  refund_id  INTEGER NOT NULL REFERENCES refunds(id) ON DELETE CASCADE,
  method     TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (refund_id, method)
);

-- A level may open on a single recharge of at least this much (0: not by recharge).
ALTER TABLE member_levels ADD COLUMN recharge_fen INTEGER NOT NULL DEFAULT 0;
