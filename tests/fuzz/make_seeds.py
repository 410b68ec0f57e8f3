#!/usr/bin/env python3
"""Writes the seed corpora (tests/fuzz/corpus/<target>/) from the route table and real bodies.
Run it after adding a route or a body shape; scripts/fuzz grows the corpora further."""
import hashlib, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'tests', 'fuzz', 'corpus')

def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), 'wb') as f:
        f.write(data)

routes = re.findall(r'\{"([A-Z]+)", "(/[^"]*)"', open(os.path.join(ROOT, 'src', 'api', 'routes.cpp'), encoding='utf-8').read())
template = json.load(open(os.path.join(ROOT, 'share', 'templates', 'SH-QS-1.json'), encoding='utf-8'))
registry_text = open(os.path.join(ROOT, 'share', 'demo', 'registry.json'), encoding='utf-8').read()
registry = json.loads(registry_text)
clauses = [c['code'] for i in template['check_items'] for s in i['sub_items'] for c in s['clauses']]
person = registry['persons'][0]
manager = {'name': person['name'], 'mobile': person['mobile']}

sheet = {'version': 3, 'not_applicable': ['10'], 'deductions': [{'clause': clauses[0], 'problem': '未签字确认'},
                                                                {'clause': clauses[5], 'problem': '资料缺失'}]}
bodies = {
    'declaration': {'project_id': 1, 'quality_target': '优良', 'planned_start': '2026-03-01', 'planned_finish': '2027-12-31',
                    'overview': '框架-核心筒结构，地上 32 层。', 'contractor_manager': manager, 'supervision_manager': manager},
    'declaration_update': {'version': 2, 'quality_target': '合格', 'planned_start': '2026-03-01', 'planned_finish': '2027-12-31',
                           'overview': '概况', 'contractor_manager': manager, 'supervision_manager': manager},
    'action': {'version': 2, 'opinion': '同意'},
    'pass': {'version': 2, 'opinion': '同意', 'supervisor_manager': manager},
    'version': {'version': 1},
    'sheet': sheet,
    'quarterly': {'version': 1, 'inspection_date': '2026-03-15', 'inspectors': '张三、李四', 'opinion': '符合要求', 'conclusion': 'excellent'},
    'completion': {'version': 1, 'completion_date': '2026-10-01', 'acceptance_info': '已竣工验收', 'self_assessment': '优良'},
    'completion_review': {'version': 1, 'agree': True, 'opinion': '同意'},
    'suspension': {'kind': 'suspend', 'reason': '资金原因停工', 'date': '2026-05-01'},
    'termination': {'reason': '项目取消'},
    'month': {'period': '2026-03'},
    'spot_check': {'version': 1, 'findings': [{'clause': clauses[0], 'conforms': False, 'note': '现场未见签字'}], 'finished': False},
    'password': {'username': 'jdz_xh', 'password': 'Qsm@demo2026'},
    'password_change': {'old_password': 'Qsm@demo2026', 'new_password': 'Another@2026x'},
    'sms': {'role': 'site_contractor', 'name': person['name'], 'id_number': person['id_number']},
    'sms_login': {'role': 'site_contractor', 'name': person['name'], 'id_number': person['id_number'], 'code': '123456'},
    'contract': {'contract_id': 1},
}

def body_for(method, path):
    if method in ('GET', 'DELETE'):
        return None
    for suffix, name in [('/self-sheet', 'sheet'), ('/review-sheet', 'sheet'), ('/spot-check', 'spot_check'), ('/pass', 'pass'),
                         ('/suspensions', 'suspension'), ('/termination', 'termination'), ('/monthly', 'month'),
                         ('/completion', 'completion'), ('/completions/{id}/review', 'completion_review'),
                         ('/quarterly/{id}/register', 'quarterly'), ('/completions/{id}/register', 'quarterly'),
                         ('/auth/password/change', 'password_change'), ('/auth/password', 'password'),
                         ('/auth/sms-code', 'sms'), ('/auth/sms-login', 'sms_login'), ('/auth/contract', 'contract'),
                         ('/return', 'action'), ('/accept', 'action'), ('/reject', 'action'), ('/review', 'action'),
                         ('/register', 'action')]:
        if path.endswith(suffix):
            return bodies[name]
    if path == '/api/declarations':
        return bodies['declaration']
    if path == '/api/declarations/{id}' and method == 'PUT':
        return bodies['declaration_update']
    return bodies['version']

queries = ['', '?page=2&page_size=50', '?status=submitted&q=%E5%BE%90%E6%B1%87', '?district=xh&sort=updated_at',
           '?period_from=2026-01&period_to=2026-06&threshold=80', '?declarable=true']

def request(method, target, body):
    text = '' if body is None else json.dumps(body, ensure_ascii=False)
    head = f'{method} {target} HTTP/1.1\r\nHost: fuzz\r\n'
    if body is not None:
        head += f'Content-Type: application/json\r\nContent-Length: {len(text.encode())}\r\n'
    return (head + '\r\n').encode() + text.encode()

for method, pattern in routes:
    for n, ident in enumerate(['1', '2', '3']):
        path = pattern.replace('{id}', ident).replace('{code}', 'SH-QS').replace('{version}', '1')
        target = path + (queries[n] if method == 'GET' else '')
        body = body_for(method, pattern)
        caller = (n * 3 + len(pattern)) % 7  # spread the seeds over the callers (first byte, see http_request.cpp)
        write('http_request', bytes([caller]) + request(method, target, body))
        write('router', f'{method} {target}')
    if pattern in ('/api/declarations', '/api/monthly', '/api/quarterly', '/api/completions', '/api/suspensions'):
        for q in queries:
            write('router', f'GET {pattern}{q}')
write('http_request', bytes([0x82]) + request('POST', '/api/declarations', bodies['declaration']))  # by cookie, CSRF
for body in bodies.values():
    write('json_commands', json.dumps(body, ensure_ascii=False))
write('validators', b'\x00' + json.dumps(template, ensure_ascii=False).encode())
write('validators', b'\x01' + registry_text.encode())
small = dict(registry, persons=registry['persons'][:2], projects=registry['projects'][:2], contracts=registry['contracts'][:2])
write('validators', b'\x01' + json.dumps(small, ensure_ascii=False).encode())
print('seeds written to', OUT, file=sys.stderr)
