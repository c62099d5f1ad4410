-- Coupons (券): types the owner defines, coupons issued to customers, and an append-only ledger of
-- what happened to each coupon (issue / use / void / expire / return). A coupon's state is always
-- its latest ledger line; the database refuses a line that does not follow from the one before
-- (a used coupon cannot be used again), and refuses any rewrite, as 0011 does for points.

CREATE TABLE coupon_types (
  id                INTEGER PRIMARY KEY,
  name              TEXT    NOT NULL,
  kind              TEXT    NOT NULL CHECK (kind IN ('cash', 'threshold', 'gift')),
  value_fen         INTEGER NOT NULL DEFAULT 0 CHECK (value_fen >= 0),
  threshold_fen     INTEGER NOT NULL DEFAULT 0 CHECK (threshold_fen >= 0),
  gift_id           INTEGER REFERENCES gifts(id),
  -- Validity: N days from issue (valid_days > 0), or the fixed shop dates valid_from..valid_to.
  valid_days        INTEGER NOT NULL DEFAULT 0 CHECK (valid_days >= 0),
  valid_from        TEXT,
  valid_to          TEXT,
  with_member_price INTEGER NOT NULL DEFAULT 1,
  campaign          TEXT    NOT NULL DEFAULT '',
  -- Issued by itself on an occasion: '' by hand only, birthday, event attendance, fission rewards.
  auto_on           TEXT    NOT NULL DEFAULT '' CHECK (auto_on IN ('', 'birthday', 'attend', 'fission_join', 'fission_first_buy')),
  clerk_may_issue   INTEGER NOT NULL DEFAULT 1,
  active            INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL
);

-- A coupon keeps the terms of its type as they were when it was issued: editing the type later
-- changes only coupons issued after.
CREATE TABLE coupons (
  id                INTEGER PRIMARY KEY,
  code              TEXT    NOT NULL UNIQUE,
  type_id           INTEGER NOT NULL REFERENCES coupon_types(id),
  customer_id       INTEGER NOT NULL REFERENCES customers(id),
  name              TEXT    NOT NULL,
  kind              TEXT    NOT NULL CHECK (kind IN ('cash', 'threshold', 'gift')),
  value_fen         INTEGER NOT NULL,
  threshold_fen     INTEGER NOT NULL,
  gift_id           INTEGER REFERENCES gifts(id),
  with_member_price INTEGER NOT NULL,
  campaign          TEXT    NOT NULL,
  source            TEXT    NOT NULL,
  valid_from        TEXT    NOT NULL,
  valid_to          TEXT    NOT NULL,
  -- 'new' only inside the issuing transaction; then always what the latest ledger line says.
  state             TEXT    NOT NULL DEFAULT 'new',
  idem_key          TEXT    NOT NULL UNIQUE,
  staff_id          INTEGER REFERENCES staff(id),
  created_at        TEXT    NOT NULL
);
CREATE INDEX coupons_customer ON coupons (customer_id, state, valid_to);
CREATE INDEX coupons_state ON coupons (state, valid_to);
CREATE INDEX coupons_type ON coupons (type_id);

CREATE TABLE coupon_entries (
  id           INTEGER PRIMARY KEY,
  coupon_id    INTEGER NOT NULL REFERENCES coupons(id),
  kind         TEXT    NOT NULL CHECK (kind IN ('issue', 'use', 'void', 'expire', 'return')),
  purchase_id  INTEGER REFERENCES purchases(id),
  discount_fen INTEGER NOT NULL DEFAULT 0,
  reason       TEXT    NOT NULL DEFAULT '',
  staff_id     INTEGER REFERENCES staff(id),
  idem_key     TEXT    NOT NULL UNIQUE,
  created_at   TEXT    NOT NULL
);
CREATE INDEX coupon_entries_coupon ON coupon_entries (coupon_id, id);
CREATE INDEX coupon_entries_created ON coupon_entries (created_at);
CREATE INDEX coupon_entries_purchase ON coupon_entries (purchase_id) WHERE purchase_id IS NOT NULL;

