-- 期初累计消费: a total spend an old ledger kept without dates (its 累计消费 column), brought in by an
-- import. It counts wherever 累计消费 counts (the customer page and list, the customer export, the
-- segment and smart-tag condition 累计消费) and in no dated window (近N天消费, the 12-month level
-- thresholds, scoring's buying power), since nobody knows when it was spent. One row per import
-- that brought some, so undoing a batch removes exactly its rows.
CREATE TABLE opening_spends (
  id              INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES customers(id),
  amount_fen      INTEGER NOT NULL,
  import_batch_id INTEGER REFERENCES import_batches(id),
  staff_id        INTEGER REFERENCES staff(id),
  created_at      TEXT NOT NULL
);
-- Covering: the total of one customer is a range of this index.
CREATE INDEX opening_spends_customer ON opening_spends (customer_id, amount_fen);
CREATE INDEX opening_spends_import ON opening_spends (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- Smart tags on 累计消费 read it (SQLite-only, like the other smart-tag triggers of 0006).
CREATE TRIGGER smart_opening_spends_ins AFTER INSERT ON opening_spends BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_opening_spends_upd AFTER UPDATE ON opening_spends BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_opening_spends_del AFTER DELETE ON opening_spends BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
