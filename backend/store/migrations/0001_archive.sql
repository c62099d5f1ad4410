-- Staff accounts: every call acts as one of them. Logins and PINs come with the roles work.
CREATE TABLE staff (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'clerk')),
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

-- Shop-wide settings as key/value: shop name, district list.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE customers (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  -- normalised 11-digit mainland mobile; NULL when unknown (old ledgers often lack one)
  mobile         TEXT UNIQUE,
  mobile_last4   TEXT,
  other_phone    TEXT NOT NULL DEFAULT '',
  gender         TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'M', 'F')),
  birth_calendar TEXT NOT NULL DEFAULT 'solar' CHECK (birth_calendar IN ('solar', 'lunar')),
  birth_year     INTEGER,
  birth_month    INTEGER,
  birth_day      INTEGER,
  birth_leap     INTEGER NOT NULL DEFAULT 0,
  district       TEXT NOT NULL DEFAULT '',
  address        TEXT NOT NULL DEFAULT '',
  company        TEXT NOT NULL DEFAULT '',
  title          TEXT NOT NULL DEFAULT '',
  source         TEXT NOT NULL DEFAULT '进店' CHECK (source IN ('进店', '转介绍', '活动', '团购', '导入', '其他')),
  referrer_id    INTEGER REFERENCES customers(id),
  owner_staff_id INTEGER REFERENCES staff(id),
  notes          TEXT NOT NULL DEFAULT '',
  consent        INTEGER NOT NULL DEFAULT 0,
  consent_at     TEXT,
  archived       INTEGER NOT NULL DEFAULT 0,
  archive_reason TEXT NOT NULL DEFAULT '',
  archived_at    TEXT,
  merged_into_id INTEGER REFERENCES customers(id),
  -- search keys, derived from name in Go: initials 'zs' and full pinyin 'zhangsan', lower case
  name_initials  TEXT NOT NULL DEFAULT '',
  name_pinyin    TEXT NOT NULL DEFAULT '',
  created_by     INTEGER REFERENCES staff(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX customers_last4 ON customers (mobile_last4);
CREATE INDEX customers_initials ON customers (name_initials, id);
CREATE INDEX customers_pinyin ON customers (name_pinyin, id);
CREATE INDEX customers_name ON customers (name, id);
CREATE INDEX customers_referrer ON customers (referrer_id) WHERE referrer_id IS NOT NULL;
CREATE INDEX customers_list ON customers (archived, created_at DESC, id DESC);
CREATE INDEX customers_district ON customers (district, archived);

-- Every single character and every adjacent pair of name and company, as space-separated tokens, so
-- a 1-2 character fragment is an index lookup and longer fragments intersect pairs.
CREATE VIRTUAL TABLE customer_grams USING fts5(
  grams, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61'
);

CREATE TABLE follow_ups (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  date        TEXT NOT NULL,
  staff_id    INTEGER REFERENCES staff(id),
  channel     TEXT NOT NULL CHECK (channel IN ('电话', '微信', '上门', '到店', '活动')),
  content     TEXT NOT NULL,
  next_date   TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX follow_ups_customer ON follow_ups (customer_id, date DESC);
CREATE INDEX follow_ups_next ON follow_ups (next_date) WHERE next_date IS NOT NULL;

-- A merge keeps the merged record (archived, pointing at the survivor) and this trace of what moved.
CREATE TABLE customer_merges (
  id          INTEGER PRIMARY KEY,
  survivor_id INTEGER NOT NULL REFERENCES customers(id),
  merged_id   INTEGER NOT NULL REFERENCES customers(id),
  merged_snapshot TEXT NOT NULL,
  moved       TEXT NOT NULL,
  staff_id    INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL
);
