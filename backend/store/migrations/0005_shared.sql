-- Tables that tags/segments, events and communities all read. Each domain adds its own tables in
-- later migrations; these are the shared nouns, so they come first.

-- Customer kinds: a distributor serves people, terminal outlets and companies.
ALTER TABLE customers ADD COLUMN kind TEXT NOT NULL DEFAULT '个人'
  CHECK (kind IN ('个人', '终端门店', '企业'));
CREATE INDEX customers_kind ON customers (kind, archived);

-- Tags describe a customer several ways at once. Smart tags are kept by rules (backend/tags);
-- manual ones are set by staff.
CREATE TABLE tags (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  colour     TEXT NOT NULL DEFAULT '#409EFF',
  tag_group  TEXT NOT NULL DEFAULT '',
  kind       TEXT NOT NULL DEFAULT 'manual' CHECK (kind IN ('manual', 'smart')),
  created_at TEXT NOT NULL
);
CREATE TABLE customer_tags (
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (customer_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX customer_tags_tag ON customer_tags (tag_id, customer_id);

-- Events (品鉴会 and the like). Times are shop-local 'YYYY-MM-DD HH:MM'.
CREATE TABLE events (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('品鉴会', '酒会', '答谢宴', '研讨会', 'VIP俱乐部活动', '酒庄游')),
  theme         TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL DEFAULT 'planning'
                CHECK (state IN ('planning', 'inviting', 'running', 'ended', 'cancelled')),
  starts_at     TEXT NOT NULL,
  ends_at       TEXT NOT NULL CHECK (ends_at > starts_at),
  venue         TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  capacity      INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  host_staff_id INTEGER REFERENCES staff(id),
  notes         TEXT NOT NULL DEFAULT '',
  created_by    INTEGER REFERENCES staff(id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX events_starts ON events (starts_at);

-- One row per invited (or walk-in) customer. 'checked_in' is what "attended" means everywhere.
CREATE TABLE event_guests (
  id            INTEGER PRIMARY KEY,
  event_id      INTEGER NOT NULL REFERENCES events(id),
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  status        TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'invited', 'confirmed', 'declined', 'checked_in', 'no_show')),
  companions    INTEGER NOT NULL DEFAULT 0 CHECK (companions >= 0),
  waitlisted    INTEGER NOT NULL DEFAULT 0,
  walk_in       INTEGER NOT NULL DEFAULT 0,
  status_at     TEXT NOT NULL,
  status_by     INTEGER REFERENCES staff(id),
  checked_in_at TEXT,
  created_at    TEXT NOT NULL,
  UNIQUE (event_id, customer_id)
);
CREATE INDEX event_guests_customer ON event_guests (customer_id, status);
