-- The last thirteen months of each customer's spend in one short row, so the segment count's "spent
-- at least X in the last N days" is decided for most customers by the row it reads anyway.
--
-- Why: the count asks the condition of every customer its tags let through (66,000 at a million
-- customers in the bench), and reading each one's purchases for the window is a search of a
-- 5-million-entry index that lands on a page of its own: most of the count's time was spent in the
-- kernel copying those pages. This row is a few dozen bytes, so neighbouring customers share a page.
--
-- What it holds: month_index is the latest month (year * 12 + month - 1) any dated spend line of the
-- customer has named, q0 that month's net spend, q1 the month before, … q12 twelve months before.
-- A line for a later month shifts the row (the months in between start at zero: no line named them
-- yet, since month_index is the latest ever named); a line for a month in the row adds to it; a line
-- for an older month changes only the lifetime total. So every qj is exactly the net of the purchases
-- the customer now has in month month_index - j.
--
-- It replaces the per-month buckets of migration 0020 (spend_months), which nothing reads any more:
-- they are dropped once the rows are filled from them, and the ledger's trigger keeps only the totals.
--
-- How the count reads it (segments.spendCondition): the months after the window's first day are
-- whole, so their sum is a lower bound of the window's spend and adding the first month gives an upper
-- bound; only a customer whose first month decides it (or whose window reaches past thirteen months)
-- has their purchases read. Opening spends (month '') are undated and never in a window.
CREATE TABLE spend_recent (
  customer_id   INTEGER PRIMARY KEY,
  month_index   INTEGER NOT NULL,
  q0           INTEGER NOT NULL DEFAULT 0,
  q1           INTEGER NOT NULL DEFAULT 0,
  q2           INTEGER NOT NULL DEFAULT 0,
  q3           INTEGER NOT NULL DEFAULT 0,
  q4           INTEGER NOT NULL DEFAULT 0,
  q5           INTEGER NOT NULL DEFAULT 0,
  q6           INTEGER NOT NULL DEFAULT 0,
  q7           INTEGER NOT NULL DEFAULT 0,
  q8           INTEGER NOT NULL DEFAULT 0,
  q9           INTEGER NOT NULL DEFAULT 0,
  q10          INTEGER NOT NULL DEFAULT 0,
  q11          INTEGER NOT NULL DEFAULT 0,
  q12          INTEGER NOT NULL DEFAULT 0,
  last_entry_id INTEGER NOT NULL
);

-- What is there: the month buckets of migration 0020 are exact, and their latest month is the latest
-- any line named (a bucket stays, at zero, when its purchases moved away).
INSERT INTO spend_recent (customer_id, month_index, q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, last_entry_id)
WITH m AS (
  SELECT customer_id, CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1 AS mi,
         net_fen, last_entry_id
    FROM spend_months WHERE month != ''
), r AS (SELECT customer_id, MAX(mi) AS top, MAX(last_entry_id) AS last FROM m GROUP BY customer_id)
SELECT r.customer_id, r.top,
  SUM(CASE WHEN m.mi = r.top - 0 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 1 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 2 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 3 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 4 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 5 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 6 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 7 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 8 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 9 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 10 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 11 THEN m.net_fen ELSE 0 END),
  SUM(CASE WHEN m.mi = r.top - 12 THEN m.net_fen ELSE 0 END),
  r.last
FROM r JOIN m ON m.customer_id = r.customer_id GROUP BY r.customer_id;

-- Changed only by the ledger's trigger below, each change naming the line it applies (see 0011).
CREATE TRIGGER spend_recent_guard_insert BEFORE INSERT ON spend_recent
WHEN EXISTS (SELECT 1 FROM spend_recent WHERE customer_id = NEW.customer_id)
  OR NOT EXISTS (SELECT 1 FROM spend_entries e WHERE e.id = NEW.last_entry_id AND e.customer_id = NEW.customer_id
    AND e.month != '' AND (CAST(substr(e.month, 1, 4) AS INTEGER) * 12 + CAST(substr(e.month, 6, 2) AS INTEGER) - 1) = NEW.month_index AND e.fen = NEW.q0)
  OR NOT (NEW.q1 = 0 AND NEW.q2 = 0 AND NEW.q3 = 0 AND NEW.q4 = 0 AND NEW.q5 = 0 AND NEW.q6 = 0 AND NEW.q7 = 0 AND NEW.q8 = 0 AND NEW.q9 = 0 AND NEW.q10 = 0 AND NEW.q11 = 0 AND NEW.q12 = 0)
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;
CREATE TRIGGER spend_recent_guard_update BEFORE UPDATE ON spend_recent
WHEN NEW.customer_id IS NOT OLD.customer_id OR NEW.last_entry_id <= OLD.last_entry_id
  OR NOT EXISTS (SELECT 1 FROM spend_entries e WHERE e.id = NEW.last_entry_id AND e.customer_id = NEW.customer_id
    AND e.month != '' AND NEW.month_index = max(OLD.month_index, (CAST(substr(e.month, 1, 4) AS INTEGER) * 12 + CAST(substr(e.month, 6, 2) AS INTEGER) - 1)))
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;
CREATE TRIGGER spend_recent_no_delete BEFORE DELETE ON spend_recent
BEGIN SELECT RAISE(ABORT, '消费汇总只能由消费记录更新'); END;