-- The ledger: append-only, no REPLACE, and each line must follow from the coupon's latest line.
CREATE TRIGGER coupon_entries_no_update BEFORE UPDATE ON coupon_entries
BEGIN SELECT RAISE(ABORT, '券流水只能追加，不能修改'); END;
CREATE TRIGGER coupon_entries_no_delete BEFORE DELETE ON coupon_entries
BEGIN SELECT RAISE(ABORT, '券流水只能追加，不能删除'); END;
CREATE TRIGGER coupon_entries_no_replace BEFORE INSERT ON coupon_entries
WHEN EXISTS (SELECT 1 FROM coupon_entries WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '券流水只能追加，不能覆盖'); END;
CREATE TRIGGER coupon_entries_follow BEFORE INSERT ON coupon_entries
WHEN NOT (
  (NEW.kind = 'issue' AND NOT EXISTS (SELECT 1 FROM coupon_entries WHERE coupon_id = NEW.coupon_id))
  OR (NEW.kind IN ('use', 'void', 'expire') AND (SELECT kind FROM coupon_entries WHERE coupon_id = NEW.coupon_id
      ORDER BY id DESC LIMIT 1) IN ('issue', 'return'))
  OR (NEW.kind = 'return' AND (SELECT kind FROM coupon_entries WHERE coupon_id = NEW.coupon_id ORDER BY id DESC LIMIT 1) = 'use'))
BEGIN SELECT RAISE(ABORT, '券的状态不允许此操作'); END;
CREATE TRIGGER coupon_entries_state AFTER INSERT ON coupon_entries
BEGIN
  UPDATE coupons SET state = CASE NEW.kind WHEN 'issue' THEN 'issued' WHEN 'return' THEN 'issued'
    WHEN 'use' THEN 'used' WHEN 'void' THEN 'voided' ELSE 'expired' END
   WHERE id = NEW.coupon_id;
END;

-- Coupons: never deleted or replaced; the terms never change; the state only ever what the latest
-- ledger line says; the holder changes only when customers are merged.
CREATE TRIGGER coupons_no_delete BEFORE DELETE ON coupons
BEGIN SELECT RAISE(ABORT, '券不能删除，请作废'); END;
CREATE TRIGGER coupons_no_replace BEFORE INSERT ON coupons
WHEN NEW.state != 'new' OR EXISTS (SELECT 1 FROM coupons WHERE id = NEW.id OR code = NEW.code OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '券只能由发券写入，不能覆盖'); END;
CREATE TRIGGER coupons_terms_fixed BEFORE UPDATE ON coupons
WHEN NEW.id IS NOT OLD.id OR NEW.code IS NOT OLD.code OR NEW.type_id IS NOT OLD.type_id OR NEW.name IS NOT OLD.name
  OR NEW.kind IS NOT OLD.kind OR NEW.value_fen IS NOT OLD.value_fen OR NEW.threshold_fen IS NOT OLD.threshold_fen
  OR NEW.gift_id IS NOT OLD.gift_id OR NEW.with_member_price IS NOT OLD.with_member_price OR NEW.campaign IS NOT OLD.campaign
  OR NEW.source IS NOT OLD.source OR NEW.valid_from IS NOT OLD.valid_from OR NEW.valid_to IS NOT OLD.valid_to
  OR NEW.idem_key IS NOT OLD.idem_key OR NEW.staff_id IS NOT OLD.staff_id OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, '券的内容不能修改'); END;
CREATE TRIGGER coupons_state_guard BEFORE UPDATE OF state ON coupons
WHEN NEW.state IS NOT (SELECT CASE kind WHEN 'issue' THEN 'issued' WHEN 'return' THEN 'issued'
    WHEN 'use' THEN 'used' WHEN 'void' THEN 'voided' ELSE 'expired' END
  FROM coupon_entries WHERE coupon_id = NEW.id ORDER BY id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, '券状态只能由券流水更新'); END;

-- What the coupons took off a sale, and what of that each refund kept back (the money a refund
-- pays is never more than what was paid). Fixed when written.
ALTER TABLE purchases ADD COLUMN coupon_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE refunds ADD COLUMN coupon_fen INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER purchases_coupon_fixed BEFORE UPDATE OF coupon_fen ON purchases
WHEN NEW.coupon_fen IS NOT OLD.coupon_fen
BEGIN SELECT RAISE(ABORT, '券优惠金额不能修改'); END;
