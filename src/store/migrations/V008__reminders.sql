-- Daily reminders of overdue monthly evaluations (issue 9). One run per day across every server
-- process: the run row is the lease (a stale one, never finished, may be taken over). One reminder per
-- overdue month, lateness and day: the unique key makes a second run, or a second process, send
-- nothing twice. The recipient's mobile is kept masked only.
CREATE TABLE reminder_runs (
  day TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  sent INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE reminders (
  id {{pk}},
  declaration_id BIGINT NOT NULL REFERENCES declarations (id),
  period TEXT NOT NULL,
  lateness TEXT NOT NULL CHECK (lateness IN ('submission', 'review')),
  day TEXT NOT NULL,
  recipient TEXT NOT NULL,
  mobile_masked TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  UNIQUE (declaration_id, period, lateness, day)
);
