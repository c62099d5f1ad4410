-- Tasting events (issue 6): what 0005_shared.sql's events and event_guests need to plan, invite,
-- seat, check in and measure an event.

ALTER TABLE events ADD COLUMN featured_products TEXT NOT NULL DEFAULT '';
-- Attendance bonus points per checked-in member; 0 gives none.
ALTER TABLE events ADD COLUMN attend_points INTEGER NOT NULL DEFAULT 0 CHECK (attend_points >= 0);
-- The invitation text with {姓名}-style placeholders, rendered per guest.
ALTER TABLE events ADD COLUMN invite_text TEXT NOT NULL DEFAULT '';

-- Round tables, numbered from 1; host_staff_id takes one of the seats.
CREATE TABLE event_tables (
  id            INTEGER PRIMARY KEY,
  event_id      INTEGER NOT NULL REFERENCES events(id),
  number        INTEGER NOT NULL CHECK (number > 0),
  name          TEXT NOT NULL DEFAULT '',
  seats         INTEGER NOT NULL DEFAULT 10 CHECK (seats BETWEEN 1 AND 30),
  host_staff_id INTEGER REFERENCES staff(id),
  UNIQUE (event_id, number)
);

-- A guest sits at one table at most: the column makes double seating impossible.
ALTER TABLE event_guests ADD COLUMN table_id INTEGER REFERENCES event_tables(id);
CREATE INDEX event_guests_table ON event_guests (table_id) WHERE table_id IS NOT NULL;

CREATE TABLE event_costs (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES events(id),
  category    TEXT NOT NULL CHECK (category IN ('场地', '酒水', '餐饮', '礼品', '物料', '人员', '其他')),
  item        TEXT NOT NULL DEFAULT '',
  planned_fen INTEGER NOT NULL DEFAULT 0 CHECK (planned_fen >= 0),
  actual_fen  INTEGER NOT NULL DEFAULT 0 CHECK (actual_fen >= 0),
  created_at  TEXT NOT NULL
);
CREATE INDEX event_costs_event ON event_costs (event_id);

-- The run-of-show checklist (流程清单) of one event.
CREATE TABLE event_tasks (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES events(id),
  position       INTEGER NOT NULL,
  title          TEXT NOT NULL,
  owner_staff_id INTEGER REFERENCES staff(id),
  due_date       TEXT NOT NULL DEFAULT '',
  done           INTEGER NOT NULL DEFAULT 0,
  done_at        TEXT
);
CREATE INDEX event_tasks_event ON event_tasks (event_id, position);

-- A shop's own default checklist for an event kind, saved from an event; the built-in one otherwise.
-- items is a JSON array of {title, daysBefore}.
CREATE TABLE checklist_templates (
  kind       TEXT PRIMARY KEY,
  items      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE invite_templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO invite_templates (name, body, created_at) VALUES
  ('正式邀请', '尊敬的{称呼}：诚邀您于{时间}莅临{地点}，参加「{活动名称}」。您的座位：{桌号}。恭候光临！', '2026-01-01T00:00:00Z'),
  ('微信简短', '{称呼}好！{时间}在{地点}有「{活动名称}」，给您留了位置（{桌号}），期待您来！', '2026-01-01T00:00:00Z');

-- Follow-up tasks: who is to make the call, and which event it came from.
ALTER TABLE follow_ups ADD COLUMN assignee_id INTEGER REFERENCES staff(id);
ALTER TABLE follow_ups ADD COLUMN event_id INTEGER REFERENCES events(id);
CREATE INDEX follow_ups_event ON follow_ups (event_id, customer_id) WHERE event_id IS NOT NULL;
