#!/usr/bin/env python3
# What a read costs in pages when it starts with an empty page cache, as nearly every read of the mix
# does (SQLite empties a connection's page cache once another connection has committed, and the mix
# commits a few hundred times a second). Each statement below runs on a fresh read-only connection;
# the pages it read are the read(2)/pread(2) calls the process made meanwhile (/proc/self/io syscr),
# one per page. The statements are qsm's (task_store.cpp, declaration_store.cpp, issue 25 sessions 23
# and 24), for the largest district and the largest and a middle-sized construction enterprise of a
# `qsm bench-data` file migrated by `qsm migrate`. Figures only; nothing is asserted.
#   python3 bench/mix/pages.py /tmp/qsm-bench/db-100000/qsm.db
import sqlite3
import sys

if len(sys.argv) != 2:
    sys.exit('usage: python3 bench/mix/pages.py DATABASE_FILE')
DB = sys.argv[1]


def reads():
    with open('/proc/self/io') as f:
        for line in f:
            if line.startswith('syscr'):
                return int(line.split()[1])


def pages(sql, *params):
    c = sqlite3.connect(f'file:{DB}?mode=ro', uri=True, isolation_level=None)
    c.execute('PRAGMA cache_size=-8192')  # qsm serve's (OpenOptions::sqlite_cache_kib)
    before = reads()
    rows = c.execute(sql, params).fetchall()
    after = reads()
    c.close()
    return after - before, rows


db = sqlite3.connect(f'file:{DB}?mode=ro', uri=True)
has_counts = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'declaration_counts'").fetchone() is not None
district = db.execute('SELECT authority_id, COUNT(*) FROM declarations WHERE submitted_at IS NOT NULL '
                      'GROUP BY 1 ORDER BY 2 DESC LIMIT 1').fetchone()
