-- Printed material (posters, table cards, name tents): the shop's chosen poster layout, trim colour
-- and wording; its logo and one small map per venue (PNG, scaled down on upload, so the database holds
-- at most a few hundred KB per image); and the phone each host staff member prints on posters.
CREATE TABLE print_style (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  layout     TEXT NOT NULL CHECK (layout IN ('classic', 'wine', 'plain')),
  accent     TEXT NOT NULL DEFAULT '',
  wording    TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

CREATE TABLE print_images (
  kind       TEXT NOT NULL CHECK (kind IN ('logo', 'map')),
  -- The venue a map is of, as events name it; '' for the logo.
  venue      TEXT NOT NULL DEFAULT '',
  png        BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, venue)
);

CREATE TABLE print_contacts (
  staff_id   INTEGER PRIMARY KEY REFERENCES staff(id),
  phone      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
