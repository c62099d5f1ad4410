-- Claims (厂家费用核销): what a brand programme pays back for banquets and sponsored tastings, the claims
-- filed with the brand, the money it sends, and the rebates the distributor passes on to outlets and
-- hosts. Programme rules live in brand_programmes.rules_json (0017), read by the claims package.

-- A tasting event a brand sponsors under one programme.
CREATE TABLE programme_events (
  event_id     INTEGER PRIMARY KEY REFERENCES events(id),
  programme_id INTEGER NOT NULL REFERENCES brand_programmes(id),
  created_by   INTEGER REFERENCES staff(id),
  created_at   TEXT NOT NULL
);
CREATE INDEX programme_events_programme ON programme_events (programme_id);

-- A claim: built as 待申报, filed (已申报), decided (部分核销 / 已核销, or 驳回 with a reason), paid (已到账).
CREATE TABLE claims (
  id            INTEGER PRIMARY KEY,
  programme_id  INTEGER NOT NULL REFERENCES brand_programmes(id),
  brand         TEXT NOT NULL,
  title         TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT '待申报'
                CHECK (state IN ('待申报', '已申报', '部分核销', '已核销', '已到账', '驳回')),
  claimed_fen   INTEGER NOT NULL CHECK (claimed_fen >= 0),
  approved_fen  INTEGER CHECK (approved_fen IS NULL OR approved_fen BETWEEN 0 AND claimed_fen),
  reject_reason TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  idem_key      TEXT NOT NULL UNIQUE,
  created_by    INTEGER REFERENCES staff(id),
  created_at    TEXT NOT NULL,
  filed_at      TEXT,
  decided_at    TEXT,
  updated_at    TEXT NOT NULL
);
CREATE INDEX claims_list ON claims (state, id DESC);
CREATE INDEX claims_brand ON claims (brand, filed_at);

CREATE TRIGGER claims_state_guard BEFORE UPDATE OF state ON claims
WHEN NEW.state IS NOT OLD.state AND NOT (
     (OLD.state = '待申报' AND NEW.state = '已申报')
  OR (OLD.state = '已申报' AND NEW.state IN ('部分核销', '已核销', '驳回'))
  OR (OLD.state IN ('部分核销', '已核销') AND NEW.state = '已到账'))
BEGIN SELECT RAISE(ABORT, '申报单状态不能这样变更'); END;
-- What was claimed is fixed once filed: the brand holds a copy.
CREATE TRIGGER claims_filed_fixed BEFORE UPDATE OF claimed_fen, programme_id, brand ON claims
WHEN OLD.state != '待申报'
BEGIN SELECT RAISE(ABORT, '已申报的申报单金额不能修改'); END;
CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims
WHEN OLD.state != '待申报'
BEGIN SELECT RAISE(ABORT, '已申报的申报单不能删除'); END;

-- One row per banquet or event on a claim, numbered as the packet's rows; amount and detail are the
-- computation at build time, so the packet and the brand's copy agree.
CREATE TABLE claim_items (
  id          INTEGER PRIMARY KEY,
  claim_id    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  row_no      INTEGER NOT NULL CHECK (row_no > 0),
  kind        TEXT NOT NULL CHECK (kind IN ('banquet', 'event')),
  ref_id      INTEGER NOT NULL,
  amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
  detail_json TEXT NOT NULL,
  UNIQUE (claim_id, row_no),
  UNIQUE (claim_id, kind, ref_id)
);
CREATE INDEX claim_items_ref ON claim_items (kind, ref_id);
CREATE TRIGGER claim_items_fixed BEFORE UPDATE ON claim_items
BEGIN SELECT RAISE(ABORT, '申报明细不能修改'); END;
CREATE TRIGGER claim_items_filed_no_delete BEFORE DELETE ON claim_items
WHEN (SELECT state FROM claims WHERE id = OLD.claim_id) != '待申报'
BEGIN SELECT RAISE(ABORT, '已申报的申报单不能删除'); END;

