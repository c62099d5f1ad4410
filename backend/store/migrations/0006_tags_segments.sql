-- Tags and segments (标签 / 客群) and the core-consumer score.

-- 意见领袖: staff mark customers whose word carries weight; it counts toward influence.
ALTER TABLE customers ADD COLUMN opinion_leader INTEGER NOT NULL DEFAULT 0;

-- A smart tag's rule: one segment condition as JSON (backend/segments), kept by backend/tags.
CREATE TABLE tag_rules (
  tag_id      INTEGER PRIMARY KEY REFERENCES tags(id) ON DELETE CASCADE,
  rule        TEXT NOT NULL,
  computed_at TEXT
);

-- Saved segments: a definition is a tree of AND/OR groups of conditions, as JSON.
CREATE TABLE segments (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  definition  TEXT NOT NULL,
  created_by  INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- Smart tags are recomputed when the data their rules read has changed (data_version moved past
-- computed_version) or the shop day has turned (rules like "no purchase in 180 days" move with time).
-- Triggers bump data_version, so no write path has to remember to.
CREATE TABLE smart_tag_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  data_version     INTEGER NOT NULL DEFAULT 0,
  computed_version INTEGER NOT NULL DEFAULT -1,
  computed_on      TEXT NOT NULL DEFAULT ''
);
INSERT INTO smart_tag_state (id) VALUES (1);

CREATE TRIGGER smart_purchases_ins AFTER INSERT ON purchases BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_purchases_upd AFTER UPDATE ON purchases BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_purchases_del AFTER DELETE ON purchases BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_refunds_ins AFTER INSERT ON refunds BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_customers_ins AFTER INSERT ON customers BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_customers_upd AFTER UPDATE ON customers BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_guests_ins AFTER INSERT ON event_guests BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_guests_upd AFTER UPDATE ON event_guests BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_guests_del AFTER DELETE ON event_guests BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_memberships_ins AFTER INSERT ON memberships BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;
CREATE TRIGGER smart_memberships_upd AFTER UPDATE ON memberships BEGIN UPDATE smart_tag_state SET data_version = data_version + 1; END;

-- The shipped smart tags. Amounts in the rules are in 元, as staff type them.
INSERT OR IGNORE INTO tags (name, colour, tag_group, kind, created_at) VALUES
  ('消费2万元以上',   '#E6A23C', '智能标签', 'smart', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('愿意转介绍',     '#67C23A', '智能标签', 'smart', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('常参加线下活动', '#409EFF', '智能标签', 'smart', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('购买服务类产品', '#9B59B6', '智能标签', 'smart', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('沉睡客户',       '#909399', '智能标签', 'smart', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
INSERT OR IGNORE INTO tag_rules (tag_id, rule)
  SELECT id, CASE name
    WHEN '消费2万元以上'   THEN '{"field":"spend","cmp":"gte","num":20000,"days":365}'
    WHEN '愿意转介绍'     THEN '{"field":"referrals","cmp":"gte","num":1}'
    WHEN '常参加线下活动' THEN '{"field":"events","cmp":"gte","num":2}'
    WHEN '购买服务类产品' THEN '{"field":"service","cmp":"bought"}'
    WHEN '沉睡客户'       THEN '{"field":"lastPurchase","cmp":"olderThan","days":180}'
  END
  FROM tags WHERE kind = 'smart' AND name IN ('消费2万元以上', '愿意转介绍', '常参加线下活动', '购买服务类产品', '沉睡客户');
