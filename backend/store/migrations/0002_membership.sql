-- Member levels (会员等级). Money in fen, multipliers and discounts in percent.
CREATE TABLE member_levels (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL UNIQUE,
  rank              INTEGER NOT NULL UNIQUE,
  upgrade_fen       INTEGER NOT NULL CHECK (upgrade_fen >= 0),
  keep_fen          INTEGER NOT NULL CHECK (keep_fen >= 0),
  multiplier_pct    INTEGER NOT NULL CHECK (multiplier_pct > 0),
  discount_pct      INTEGER NOT NULL CHECK (discount_pct BETWEEN 1 AND 100),
  birthday_points   INTEGER NOT NULL DEFAULT 0 CHECK (birthday_points >= 0),
  colour            TEXT NOT NULL DEFAULT ''
);
INSERT INTO member_levels (name, rank, upgrade_fen, keep_fen, multiplier_pct, discount_pct, birthday_points, colour) VALUES
  ('普卡',   1,       0,       0, 100, 100,    0, '#909399'),
  ('银卡',   2,  500000,  300000, 120,  98,  200, '#8c9eb5'),
  ('金卡',   3, 2000000, 1200000, 150,  95,  500, '#c9a227'),
  ('钻石卡', 4, 5000000, 3000000, 200,  90, 1000, '#5b3fa0');

-- A customer becomes a member (VIP) by registration; the level lives here.
CREATE TABLE memberships (
  customer_id   INTEGER PRIMARY KEY REFERENCES customers(id),
  level_id      INTEGER NOT NULL REFERENCES member_levels(id),
  level_since   TEXT NOT NULL,
  registered_by INTEGER REFERENCES staff(id),
  registered_at TEXT NOT NULL
);
CREATE INDEX memberships_level ON memberships (level_id);

CREATE TABLE level_changes (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  from_level_id INTEGER REFERENCES member_levels(id),
  to_level_id   INTEGER NOT NULL REFERENCES member_levels(id),
  reason        TEXT NOT NULL,
  staff_id      INTEGER REFERENCES staff(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX level_changes_customer ON level_changes (customer_id, id);

CREATE TABLE cards (
  id            INTEGER PRIMARY KEY,
  number        TEXT NOT NULL UNIQUE,
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  state         TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'frozen', 'replaced')),
  state_reason  TEXT NOT NULL DEFAULT '',
  replaced_by   INTEGER REFERENCES cards(id),
  issued_by     INTEGER REFERENCES staff(id),
  issued_at     TEXT NOT NULL,
  changed_at    TEXT NOT NULL
);
CREATE INDEX cards_customer ON cards (customer_id);
-- At most one card in use (active or frozen) per customer.
CREATE UNIQUE INDEX cards_one_in_use ON cards (customer_id) WHERE state != 'replaced';

