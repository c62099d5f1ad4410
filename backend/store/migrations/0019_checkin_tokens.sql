-- Guest self check-in (扫码签到). Each guest has one check-in token and each event one walk-in token;
-- a QR code on the poster or the door stand carries it. Only the SHA-256 of a token is looked up
-- (token_hash); sealed is the token under a key kept beside the database file (not in it), so the desk
-- and the posters can show a link again while a copy of the database alone cannot check anyone in.
CREATE TABLE event_checkin_tokens (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  -- NULL: the event's walk-in token (散客登记); otherwise the guest's own.
  guest_id    INTEGER REFERENCES event_guests(id) ON DELETE CASCADE,
  token_hash  TEXT NOT NULL UNIQUE,
  sealed      TEXT NOT NULL,
  created_by  INTEGER REFERENCES staff(id),
  created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX event_checkin_tokens_guest ON event_checkin_tokens (guest_id) WHERE guest_id IS NOT NULL;
CREATE UNIQUE INDEX event_checkin_tokens_walkin ON event_checkin_tokens (event_id) WHERE guest_id IS NULL;

-- Walk-ins who filled in the door stand's form: held until a staff member confirms or rejects them at
-- the desk. customer_id is the archive's customer with that mobile, if any.
CREATE TABLE event_walkin_requests (
  id           INTEGER PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  mobile       TEXT NOT NULL,
  customer_id  INTEGER REFERENCES customers(id),
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
  guest_id     INTEGER REFERENCES event_guests(id) ON DELETE SET NULL,
  created_at   TEXT NOT NULL,
  decided_at   TEXT,
  decided_by   INTEGER REFERENCES staff(id)
);
-- One pending request per mobile and event: a second submit finds the first.
CREATE UNIQUE INDEX event_walkin_requests_pending ON event_walkin_requests (event_id, mobile) WHERE status = 'pending';
CREATE INDEX event_walkin_requests_event ON event_walkin_requests (event_id, status);

-- How often a guest's check-in was undone at the desk: the attendance points of each round carry it
-- in their idempotency key, so an undo takes the points back and a later check-in gives them once more.
ALTER TABLE event_guests ADD COLUMN checkins_undone INTEGER NOT NULL DEFAULT 0;
