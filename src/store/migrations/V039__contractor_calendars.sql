-- A construction enterprise's inbox counts the months it may create now (新增月度评价) from the
-- calendar of every active declaration it holds (its acceptance, its months, its suspensions), and
-- its declarations awaiting it by state (issue 25). Under the mix nearly every read starts with an
-- empty page cache (SQLite empties a connection's cache once another connection has committed), so
-- such a walk costs the pages it reads: a declaration row and a leaf of the months' index
-- (declaration_id, …) for each declaration, scattered over the file. The largest enterprise at 100k
-- projects (1,078 declarations) read ~3,400 pages; a contractor's inbox read 666 on average in the
-- mix at 100k (310 at 20k), a month's detail 14.
-- Here the enterprise's declarations and months each lie in one range of an index of their own: the
-- declarations by (enterprise, id) with what the calendar and the inbox's count read of them, the
-- months by (enterprise, declaration, period) from their copy of the enterprise (V037), looked up
-- declaration by declaration in the order of the range, so completed projects' months are stepped
-- over rather than read. The months awaiting the enterprise (its drafts) are counted from its
-- (enterprise, status) index, which now holds their declaration too, instead of reading each month's
-- row for it.
CREATE INDEX declarations_contractor_calendar ON declarations (contractor_enterprise_id, id, management_status, accepted_at, status);
CREATE INDEX monthly_contractor_calendar ON monthly_evaluations (contractor_enterprise_id, declaration_id, period, status);
DROP INDEX monthly_contractor_status;
CREATE INDEX monthly_contractor_status ON monthly_evaluations (contractor_enterprise_id, status, updated_at, declaration_id);
