-- The authority's 统计看板 from indexes and counts instead of every declaration's and every quarter's
-- registrations (issue 25, session 31). It read each of the district's declarations (about 6 kB a row at
-- 20k projects) for the management states, and every registration of its quarters (7,308 of 闵行) for the
-- grades: 42–47 ms on SQLite and 103–136 ms on PostgreSQL for one dashboard.
-- The management states of an authority's declarations, from their own index.
CREATE INDEX declarations_authority_management ON declarations (authority_id, management_status, submitted_at) WHERE submitted_at IS NOT NULL;
-- Each quarter keeps the conclusion of its latest registration (written with it, quarterly_store.cpp
-- kRegister), so the grades are counted from the authority's quarters.
ALTER TABLE quarterly_registrations ADD COLUMN conclusion TEXT;
UPDATE quarterly_registrations SET conclusion = (SELECT h.conclusion FROM quarterly_registration_history h
    WHERE h.quarterly_id = quarterly_registrations.id ORDER BY h.registered_at DESC, h.id DESC LIMIT 1)
  WHERE id IN (SELECT quarterly_id FROM quarterly_registration_history);
CREATE INDEX quarterly_authority_conclusion ON quarterly_registrations (authority_id, conclusion);
