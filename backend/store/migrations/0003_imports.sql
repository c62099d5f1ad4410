-- One import of a spreadsheet. It lands in one transaction, so a batch row exists only for a finished
-- import. Customers it created are the contiguous id range created_from..created_to (one writer, one
-- transaction); customers it changed are in import_changes with what they looked like before. marks
-- holds the highest id of each activity table at the start: rows above it came later (exact where
-- second-resolution timestamps are not).
CREATE TABLE import_batches (
  id           INTEGER PRIMARY KEY,
  file_name    TEXT NOT NULL,
  sheet        TEXT NOT NULL,
  policy       TEXT NOT NULL CHECK (policy IN ('skip', 'update', 'overwrite', 'merge')),
  headers      TEXT NOT NULL,
  marks        TEXT NOT NULL DEFAULT '{}',
  read_rows    INTEGER NOT NULL DEFAULT 0,
  created      INTEGER NOT NULL DEFAULT 0,
  updated      INTEGER NOT NULL DEFAULT 0,
  merged       INTEGER NOT NULL DEFAULT 0,
  skipped      INTEGER NOT NULL DEFAULT 0,
  failed       INTEGER NOT NULL DEFAULT 0,
  created_from INTEGER,
  created_to   INTEGER,
  staff_id     INTEGER REFERENCES staff(id),
  started_at   TEXT NOT NULL,
  finished_at  TEXT NOT NULL,
  undone_at    TEXT,
  undone_by    INTEGER REFERENCES staff(id)
);

-- An existing customer the batch changed: the profile and membership before, to put back on undo.
CREATE TABLE import_changes (
  batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  action      TEXT NOT NULL CHECK (action IN ('updated', 'merged')),
  before      TEXT NOT NULL,
  PRIMARY KEY (batch_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX import_changes_customer ON import_changes (customer_id);

-- Rows that could not be imported, with their original cells, for the error report.
CREATE TABLE import_failures (
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  row_no   INTEGER NOT NULL,
  reason   TEXT NOT NULL,
  cells    TEXT NOT NULL,
  PRIMARY KEY (batch_id, row_no)
) WITHOUT ROWID;

-- Which field a column header means, as the user last chose it; '' means "do not import".
CREATE TABLE import_mappings (
  header     TEXT PRIMARY KEY,
  field      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Who exported what and how many rows.
CREATE TABLE export_log (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  rows       INTEGER NOT NULL,
  file_name  TEXT NOT NULL,
  staff_id   INTEGER REFERENCES staff(id),
  created_at TEXT NOT NULL
);

-- Rows an import wrote beside the customer, so undo finds exactly them.
ALTER TABLE purchases ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id);
ALTER TABLE cards ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id);
ALTER TABLE level_changes ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id);
CREATE INDEX purchases_import ON purchases (import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX cards_import ON cards (import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX level_changes_import ON level_changes (import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX points_entries_ref ON points_entries (ref_type, ref_id) WHERE ref_type != '';
