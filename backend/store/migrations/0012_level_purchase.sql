-- The purchase whose spend raised a level, on that line of the level history, so a refund of that
-- purchase can find the upgrade it caused and undo it (and nothing a later hand change decided).
ALTER TABLE level_changes ADD COLUMN purchase_id INTEGER REFERENCES purchases(id);
CREATE INDEX level_changes_purchase ON level_changes (purchase_id) WHERE purchase_id IS NOT NULL;