CREATE TABLE products (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  series       TEXT NOT NULL DEFAULT '',
  volume_ml    INTEGER NOT NULL DEFAULT 0,
  abv          TEXT NOT NULL DEFAULT '',
  category     TEXT NOT NULL CHECK (category IN ('白酒', '葡萄酒', '啤酒', '洋酒', '黄酒', '服务')),
  retail_fen   INTEGER NOT NULL CHECK (retail_fen >= 0),
  service      INTEGER NOT NULL DEFAULT 0,
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX products_name ON products (name, series, volume_ml);

CREATE TABLE product_level_prices (
  product_id INTEGER NOT NULL REFERENCES products(id),
  level_id   INTEGER NOT NULL REFERENCES member_levels(id),
  price_fen  INTEGER NOT NULL CHECK (price_fen >= 0),
  PRIMARY KEY (product_id, level_id)
) WITHOUT ROWID;

CREATE TABLE purchases (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  card_id       INTEGER REFERENCES cards(id),
  staff_id      INTEGER REFERENCES staff(id),
  date          TEXT NOT NULL,
  total_fen     INTEGER NOT NULL CHECK (total_fen >= 0),
  points_earned INTEGER NOT NULL DEFAULT 0,
  earns_points  INTEGER NOT NULL DEFAULT 1,
  note          TEXT NOT NULL DEFAULT '',
  idem_key      TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL
);
CREATE INDEX purchases_customer ON purchases (customer_id, date);
CREATE INDEX purchases_date ON purchases (date);

CREATE TABLE purchase_lines (
  id           INTEGER PRIMARY KEY,
  purchase_id  INTEGER NOT NULL REFERENCES purchases(id),
  product_id   INTEGER REFERENCES products(id),
  product_name TEXT NOT NULL,
  category     TEXT NOT NULL DEFAULT '',
  service      INTEGER NOT NULL DEFAULT 0,
  qty          INTEGER NOT NULL CHECK (qty > 0),
  unit_fen     INTEGER NOT NULL CHECK (unit_fen >= 0),
  amount_fen   INTEGER NOT NULL CHECK (amount_fen >= 0),
  points       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX purchase_lines_purchase ON purchase_lines (purchase_id);

CREATE TABLE refunds (
  id               INTEGER PRIMARY KEY,
  purchase_id      INTEGER NOT NULL REFERENCES purchases(id),
  amount_fen       INTEGER NOT NULL CHECK (amount_fen >= 0),
  points_reversed  INTEGER NOT NULL,
  shortfall_points INTEGER NOT NULL,
  deduct_fen       INTEGER NOT NULL,
  paid_fen         INTEGER NOT NULL,
  reason           TEXT NOT NULL DEFAULT '',
  idem_key         TEXT NOT NULL UNIQUE,
  staff_id         INTEGER REFERENCES staff(id),
  created_at       TEXT NOT NULL
);
CREATE INDEX refunds_purchase ON refunds (purchase_id);

CREATE TABLE refund_lines (
  refund_id  INTEGER NOT NULL REFERENCES refunds(id),
  line_id    INTEGER NOT NULL REFERENCES purchase_lines(id),
  qty        INTEGER NOT NULL CHECK (qty > 0),
  amount_fen INTEGER NOT NULL,
  points     INTEGER NOT NULL,
  PRIMARY KEY (refund_id, line_id)
) WITHOUT ROWID;
CREATE INDEX refund_lines_line ON refund_lines (line_id);

-- The points ledger: append only. Positive entries are lots that spends are allocated to, first in
-- first out; the allocations make expiry and refunds exact without ever editing an entry.
CREATE TABLE points_entries (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  kind        TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'bonus', 'adjust', 'expire', 'reverse', 'opening')),
  points      INTEGER NOT NULL CHECK (points != 0),
  expires_on  TEXT,
  reason      TEXT NOT NULL DEFAULT '',
  ref_type    TEXT NOT NULL DEFAULT '',
  ref_id      INTEGER,
  idem_key    TEXT NOT NULL UNIQUE,
  staff_id    INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX points_entries_customer ON points_entries (customer_id, id);
CREATE INDEX points_entries_expiry ON points_entries (expires_on) WHERE expires_on IS NOT NULL;

CREATE TABLE points_allocations (
  spend_id INTEGER NOT NULL REFERENCES points_entries(id),
  lot_id   INTEGER NOT NULL REFERENCES points_entries(id),
  points   INTEGER NOT NULL CHECK (points > 0),
  PRIMARY KEY (spend_id, lot_id)
) WITHOUT ROWID;
CREATE INDEX points_allocations_lot ON points_allocations (lot_id);

CREATE TRIGGER points_entries_no_update BEFORE UPDATE ON points_entries
BEGIN SELECT RAISE(ABORT, '积分流水只能追加，不能修改'); END;
CREATE TRIGGER points_entries_no_delete BEFORE DELETE ON points_entries
BEGIN SELECT RAISE(ABORT, '积分流水只能追加，不能删除'); END;
CREATE TRIGGER points_allocations_no_update BEFORE UPDATE ON points_allocations
BEGIN SELECT RAISE(ABORT, '积分流水只能追加，不能修改'); END;
CREATE TRIGGER points_allocations_no_delete BEFORE DELETE ON points_allocations
BEGIN SELECT RAISE(ABORT, '积分流水只能追加，不能删除'); END;

CREATE TABLE gifts (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  points_cost INTEGER NOT NULL CHECK (points_cost > 0),
  stock       INTEGER NOT NULL CHECK (stock >= 0),
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL
);

CREATE TABLE redemptions (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  gift_id      INTEGER NOT NULL REFERENCES gifts(id),
  qty          INTEGER NOT NULL CHECK (qty > 0),
  points       INTEGER NOT NULL,
  staff_id     INTEGER REFERENCES staff(id),
  created_at   TEXT NOT NULL,
  cancelled_at TEXT,
  cancelled_by INTEGER REFERENCES staff(id)
);
CREATE INDEX redemptions_customer ON redemptions (customer_id, id);
