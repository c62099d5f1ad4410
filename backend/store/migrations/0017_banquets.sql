-- Banquets (宴席): a host's wedding, birthday or business dinner held at an outlet (a hotel or
-- restaurant customer), the wine delivered for it, what was opened and returned, the money settled and
-- the photos that prove it to the brand. Brand programmes start here in their minimal form (a banquet
-- joins one); their rules and the claims built on them belong to the claims tables (0018).

-- A product's bottles per case: banquets are ordered and delivered in cases and bottles.
ALTER TABLE products ADD COLUMN bottles_per_case INTEGER NOT NULL DEFAULT 6
  CHECK (bottles_per_case BETWEEN 1 AND 120);

-- A brand's programme: which products, which dates; rules_json is owned by the claims package.
CREATE TABLE brand_programmes (
  id          INTEGER PRIMARY KEY,
  brand       TEXT NOT NULL,
  name        TEXT NOT NULL,
  -- JSON array of product ids, e.g. [3,7]; empty means every product of the brand
  product_ids TEXT NOT NULL DEFAULT '[]',
  starts_on   TEXT NOT NULL,             -- YYYY-MM-DD, Asia/Shanghai calendar day
  ends_on     TEXT NOT NULL,             -- inclusive
  rules_json  TEXT NOT NULL DEFAULT '{}',
  active      INTEGER NOT NULL DEFAULT 1,
  notes       TEXT NOT NULL DEFAULT '',
  created_by  INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX brand_programmes_name ON brand_programmes (brand, name);

CREATE TABLE banquets (
  id            INTEGER PRIMARY KEY,
  host_id       INTEGER NOT NULL REFERENCES customers(id),
  kind          TEXT NOT NULL CHECK (kind IN ('婚宴', '寿宴', '升学宴', '满月宴', '乔迁宴', '商务宴', '其他')),
  held_at       TEXT NOT NULL,           -- UTC RFC 3339, the banquet's date and time
  venue_id      INTEGER NOT NULL REFERENCES customers(id),
  tables_count  INTEGER NOT NULL CHECK (tables_count BETWEEN 1 AND 500),
  contact_name  TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  price_fen     INTEGER NOT NULL DEFAULT 0 CHECK (price_fen >= 0),   -- the agreed total for the wine ordered
  deposit_fen   INTEGER NOT NULL DEFAULT 0 CHECK (deposit_fen >= 0),
  programme_id  INTEGER REFERENCES brand_programmes(id),
  staff_id      INTEGER REFERENCES staff(id),
  notes         TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL DEFAULT '登记'
                CHECK (state IN ('登记', '已送酒', '已办', '已结算', '已申报', '已核销', '取消')),
  cancel_reason TEXT NOT NULL DEFAULT '',
  idem_key      TEXT NOT NULL UNIQUE,
  created_by    INTEGER REFERENCES staff(id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX banquets_list ON banquets (state, held_at DESC, id DESC);
CREATE INDEX banquets_held ON banquets (held_at DESC, id DESC);
CREATE INDEX banquets_host ON banquets (host_id);
CREATE INDEX banquets_venue ON banquets (venue_id);
CREATE INDEX banquets_programme ON banquets (programme_id) WHERE programme_id IS NOT NULL;

-- The states move one way; the database refuses any other move whatever SQL reaches it.
CREATE TRIGGER banquets_state_guard BEFORE UPDATE OF state ON banquets
WHEN NEW.state IS NOT OLD.state AND NOT (
     (OLD.state = '登记' AND NEW.state IN ('已送酒', '取消'))
  OR (OLD.state = '已送酒' AND NEW.state IN ('已办', '取消'))
  OR (OLD.state = '已办' AND NEW.state = '已结算')
  OR (OLD.state = '已结算' AND NEW.state = '已申报')
  OR (OLD.state = '已申报' AND NEW.state IN ('已核销', '已结算')))
BEGIN SELECT RAISE(ABORT, '宴席状态不能这样变更'); END;
CREATE TRIGGER banquets_no_delete BEFORE DELETE ON banquets
BEGIN SELECT RAISE(ABORT, '宴席记录不能删除，只能取消'); END;

-- What was ordered, per product: cases and loose bottles, the case size at the time, the unit price.
CREATE TABLE banquet_lines (
  id               INTEGER PRIMARY KEY,
  banquet_id       INTEGER NOT NULL REFERENCES banquets(id),
  product_id       INTEGER NOT NULL REFERENCES products(id),
  bottles_per_case INTEGER NOT NULL CHECK (bottles_per_case >= 1),
  cases            INTEGER NOT NULL DEFAULT 0 CHECK (cases >= 0),
  bottles          INTEGER NOT NULL DEFAULT 0 CHECK (bottles >= 0),
  unit_fen         INTEGER NOT NULL DEFAULT 0 CHECK (unit_fen >= 0),    -- per bottle
  UNIQUE (banquet_id, product_id)
);

-- One delivery run: who took the wine out and when. Its bottles are stock movements of kind 'out'.
CREATE TABLE banquet_deliveries (
  id           INTEGER PRIMARY KEY,
  banquet_id   INTEGER NOT NULL REFERENCES banquets(id),
  note         TEXT NOT NULL DEFAULT '',
  idem_key     TEXT NOT NULL UNIQUE,
  delivered_by INTEGER REFERENCES staff(id),
  delivered_at TEXT NOT NULL
);
CREATE INDEX banquet_deliveries_banquet ON banquet_deliveries (banquet_id);

-- Bottle or case codes scanned at delivery: a code belongs to one banquet, once.
CREATE TABLE banquet_codes (
  id          INTEGER PRIMARY KEY,
  banquet_id  INTEGER NOT NULL REFERENCES banquets(id),
  product_id  INTEGER REFERENCES products(id),
  code        TEXT NOT NULL UNIQUE,
  scanned_by  INTEGER REFERENCES staff(id),
  scanned_at  TEXT NOT NULL
);
CREATE INDEX banquet_codes_banquet ON banquet_codes (banquet_id, id);

-- Stock movements (出库/退回/开瓶/损耗/入库): append-only. 'out' and 'returned' move stock; 'opened'
-- and 'lost' account for bottles already out, so for every settled banquet
-- out = opened + returned + lost per product. Stock on hand is the sum of stock_delta.
CREATE TABLE stock_movements (
  id          INTEGER PRIMARY KEY,
  product_id  INTEGER NOT NULL REFERENCES products(id),
  banquet_id  INTEGER REFERENCES banquets(id),
  kind        TEXT NOT NULL CHECK (kind IN ('in', 'out', 'returned', 'opened', 'lost')),
  bottles     INTEGER NOT NULL CHECK (bottles > 0),
  stock_delta INTEGER NOT NULL CHECK (stock_delta = CASE kind
                WHEN 'in' THEN bottles WHEN 'returned' THEN bottles WHEN 'out' THEN -bottles ELSE 0 END),
  note        TEXT NOT NULL DEFAULT '',
  idem_key    TEXT NOT NULL UNIQUE,
  created_by  INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL,
  CHECK (banquet_id IS NOT NULL OR kind = 'in')
);
CREATE INDEX stock_movements_product ON stock_movements (product_id, id);
CREATE INDEX stock_movements_banquet ON stock_movements (banquet_id, product_id) WHERE banquet_id IS NOT NULL;
CREATE TRIGGER stock_movements_no_replace BEFORE INSERT ON stock_movements
WHEN EXISTS (SELECT 1 FROM stock_movements WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '库存流水只能追加，不能覆盖'); END;
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, '库存流水只能追加，不能覆盖'); END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, '库存流水只能追加，不能覆盖'); END;

-- The settlement, once, approved by a manager on the spot. amount_fen > 0: the host pays the
-- difference; < 0: the host gets it back (多退少补). Rebates are entered until the programme computes them.
CREATE TABLE banquet_settlements (
  banquet_id        INTEGER PRIMARY KEY REFERENCES banquets(id),
  goods_fen         INTEGER NOT NULL,     -- what the opened bottles cost the host
  deposit_fen       INTEGER NOT NULL,
  amount_fen        INTEGER NOT NULL,     -- goods_fen - deposit_fen
  rebate_outlet_fen INTEGER NOT NULL DEFAULT 0 CHECK (rebate_outlet_fen >= 0),
  rebate_host_fen   INTEGER NOT NULL DEFAULT 0 CHECK (rebate_host_fen >= 0),
  note              TEXT NOT NULL DEFAULT '',
  idem_key          TEXT NOT NULL UNIQUE,
  settled_by        INTEGER REFERENCES staff(id),
  settled_at        TEXT NOT NULL
);
-- Per product: how the opened bottles were counted (collected caps, codes or a count).
CREATE TABLE banquet_settlement_lines (
  banquet_id INTEGER NOT NULL REFERENCES banquet_settlements(banquet_id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  delivered  INTEGER NOT NULL CHECK (delivered >= 0),
  opened     INTEGER NOT NULL CHECK (opened >= 0),
  returned   INTEGER NOT NULL CHECK (returned >= 0),
  lost       INTEGER NOT NULL CHECK (lost >= 0),
  counted_by TEXT NOT NULL CHECK (counted_by IN ('caps', 'codes', 'count')),
  unit_fen   INTEGER NOT NULL CHECK (unit_fen >= 0),
  PRIMARY KEY (banquet_id, product_id),
  CHECK (delivered = opened + returned + lost)
);
-- Gifts handed out: per table, or extra.
CREATE TABLE banquet_gifts (
  id         INTEGER PRIMARY KEY,
  banquet_id INTEGER NOT NULL REFERENCES banquet_settlements(banquet_id),
  name       TEXT NOT NULL,
  per_table  INTEGER NOT NULL DEFAULT 0 CHECK (per_table >= 0),
  quantity   INTEGER NOT NULL CHECK (quantity > 0)
);
CREATE INDEX banquet_gifts_banquet ON banquet_gifts (banquet_id);
-- Codes of bottles found opened (caps collected and scanned) at settlement.
CREATE TABLE banquet_opened_codes (
  code_id    INTEGER PRIMARY KEY REFERENCES banquet_codes(id),
  banquet_id INTEGER NOT NULL REFERENCES banquet_settlements(banquet_id)
);

CREATE TRIGGER banquet_settlements_no_replace BEFORE INSERT ON banquet_settlements
WHEN EXISTS (SELECT 1 FROM banquet_settlements WHERE banquet_id = NEW.banquet_id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '结算记录不能覆盖'); END;
CREATE TRIGGER banquet_settlements_no_update BEFORE UPDATE ON banquet_settlements
BEGIN SELECT RAISE(ABORT, '结算记录不能修改'); END;
CREATE TRIGGER banquet_settlements_no_delete BEFORE DELETE ON banquet_settlements
BEGIN SELECT RAISE(ABORT, '结算记录不能修改'); END;
CREATE TRIGGER banquet_settlement_lines_no_replace BEFORE INSERT ON banquet_settlement_lines
WHEN EXISTS (SELECT 1 FROM banquet_settlement_lines WHERE banquet_id = NEW.banquet_id AND product_id = NEW.product_id)
BEGIN SELECT RAISE(ABORT, '结算记录不能覆盖'); END;
CREATE TRIGGER banquet_settlement_lines_no_update BEFORE UPDATE ON banquet_settlement_lines
BEGIN SELECT RAISE(ABORT, '结算记录不能修改'); END;
CREATE TRIGGER banquet_settlement_lines_no_delete BEFORE DELETE ON banquet_settlement_lines
BEGIN SELECT RAISE(ABORT, '结算记录不能修改'); END;

-- Money received from or paid back to the host: append-only. amount_fen > 0 received, < 0 paid back.
-- wallet_entry_id links a stored-value payment once the wallet exists.
CREATE TABLE banquet_payments (
  id              INTEGER PRIMARY KEY,
  banquet_id      INTEGER NOT NULL REFERENCES banquets(id),
  kind            TEXT NOT NULL CHECK (kind IN ('deposit', 'settle', 'refund')),
  method          TEXT NOT NULL,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen != 0),
  wallet_entry_id INTEGER,
  note            TEXT NOT NULL DEFAULT '',
  idem_key        TEXT NOT NULL UNIQUE,
  created_by      INTEGER REFERENCES staff(id),
  created_at      TEXT NOT NULL
);
CREATE INDEX banquet_payments_banquet ON banquet_payments (banquet_id, id);
CREATE TRIGGER banquet_payments_no_replace BEFORE INSERT ON banquet_payments
WHEN EXISTS (SELECT 1 FROM banquet_payments WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '收付款记录只能追加，不能覆盖'); END;
CREATE TRIGGER banquet_payments_no_update BEFORE UPDATE ON banquet_payments
BEGIN SELECT RAISE(ABORT, '收付款记录只能追加，不能覆盖'); END;
CREATE TRIGGER banquet_payments_no_delete BEFORE DELETE ON banquet_payments
BEGIN SELECT RAISE(ABORT, '收付款记录只能追加，不能覆盖'); END;

-- Photos proving the banquet: the file lives in <db dir>/evidence/<banquet id>/<file_name>, a name Go
-- makes; sha256 is taken at upload and never changes. Removal is a mark (removed_at), not a delete,
-- and neither is possible once the claim is filed (已申报 or later): then evidence is only added to.
CREATE TABLE banquet_evidence (
  id          INTEGER PRIMARY KEY,
  banquet_id  INTEGER NOT NULL REFERENCES banquets(id),
  kind        TEXT NOT NULL CHECK (kind IN ('tables', 'opened', 'sign', 'other')),
  file_name   TEXT NOT NULL,
  mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp')),
  size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  note        TEXT NOT NULL DEFAULT '',
  idem_key    TEXT NOT NULL UNIQUE,
  uploaded_by INTEGER REFERENCES staff(id),
  uploaded_at TEXT NOT NULL,
  removed_at  TEXT,
  removed_by  INTEGER REFERENCES staff(id),
  UNIQUE (banquet_id, file_name)
);
CREATE INDEX banquet_evidence_banquet ON banquet_evidence (banquet_id, id);
CREATE TRIGGER banquet_evidence_no_replace BEFORE INSERT ON banquet_evidence
WHEN EXISTS (SELECT 1 FROM banquet_evidence WHERE id = NEW.id OR idem_key = NEW.idem_key
  OR (banquet_id = NEW.banquet_id AND file_name = NEW.file_name))
BEGIN SELECT RAISE(ABORT, '凭证不能覆盖'); END;
-- What was recorded at upload never changes; only the note and the removal mark may, before filing.
CREATE TRIGGER banquet_evidence_fixed BEFORE UPDATE ON banquet_evidence
WHEN NEW.id IS NOT OLD.id OR NEW.banquet_id IS NOT OLD.banquet_id OR NEW.kind IS NOT OLD.kind
  OR NEW.file_name IS NOT OLD.file_name OR NEW.mime IS NOT OLD.mime OR NEW.size_bytes IS NOT OLD.size_bytes
  OR NEW.width IS NOT OLD.width OR NEW.height IS NOT OLD.height OR NEW.sha256 IS NOT OLD.sha256
  OR NEW.idem_key IS NOT OLD.idem_key OR NEW.uploaded_by IS NOT OLD.uploaded_by
  OR NEW.uploaded_at IS NOT OLD.uploaded_at OR OLD.removed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, '凭证上传时的记录不能修改'); END;
CREATE TRIGGER banquet_evidence_filed BEFORE UPDATE ON banquet_evidence
WHEN (SELECT state FROM banquets WHERE id = OLD.banquet_id) IN ('已申报', '已核销')
BEGIN SELECT RAISE(ABORT, '已申报的宴席凭证不能修改或删除，只能补充'); END;
CREATE TRIGGER banquet_evidence_no_delete BEFORE DELETE ON banquet_evidence
BEGIN SELECT RAISE(ABORT, '凭证不能删除'); END;
-- Codes are evidence too: once scanned they stay.
CREATE TRIGGER banquet_codes_no_update BEFORE UPDATE ON banquet_codes
BEGIN SELECT RAISE(ABORT, '已扫码记录不能修改'); END;
CREATE TRIGGER banquet_codes_no_delete BEFORE DELETE ON banquet_codes
BEGIN SELECT RAISE(ABORT, '已扫码记录不能修改'); END;
