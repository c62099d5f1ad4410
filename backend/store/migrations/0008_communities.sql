-- Communities (社群): company-owned customer chat groups, their members, activities, fission rewards
-- and lucky draws; plus the terminal-outlet fields of a customer.

-- A terminal outlet (终端门店) keeps its shop name and contact person; address, district and the
-- serving salesperson are the customer's own address/district/owner_staff_id.
ALTER TABLE customers ADD COLUMN outlet_type TEXT NOT NULL DEFAULT ''
  CHECK (outlet_type IN ('', '烟酒店', '餐饮', '酒店', '商超', '其他'));
ALTER TABLE customers ADD COLUMN shop_name TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN contact_person TEXT NOT NULL DEFAULT '';

-- "groups" is an SQL keyword, so the tables say communities.
CREATE TABLE communities (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  platform      TEXT NOT NULL DEFAULT '微信' CHECK (platform IN ('微信', '企业微信', '钉钉', 'QQ', '其他')),
  theme         TEXT NOT NULL DEFAULT '',
  audience      TEXT NOT NULL DEFAULT '',
  member_kind   TEXT NOT NULL DEFAULT '个人' CHECK (member_kind IN ('个人', '终端门店', '企业', '混合')),
  owner_account TEXT NOT NULL DEFAULT '',
  staff_id      INTEGER REFERENCES staff(id),
  admins        TEXT NOT NULL DEFAULT '',
  rules         TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL DEFAULT '筹建' CHECK (state IN ('筹建', '活跃', '沉寂', '已解散')),
  created_on    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- One row per customer and group; leaving sets left_on, rejoining clears it.
CREATE TABLE community_members (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  role         TEXT NOT NULL DEFAULT '成员' CHECK (role IN ('群主', '管理员', '成员', '意见领袖')),
  inviter_id   INTEGER REFERENCES customers(id),
  joined_on    TEXT NOT NULL,
  left_on      TEXT,
  created_at   TEXT NOT NULL,
  UNIQUE (community_id, customer_id)
);
CREATE INDEX community_members_customer ON community_members (customer_id, left_on);
CREATE INDEX community_members_inviter ON community_members (inviter_id);

CREATE TABLE community_activities (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  kind         TEXT NOT NULL CHECK (kind IN ('红包', '抽奖', '话题', '线上品鉴', '限时优惠', '知识分享', '视频')),
  date         TEXT NOT NULL,
  title        TEXT NOT NULL DEFAULT '',
  amount_fen   INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  cost_fen     INTEGER NOT NULL DEFAULT 0 CHECK (cost_fen >= 0),
  participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
  notes        TEXT NOT NULL DEFAULT '',
  staff_id     INTEGER REFERENCES staff(id),
  created_at   TEXT NOT NULL
);
CREATE INDEX community_activities_group ON community_activities (community_id, date);

-- One row of settings: the remark-name pattern and the fission rewards, in points or as a gift
-- (a gift id replaces the points while the gift is in stock).
CREATE TABLE community_settings (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  remark_pattern    TEXT NOT NULL DEFAULT '{name}-{last4}',
  join_points       INTEGER NOT NULL DEFAULT 20 CHECK (join_points >= 0),
  first_buy_points  INTEGER NOT NULL DEFAULT 100 CHECK (first_buy_points >= 0),
  join_gift_id      INTEGER REFERENCES gifts(id),
  first_buy_gift_id INTEGER REFERENCES gifts(id)
);
INSERT INTO community_settings (id) VALUES (1);

-- A purchase may say which group it came from, for the group's attributed sales.
ALTER TABLE purchases ADD COLUMN community_id INTEGER REFERENCES communities(id);
CREATE INDEX purchases_community ON purchases (community_id, date);

-- A lucky draw among a group's members or an event's checked-in guests. The pool (sorted customer
-- ids) and the seed are kept so anyone can re-run the shuffle and get the same winners.
CREATE TABLE draws (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER REFERENCES communities(id),
  event_id     INTEGER REFERENCES events(id),
  title        TEXT NOT NULL,
  seed         TEXT NOT NULL,
  pool         TEXT NOT NULL,
  excluded     TEXT NOT NULL DEFAULT '',
  staff_id     INTEGER REFERENCES staff(id),
  created_at   TEXT NOT NULL,
  CHECK ((community_id IS NULL) != (event_id IS NULL))
);
CREATE TABLE draw_winners (
  draw_id     INTEGER NOT NULL REFERENCES draws(id),
  position    INTEGER NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  gift_id     INTEGER NOT NULL REFERENCES gifts(id),
  gift_name   TEXT NOT NULL,
  PRIMARY KEY (draw_id, position),
  UNIQUE (draw_id, customer_id)
);
CREATE INDEX draw_winners_customer ON draw_winners (customer_id);
