-- What the banquet's brand programme computed at settlement (gifts and rebates, as JSON; '' when the
-- banquet joins no programme), kept beside the figures the manager entered, and the manager's reason
-- when the two differ. Written once with the settlement, which refuses updates.
ALTER TABLE banquet_settlements ADD COLUMN computed_json TEXT NOT NULL DEFAULT '';
ALTER TABLE banquet_settlements ADD COLUMN override_reason TEXT NOT NULL DEFAULT '';
