-- Stored wine (存酒) and receipt prints (小票).
--
-- The stored-wine ledger follows 0011's pattern: append only (no UPDATE, DELETE or REPLACE), one row per
-- customer and product in wine_stock changed only by the ledger's own trigger, each change stamped with
-- the ledger line it applied. A customer's bottles of a product are the ledger sum and never negative:
-- the CHECK on wine_stock makes the database refuse a withdrawal of more than is stored, whatever SQL
-- reaches it.

CREATE TABLE wine_entries (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  product_id  INTEGER NOT NULL REFERENCES products(id),
  -- deposit: bottles left at the shop; withdraw: 取酒; merge: moved between customers by a merge
  kind        TEXT NOT NULL CHECK (kind IN ('deposit', 'withdraw', 'merge')),
  qty         INTEGER NOT NULL CHECK (qty != 0 AND (kind != 'deposit' OR qty > 0) AND (kind != 'withdraw' OR qty < 0)),
  -- the purchase the deposited bottles came from; NULL is 自带 (brought in) or a withdrawal
  purchase_id INTEGER REFERENCES purchases(id),
  place       TEXT NOT NULL DEFAULT '',
  expires_on  TEXT,
  note        TEXT NOT NULL DEFAULT '',
  idem_key    TEXT NOT NULL UNIQUE,
  staff_id    INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX wine_entries_customer ON wine_entries (customer_id, product_id, id);
CREATE INDEX wine_entries_purchase ON wine_entries (purchase_id, product_id) WHERE purchase_id IS NOT NULL;
CREATE INDEX wine_entries_expiry ON wine_entries (expires_on) WHERE expires_on IS NOT NULL;

CREATE TRIGGER wine_entries_no_update BEFORE UPDATE ON wine_entries
BEGIN SELECT RAISE(ABORT, '存酒流水只能追加，不能修改'); END;
CREATE TRIGGER wine_entries_no_delete BEFORE DELETE ON wine_entries
BEGIN SELECT RAISE(ABORT, '存酒流水只能追加，不能删除'); END;
CREATE TRIGGER wine_entries_no_replace BEFORE INSERT ON wine_entries
WHEN EXISTS (SELECT 1 FROM wine_entries WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '存酒流水只能追加，不能覆盖'); END;

CREATE TABLE wine_stock (
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  product_id    INTEGER NOT NULL REFERENCES products(id),
  bottles       INTEGER NOT NULL CHECK (bottles >= 0),
  last_entry_id INTEGER NOT NULL,
  PRIMARY KEY (customer_id, product_id)
);
CREATE INDEX wine_stock_product ON wine_stock (product_id) WHERE bottles > 0;
CREATE INDEX wine_stock_held ON wine_stock (customer_id) WHERE bottles > 0;

-- Update the key's row if it exists, else add it (not an UPSERT: its INSERT half would meet the guard).
CREATE TRIGGER wine_entries_stock AFTER INSERT ON wine_entries
BEGIN
  UPDATE wine_stock SET bottles = bottles + NEW.qty, last_entry_id = NEW.id
   WHERE customer_id = NEW.customer_id AND product_id = NEW.product_id;
  INSERT INTO wine_stock (customer_id, product_id, bottles, last_entry_id)
    SELECT NEW.customer_id, NEW.product_id, NEW.qty, NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM wine_stock WHERE customer_id = NEW.customer_id AND product_id = NEW.product_id);
END;

CREATE TRIGGER wine_stock_guard_insert BEFORE INSERT ON wine_stock
WHEN EXISTS (SELECT 1 FROM wine_stock WHERE customer_id = NEW.customer_id AND product_id = NEW.product_id)
  OR NOT EXISTS (SELECT 1 FROM wine_entries e WHERE e.id = NEW.last_entry_id
    AND e.customer_id = NEW.customer_id AND e.product_id = NEW.product_id AND e.qty = NEW.bottles)
BEGIN SELECT RAISE(ABORT, '存酒余量只能由存酒流水更新'); END;
CREATE TRIGGER wine_stock_guard_update BEFORE UPDATE ON wine_stock
WHEN NEW.customer_id IS NOT OLD.customer_id OR NEW.product_id IS NOT OLD.product_id
  OR NEW.last_entry_id <= OLD.last_entry_id
  OR NOT EXISTS (SELECT 1 FROM wine_entries e WHERE e.id = NEW.last_entry_id
    AND e.customer_id = NEW.customer_id AND e.product_id = NEW.product_id AND NEW.bottles = OLD.bottles + e.qty)
BEGIN SELECT RAISE(ABORT, '存酒余量只能由存酒流水更新'); END;
CREATE TRIGGER wine_stock_no_delete BEFORE DELETE ON wine_stock
BEGIN SELECT RAISE(ABORT, '存酒余量只能由存酒流水更新'); END;

-- Every receipt printed, so a second print of the same record is truthfully marked 重打. Append only:
-- a deleted row would let a reprint pass as the first.
CREATE TABLE receipt_prints (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  ref_id     INTEGER NOT NULL,
  paper      TEXT NOT NULL CHECK (paper IN ('58', '80', 'A5')),
  staff_id   INTEGER REFERENCES staff(id),
  printed_at TEXT NOT NULL
);
CREATE INDEX receipt_prints_ref ON receipt_prints (kind, ref_id);
CREATE INDEX receipt_prints_time ON receipt_prints (printed_at);
CREATE TRIGGER receipt_prints_no_update BEFORE UPDATE ON receipt_prints
BEGIN SELECT RAISE(ABORT, '打印记录只能追加'); END;
CREATE TRIGGER receipt_prints_no_delete BEFORE DELETE ON receipt_prints
BEGIN SELECT RAISE(ABORT, '打印记录只能追加'); END;
CREATE TRIGGER receipt_prints_no_replace BEFORE INSERT ON receipt_prints
WHEN EXISTS (SELECT 1 FROM receipt_prints WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '打印记录只能追加'); END;
