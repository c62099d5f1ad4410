-- Sign-in secrets (bcrypt of a PIN or a password) and the lockout after repeated wrong tries.
ALTER TABLE staff ADD COLUMN secret_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN secret_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN locked_until TEXT;

-- The audit log (操作日志): append only, like the points ledger. The staff name is copied so the line
-- still reads right after the account is renamed.
CREATE TABLE audit_entries (
  id           INTEGER PRIMARY KEY,
  staff_id     INTEGER REFERENCES staff(id),
  staff_name   TEXT NOT NULL,
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL DEFAULT '',
  target_id    INTEGER,
  target_label TEXT NOT NULL DEFAULT '',
  details      TEXT NOT NULL DEFAULT '',
  approved_by  TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
);
CREATE INDEX audit_entries_time ON audit_entries (created_at);
CREATE INDEX audit_entries_staff ON audit_entries (staff_id, id);
CREATE INDEX audit_entries_action ON audit_entries (action, id);
CREATE INDEX audit_entries_target ON audit_entries (target_type, target_id);

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能删除'); END;