-- Each dated line applied at once: shift the row if the line is for a later month, then add.
CREATE TRIGGER spend_entries_recent AFTER INSERT ON spend_entries
WHEN NEW.month != ''
BEGIN
  UPDATE spend_recent SET
  q0 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN NEW.fen ELSE q0 + iif(month_index = (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1), NEW.fen, 0) END,
  q1 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q0 ELSE 0 END
        ELSE q1 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 1, NEW.fen, 0) END,
  q2 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q1 WHEN 2 THEN q0 ELSE 0 END
        ELSE q2 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 2, NEW.fen, 0) END,
  q3 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q2 WHEN 2 THEN q1 WHEN 3 THEN q0 ELSE 0 END
        ELSE q3 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 3, NEW.fen, 0) END,
  q4 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q3 WHEN 2 THEN q2 WHEN 3 THEN q1 WHEN 4 THEN q0 ELSE 0 END
        ELSE q4 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 4, NEW.fen, 0) END,
  q5 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q4 WHEN 2 THEN q3 WHEN 3 THEN q2 WHEN 4 THEN q1 WHEN 5 THEN q0 ELSE 0 END
        ELSE q5 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 5, NEW.fen, 0) END,
  q6 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q5 WHEN 2 THEN q4 WHEN 3 THEN q3 WHEN 4 THEN q2 WHEN 5 THEN q1 WHEN 6 THEN q0 ELSE 0 END
        ELSE q6 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 6, NEW.fen, 0) END,
  q7 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q6 WHEN 2 THEN q5 WHEN 3 THEN q4 WHEN 4 THEN q3 WHEN 5 THEN q2 WHEN 6 THEN q1 WHEN 7 THEN q0 ELSE 0 END
        ELSE q7 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 7, NEW.fen, 0) END,
  q8 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q7 WHEN 2 THEN q6 WHEN 3 THEN q5 WHEN 4 THEN q4 WHEN 5 THEN q3 WHEN 6 THEN q2 WHEN 7 THEN q1 WHEN 8 THEN q0 ELSE 0 END
        ELSE q8 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 8, NEW.fen, 0) END,
  q9 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q8 WHEN 2 THEN q7 WHEN 3 THEN q6 WHEN 4 THEN q5 WHEN 5 THEN q4 WHEN 6 THEN q3 WHEN 7 THEN q2 WHEN 8 THEN q1 WHEN 9 THEN q0 ELSE 0 END
        ELSE q9 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 9, NEW.fen, 0) END,
  q10 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q9 WHEN 2 THEN q8 WHEN 3 THEN q7 WHEN 4 THEN q6 WHEN 5 THEN q5 WHEN 6 THEN q4 WHEN 7 THEN q3 WHEN 8 THEN q2 WHEN 9 THEN q1 WHEN 10 THEN q0 ELSE 0 END
        ELSE q10 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 10, NEW.fen, 0) END,
  q11 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q10 WHEN 2 THEN q9 WHEN 3 THEN q8 WHEN 4 THEN q7 WHEN 5 THEN q6 WHEN 6 THEN q5 WHEN 7 THEN q4 WHEN 8 THEN q3 WHEN 9 THEN q2 WHEN 10 THEN q1 WHEN 11 THEN q0 ELSE 0 END
        ELSE q11 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 11, NEW.fen, 0) END,
  q12 = CASE WHEN (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) > month_index THEN CASE (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) - month_index WHEN 1 THEN q11 WHEN 2 THEN q10 WHEN 3 THEN q9 WHEN 4 THEN q8 WHEN 5 THEN q7 WHEN 6 THEN q6 WHEN 7 THEN q5 WHEN 8 THEN q4 WHEN 9 THEN q3 WHEN 10 THEN q2 WHEN 11 THEN q1 WHEN 12 THEN q0 ELSE 0 END
        ELSE q12 + iif(month_index - (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1) = 12, NEW.fen, 0) END,
  month_index = max(month_index, (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1)),
  last_entry_id = NEW.id
  WHERE customer_id = NEW.customer_id;
  INSERT INTO spend_recent (customer_id, month_index, q0, last_entry_id)
    SELECT NEW.customer_id, (CAST(substr(NEW.month, 1, 4) AS INTEGER) * 12 + CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1), NEW.fen, NEW.id
     WHERE NOT EXISTS (SELECT 1 FROM spend_recent WHERE customer_id = NEW.customer_id);
END;

-- The month buckets' work moves here: the totals trigger again keeps only the totals.
DROP TRIGGER spend_entries_totals;
CREATE TRIGGER spend_entries_totals AFTER INSERT ON spend_entries
BEGIN
  UPDATE spend_totals SET net_fen = net_fen + NEW.fen, last_entry_id = NEW.id WHERE customer_id = NEW.customer_id;
  INSERT INTO spend_totals (customer_id, net_fen, last_entry_id)
    SELECT NEW.customer_id, NEW.fen, NEW.id WHERE NOT EXISTS (SELECT 1 FROM spend_totals WHERE customer_id = NEW.customer_id);
END;
DROP TABLE spend_months;