enterprises = db.execute('SELECT contractor_enterprise_id, COUNT(*) FROM declarations GROUP BY 1 ORDER BY 2 DESC').fetchall()
contractors = [enterprises[0], enterprises[len(enterprises) // 2]]

ACTIVE = "AND d.management_status = 'active' "
CONTRACTOR = [
    ('calendars: declarations', 'SELECT d.id, d.accepted_at, d.management_status FROM declarations d '
     'WHERE d.contractor_enterprise_id = ?1 ' + ACTIVE + 'AND d.accepted_at IS NOT NULL ORDER BY d.id'),
    ('calendars: months (before V039)', 'SELECT m.declaration_id, m.period, m.status FROM declarations d CROSS JOIN monthly_evaluations m '
     'WHERE d.contractor_enterprise_id = ?1 AND m.declaration_id = d.id ' + ACTIVE),
    ('calendars: months (V039)', 'SELECT m.declaration_id, m.period, m.status FROM declarations d CROSS JOIN monthly_evaluations m '
     'WHERE d.contractor_enterprise_id = ?1 AND m.contractor_enterprise_id = ?1 AND m.declaration_id = d.id ' + ACTIVE),
    ('calendars: suspensions', 'SELECT r.declaration_id, r.kind, r.effective_date FROM declarations d CROSS JOIN management_requests r '
     'WHERE d.contractor_enterprise_id = ?1 AND r.declaration_id = d.id ' + ACTIVE +
     "AND r.kind IN ('suspend', 'resume') AND r.status = 'registered' ORDER BY r.declaration_id, r.registered_at, r.id"),
    ('its 20 oldest waiting declarations', "SELECT d.id FROM declarations d WHERE d.contractor_enterprise_id = ?1 "
     "AND d.status IN ('draft', 'returned') ORDER BY d.updated_at, d.id LIMIT 20"),
    ('its draft months, counted', 'SELECT COUNT(*) FROM monthly_evaluations m CROSS JOIN declarations d WHERE m.contractor_enterprise_id = ?1 '
     "AND d.id = m.declaration_id AND d.contractor_enterprise_id = ?1 AND m.status IN ('draft')"),
]
for enterprise, n in contractors:
    print(f'construction enterprise {enterprise} ({n} declarations)')
    for what, sql in CONTRACTOR:
        read, rows = pages(sql, enterprise)
        plan = '; '.join(r[3] for r in db.execute('EXPLAIN QUERY PLAN ' + sql, (enterprise,)))
        print(f'  {read:6d} pages  {len(rows):6d} rows  {what}  [{plan}]')

authority, n = district
print(f'authority {authority} ({n} submitted declarations)')
AUTHORITY = [
    ('its declarations, counted', 'SELECT COUNT(*) FROM declarations d WHERE d.authority_id = ?1 AND d.submitted_at IS NOT NULL'),
    ('its pending quarters, counted', "SELECT COUNT(*) FROM quarterly_registrations q WHERE q.authority_id = ?1 AND q.status IN ('pending')"),
]
if has_counts:
    AUTHORITY += [
        ('its declarations from declaration_counts (V040)', 'SELECT COALESCE(SUM(n), 0) FROM declaration_counts WHERE authority_id = ?1'),
        ('its pending quarters from quarterly_counts (V040)',
         "SELECT COALESCE(SUM(n), 0) FROM quarterly_counts q WHERE q.authority_id = ?1 AND q.status IN ('pending')"),
    ]
# The month list's totals (monthly_store.cpp list_monthly): counted, and from V058's counts.
has_month_counts = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'monthly_counts'").fetchone() is not None
AUTHORITY.append(('its months but drafts, counted', "SELECT COUNT(*) FROM monthly_evaluations m WHERE m.authority_id = ?1 AND m.status <> 'draft'"))
if has_month_counts:
    AUTHORITY.append(('its months but drafts from monthly_counts (V058)',
                      "SELECT COALESCE(SUM(m.n), 0) FROM monthly_counts m WHERE m.authority_id = ?1 AND m.status <> 'draft'"))
for what, sql in AUTHORITY:
    read, rows = pages(sql, authority)
    print(f'  {read:6d} pages  = {rows[0][0]:6d}  {what}')
MONTHS = [('its months, counted', 'SELECT COUNT(*) FROM monthly_evaluations m WHERE m.contractor_enterprise_id = ?1')]
if has_month_counts:
    MONTHS.append(('its months from monthly_contractor_counts (V058)',
                   'SELECT COALESCE(SUM(m.n), 0) FROM monthly_contractor_counts m WHERE m.contractor_enterprise_id = ?1'))
for enterprise, n in contractors:
    for what, sql in MONTHS:
        read, rows = pages(sql, enterprise)
        print(f'  {read:6d} pages  = {rows[0][0]:6d}  construction enterprise {enterprise}: {what}')

# The largest district's first declaration list page (declaration_store.cpp's list_declarations, the
# default sort): its 20 ids from the authority's index, then each row's joins. Before V043 and V047 a
# row also looked up both contracts of its project and both its managers' persons rows.
has_managers = db.execute("SELECT 1 FROM pragma_table_info('declarations') WHERE name = 'contractor_manager_name'").fetchone() is not None
ORDER = 'ORDER BY d.updated_at DESC, d.id DESC '
REST = ('d.returned_by_role, d.returned_opinion, d.accepted_at, t.code, d.submitted_at, d.updated_at, '
        'p.registration_no, p.name, p.address, p.district, a.code, a.name, p.structure_type, ge.uscc, ge.name, ')
REQUESTS = ("co.id, co.status, su.id, su.kind, su.status, te.id, te.status, CASE WHEN EXISTS (SELECT 1 FROM rectifications sw "
            "WHERE sw.declaration_id = d.id AND sw.kind = 'stop_work' AND sw.status <> 'closed') THEN 1 ELSE 0 END ")
JOINS = ('FROM declarations d JOIN (SELECT d.id FROM declarations d WHERE d.authority_id = ?1 AND d.submitted_at IS NOT NULL '
         + ORDER + 'LIMIT 20) pg ON pg.id = d.id JOIN projects p ON p.id = d.project_id JOIN authorities a ON a.id = p.authority_id '
         'LEFT JOIN templates t ON t.id = d.template_id JOIN enterprises ge ON ge.id = d.contractor_enterprise_id {} '
         'LEFT JOIN completions co ON co.declaration_id = d.id LEFT JOIN management_requests su ON su.id = '
         "(SELECT MAX(id) FROM management_requests WHERE declaration_id = d.id AND kind IN ('suspend', 'resume')) "
         "LEFT JOIN management_requests te ON te.declaration_id = d.id AND te.kind = 'terminate' " + ORDER)
LIST = [('a list page, contracts and persons joined (before V043, V047)',
         'SELECT d.id, cm.name, cm.mobile, sm.name, sm.mobile, gc.report_no, sc.report_no, se.name, ' + REST + REQUESTS + JOINS.format(
             'JOIN persons cm ON cm.id = d.contractor_manager_id JOIN persons sm ON sm.id = d.supervision_manager_id '
             "LEFT JOIN contracts gc ON gc.project_id = d.project_id AND gc.kind = 'general' "
             "LEFT JOIN contracts sc ON sc.project_id = d.project_id AND sc.kind = 'supervision' "
             'LEFT JOIN enterprises se ON se.id = sc.enterprise_id'))]
if has_managers:
    LIST.append(('a list page, from the project and the declaration (V043, V047)',
                 'SELECT d.id, d.contractor_manager_name, d.contractor_manager_mobile, d.supervision_manager_name, '
                 'd.supervision_manager_mobile, p.general_report_no, p.supervision_report_no, se.name, ' + REST + REQUESTS +
                 JOINS.format('LEFT JOIN enterprises se ON se.id = p.supervision_enterprise_id')))
for what, sql in LIST:
    read, rows = pages(sql, authority)
    print(f'  {read:6d} pages  {len(rows):6d} rows  {what}')
