-- Requests that change an accepted declaration's management status (SPEC §3.7, §3.8): suspension
-- (中止) and resumption (恢复) with their dates, and termination (终止). The registered suspensions
-- and resumptions, in registration order, are the project's suspension intervals. A request that is
-- not registered stays as it ended (withdrawn), so the history is whole.
CREATE TABLE management_requests (
  id {{pk}},
  declaration_id BIGINT NOT NULL REFERENCES declarations (id),
  kind TEXT NOT NULL CHECK (kind IN ('suspend', 'resume', 'terminate')),
  status TEXT NOT NULL CHECK (status IN ('pending_review', 'pending_registration', 'registered', 'withdrawn')),
  version BIGINT NOT NULL DEFAULT 1,
  reason TEXT NOT NULL,
  effective_date TEXT,
  requested_by TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  review_opinion TEXT,
  reviewer TEXT,
  reviewed_at BIGINT,
  register_opinion TEXT,
  registered_by TEXT,
  registered_at BIGINT,
  withdrawn_at BIGINT,
  updated_at BIGINT NOT NULL,
  CHECK ((kind = 'terminate') = (effective_date IS NULL))
);
CREATE INDEX management_requests_of ON management_requests (declaration_id, kind, id);
CREATE INDEX management_requests_status ON management_requests (kind, status, updated_at);
-- At most one suspension, resumption or termination in progress per declaration, and one termination.
CREATE UNIQUE INDEX management_requests_open ON management_requests (declaration_id)
  WHERE status IN ('pending_review', 'pending_registration');
CREATE UNIQUE INDEX management_requests_termination ON management_requests (declaration_id) WHERE kind = 'terminate';

-- The request in progress on a declaration, across suspension, termination and completion: claimed
-- by a conditional UPDATE when a request is made, cleared when it is registered or withdrawn, so two
-- racing requests of different workflows cannot both start.
ALTER TABLE declarations ADD COLUMN open_request TEXT CHECK (open_request IN ('suspension', 'termination', 'completion'));
UPDATE declarations SET open_request = 'completion'
  WHERE id IN (SELECT declaration_id FROM completions WHERE status <> 'registered');