-- Money the brand sent for a claim: append-only.
CREATE TABLE claim_receipts (
  id          INTEGER PRIMARY KEY,
  claim_id    INTEGER NOT NULL REFERENCES claims(id),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
  received_on TEXT NOT NULL,             -- YYYY-MM-DD
  method      TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  idem_key    TEXT NOT NULL UNIQUE,
  created_by  INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX claim_receipts_claim ON claim_receipts (claim_id);

-- Every move of a claim, who made it and why: append-only.
CREATE TABLE claim_history (
  id         INTEGER PRIMARY KEY,
  claim_id   INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  state      TEXT NOT NULL,
  amount_fen INTEGER,
  note       TEXT NOT NULL DEFAULT '',
  staff_id   INTEGER REFERENCES staff(id),
  at         TEXT NOT NULL
);
CREATE INDEX claim_history_claim ON claim_history (claim_id, id);

-- Rebates the distributor owes onwards, marked paid: append-only.
CREATE TABLE rebate_payouts (
  id          INTEGER PRIMARY KEY,
  banquet_id  INTEGER NOT NULL REFERENCES banquets(id),
  party       TEXT NOT NULL CHECK (party IN ('outlet', 'host')),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
  method      TEXT NOT NULL,
  paid_on     TEXT NOT NULL,             -- YYYY-MM-DD
  note        TEXT NOT NULL DEFAULT '',
  idem_key    TEXT NOT NULL UNIQUE,
  created_by  INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX rebate_payouts_banquet ON rebate_payouts (banquet_id, party);

-- The append-only tables refuse REPLACE, UPDATE and DELETE (0011's pattern). claim_history rows go
-- only with a draft claim discarded before filing (its cascade), never after.
CREATE TRIGGER claim_receipts_no_replace BEFORE INSERT ON claim_receipts
WHEN EXISTS (SELECT 1 FROM claim_receipts WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '到账记录只能追加，不能覆盖'); END;
CREATE TRIGGER claim_receipts_no_update BEFORE UPDATE ON claim_receipts
BEGIN SELECT RAISE(ABORT, '到账记录只能追加，不能覆盖'); END;
CREATE TRIGGER claim_receipts_no_delete BEFORE DELETE ON claim_receipts
BEGIN SELECT RAISE(ABORT, '到账记录只能追加，不能覆盖'); END;
CREATE TRIGGER claim_history_no_replace BEFORE INSERT ON claim_history
WHEN EXISTS (SELECT 1 FROM claim_history WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '申报记录只能追加，不能覆盖'); END;
CREATE TRIGGER claim_history_no_update BEFORE UPDATE ON claim_history
BEGIN SELECT RAISE(ABORT, '申报记录只能追加，不能覆盖'); END;
CREATE TRIGGER claim_history_no_delete BEFORE DELETE ON claim_history
WHEN (SELECT state FROM claims WHERE id = OLD.claim_id) != '待申报'
BEGIN SELECT RAISE(ABORT, '申报记录只能追加，不能覆盖'); END;
CREATE TRIGGER rebate_payouts_no_replace BEFORE INSERT ON rebate_payouts
WHEN EXISTS (SELECT 1 FROM rebate_payouts WHERE id = NEW.id OR idem_key = NEW.idem_key)
BEGIN SELECT RAISE(ABORT, '返利支付记录只能追加，不能覆盖'); END;
CREATE TRIGGER rebate_payouts_no_update BEFORE UPDATE ON rebate_payouts
BEGIN SELECT RAISE(ABORT, '返利支付记录只能追加，不能覆盖'); END;
CREATE TRIGGER rebate_payouts_no_delete BEFORE DELETE ON rebate_payouts
BEGIN SELECT RAISE(ABORT, '返利支付记录只能追加，不能覆盖'); END;
