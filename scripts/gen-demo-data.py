#!/usr/bin/env python3
"""Demo and test registry data for the 建筑工程施工质量标准化管理平台 (SPEC §2, §6).

Usage:
  scripts/gen-demo-data.py                 write share/demo/registry.json,
                                           tests/data/registry-small.json and
                                           tests/data/registry-bad.json (deterministic, seeded)
  scripts/gen-demo-data.py --check FILE…   check registry files (USCC and ID-card checksums,
                                           unique natural keys, every reference resolves) and
                                           scoring-template files (SPEC §6 rules); prints every
                                           problem as "JSON path: reason", exits 1 if any.

Python 3 standard library only. All people, enterprises, projects and numbers are fictional;
USCCs pass GB 32100-2015 and ID-card numbers pass GB 11643 (ISO 7064 MOD 11-2).
"""

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

SEED = 20260115
ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------------------------

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]  # GB 11714 organisation code (positions 9-17 of a USCC)
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
ID_RE = re.compile(r"^\d{17}[\dX]$")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def uscc_check_char(first17):
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(s):
    if not isinstance(s, str) or not USCC_RE.match(s):
        return "统一社会信用代码格式错误（应为18位，字符集 0-9 A-Y 不含 I O S V Z）"
    if uscc_check_char(s[:17]) != s[17]:
        return "统一社会信用代码校验位错误（GB 32100）"
    return None


def org_code_check_char(first8):
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, ORG_WEIGHTS))
    v = 11 - total % 11
    return "0" if v == 11 else "X" if v == 10 else str(v)


def id_check_char(first17):
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id_problem(s):
    if not isinstance(s, str) or not ID_RE.match(s):
        return "身份证号格式错误（应为17位数字加校验位 0-9 或 X）"
    try:
        dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return "身份证号出生日期无效"
    if id_check_char(s[:17]) != s[17]:
        return "身份证号校验位错误（GB 11643）"
    return None


# ---------------------------------------------------------------------------------------------
# Source data (fictional)
# ---------------------------------------------------------------------------------------------

AUTHORITIES = [
    ("HP", "黄浦区建设工程质量监督站", "黄浦区"),
    ("XH", "徐汇区建设工程质量监督站", "徐汇区"),
    ("JA", "静安区建设工程质量监督站", "静安区"),
    ("PD", "浦东新区建设工程质量监督站", "浦东新区"),
    ("MH", "闵行区建设工程质量监督站", "闵行区"),
    ("YP", "杨浦区建设工程质量监督站", "杨浦区"),
]

# (name, registration area code, org-code style "old" = numeric, "new" = MA1…, persons)
CONSTRUCTION = [
    ("上海申城宏达建设集团有限公司", "310000", "old", 9),
    ("上海浦汇建设工程有限公司", "310115", "new", 6),
    ("上海隆安建筑安装工程有限公司", "310112", "old", 6),
    ("上海东滨建设发展有限公司", "310110", "new", 6),
    ("上海华泾建工集团有限公司", "310104", "old", 6),
    ("上海锦程建筑工程有限公司", "310106", "new", 6),
    ("上海沪联建设（集团）有限公司", "310101", "old", 6),
    ("上海嘉禾诚建设工程有限公司", "310114", "new", 6),
]
SUPERVISION = [
    ("上海申衡工程监理咨询有限公司", "310104", "old", 6),
    ("上海卓诚建设工程监理有限公司", "310106", "new", 5),
    ("上海建恒工程项目管理咨询有限公司", "310115", "old", 4),
    ("上海华厦工程建设监理有限公司", "310110", "new", 4),
]

MALE_NAMES = (
    "张建华 王国平 李志强 陈卫东 刘海峰 杨振宇 黄伟明 周国庆 吴晓东 徐俊杰 孙立新 朱文斌 胡永刚 "
    "郭建军 何志明 林涛 罗勇 郑浩然 谢文杰 宋志刚 唐海明 许振华 韩冬生 冯晓峰 邓建国 曹斌 彭亮 "
    "曾宪文 蔡明华 潘宇 田志远 董海波 袁杰 于洋 叶晨 蒋卫国 杜鹏 程建新 魏刚 苏晓明 吕志华 丁伟 "
    "沈家豪 任国栋 姚俊峰 卢海涛 姜文博 崔永康 钟立群 谭志伟 陆建中 汪浩 范宏伟 金晓春 石磊 "
    "廖志成 贾晨光 夏海龙 方振宇 顾建平 施卫华 钱国良 倪俊 严家栋 秦海生 瞿明辉 陶永胜 奚文龙"
).split()
FEMALE_NAMES = (
    "陈静 王丽娟 李敏 张慧 刘婷 周晓燕 徐婧 孙莉 朱佳怡 沈蓓 陆雯 顾晓琳 吴倩 黄颖 杨蕾 蒋敏华 "
    "钱芳 施燕 金怡 胡佳 浦丽萍 陶雪梅 奚晓红 严雯婷"
).split()

# Shanghai ID-card area codes (3101xx).
ID_AREAS = ["310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
            "310113", "310114", "310115", "310116", "310117", "310118", "310120"]
MOBILE_PREFIXES = ["130", "131", "133", "135", "136", "137", "138", "139",
                   "150", "151", "152", "153", "158", "159", "180", "181", "186", "187", "188", "189"]

# (district code, name, address, structure type, floor area m², general contractor #, supervisor #)
# Contractor # indexes CONSTRUCTION, supervisor # indexes SUPERVISION.
PROJECTS = [
    ("HP", "董家渡聚居区13A地块住宅小区新建工程", "上海市黄浦区中山南路1268弄（董家渡13A地块）",
     "剪力墙", "68420.35", 0, 0),
    ("HP", "黄浦区瑞金二路街道社区卫生服务中心改扩建工程", "上海市黄浦区建国中路158号",
     "框架", "12680.5", 1, 0),
    ("HP", "黄浦滨江金融大厦新建工程", "上海市黄浦区中山南路868号",
     "框架-核心筒", "95360.8", 0, 1),
    ("HP", "黄浦区复兴东路学校改扩建工程", "上海市黄浦区复兴东路639号",
     "框架", "18650", 2, 2),
    ("HP", "黄浦区半淞园路社区医院门急诊楼新建工程", "上海市黄浦区半淞园路388号",
     "框架-剪力墙", "23580.6", 3, 0),
    ("XH", "徐汇区华泾镇XHP0-0004单元C-03地块住宅小区新建工程", "上海市徐汇区华泾路1200弄",
     "剪力墙", "82350.4", 4, 0),
    ("XH", "徐汇滨江云锦路商办大厦新建工程", "上海市徐汇区云锦路701号",
     "框架-核心筒", "126780", 0, 0),
    ("XH", "徐汇区钦州路学校改扩建工程", "上海市徐汇区钦州路528号",
     "框架", "15420.75", 5, 1),
    ("XH", "徐汇区漕河泾社区医院门急诊楼新建工程", "上海市徐汇区漕宝路1018号",
     "框架-剪力墙", "28960.3", 6, 2),
    ("XH", "徐汇区长桥街道保障性租赁住房新建工程", "上海市徐汇区龙吴路2388号",
     "剪力墙", "54600", 7, 3),
    ("JA", "静安区大宁路街道336街坊住宅小区新建工程", "上海市静安区大宁路655弄",
     "剪力墙", "73260.85", 1, 1),
    ("JA", "静安区市北高新园区科创大厦新建工程", "上海市静安区江场三路188号",
     "框架-核心筒", "64320", 2, 1),
    ("JA", "静安区彭浦新村学校改扩建工程", "上海市静安区临汾路880号",
     "框架", "16880.4", 3, 2),
    ("JA", "静安区闻喜路医院门急诊楼新建工程", "上海市静安区闻喜路155号",
     "框架-剪力墙", "31250.5", 4, 3),
    ("JA", "静安区苏河湾北岸商办大厦新建工程", "上海市静安区天目中路428号",
     "框架-核心筒", "88540.25", 5, 1),
    ("PD", "浦东新区张江科学城创新研发大厦新建工程", "上海市浦东新区祖冲之路1288号",
     "框架-核心筒", "112430.6", 0, 0),
    ("PD", "浦东新区三林镇楔形绿地配套住宅小区新建工程", "上海市浦东新区三林路1580弄",
     "剪力墙", "96280", 0, 1),
    ("PD", "浦东新区川沙新镇实验学校改扩建工程", "上海市浦东新区川沙路5388号",
     "框架", "24860.35", 6, 0),
    ("PD", "浦东新区康桥镇社区医院门急诊楼新建工程", "上海市浦东新区康桥路1188号",
     "框架-剪力墙", "27640.8", 7, 2),
    ("PD", "浦东新区临港新片区智能制造厂房新建工程", "上海市浦东新区新四平公路2588号",
     "钢结构", "58320", 1, 3),
    ("MH", "闵行区浦江镇MHPO-1203单元34-02地块住宅小区新建工程", "上海市闵行区浦锦路2299弄",
     "剪力墙", "87640.55", 2, 0),
    ("MH", "闵行区南虹桥申长路商务大厦新建工程", "上海市闵行区申长路1588号",
     "框架-核心筒", "76250", 0, 1),
    ("MH", "闵行区莘松路实验小学改扩建工程", "上海市闵行区莘松路680号",
     "框架", "14380.6", 3, 2),
    ("MH", "闵行区颛桥社区医院门急诊楼新建工程", "上海市闵行区都市路3388号",
     "框架-剪力墙", "25870.4", 4, 3),
    ("MH", "闵行区紫竹高新区研发中试厂房新建工程", "上海市闵行区东川路2388号",
     "钢结构", "42560.25", 5, 2),
    ("YP", "杨浦区平凉社区116街坊住宅小区新建工程", "上海市杨浦区平凉路1500弄",
     "剪力墙", "62480.7", 6, 1),
    ("YP", "杨浦滨江杨树浦路商办大厦新建工程", "上海市杨浦区杨树浦路2088号",
     "框架-核心筒", "84620", 0, 0),
    ("YP", "杨浦区国权北路实验中学改扩建工程", "上海市杨浦区国权北路1250号",
     "框架", "19750.5", 7, 2),
    ("YP", "杨浦区殷行社区医院门急诊楼新建工程", "上海市杨浦区殷行路1088号",
     "框架-剪力墙", "22860.35", 1, 3),
    ("YP", "杨浦区新江湾城人才公寓新建工程", "上海市杨浦区政立路1588弄",
     "框架-剪力墙", "45380", 2, 3),
]

STRUCTURE_TYPES = {"框架", "框架-剪力墙", "剪力墙", "钢结构", "框架-核心筒"}
ENTERPRISE_KINDS = {"construction", "supervision"}
CONTRACT_KINDS = {"general": "construction", "supervision": "supervision"}


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------

class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.males = MALE_NAMES[:]
        self.females = FEMALE_NAMES[:]
        self.rng.shuffle(self.males)
        self.rng.shuffle(self.females)
        self.ids, self.mobiles, self.usccs, self.report_nos = set(), set(), set(), set()

    def uscc(self, area, style):
        r = self.rng
        while True:
            if style == "old":
                body = r.choice(["1322", "1324", "1342", "6072", "6073", "7031"]) + \
                    "".join(r.choice("0123456789") for _ in range(4))
            else:
                body = "MA1" + "".join(r.choice(USCC_CHARS) for _ in range(5))
            org = body + org_code_check_char(body)
            first17 = "91" + area + org
            code = first17 + uscc_check_char(first17)
            if code not in self.usccs:
                self.usccs.add(code)
                return code

    def name(self, female):
        pool = self.females if (female and self.females) or not self.males else self.males
        return pool.pop()

    def id_number(self, female, force_x):
        r = self.rng
        span = (dt.date(1995, 12, 31) - dt.date(1965, 1, 1)).days + 1
        while True:
            birth = dt.date(1965, 1, 1) + dt.timedelta(days=r.randrange(span))
            seq = r.randrange(0, 500) * 2 + (0 if female else 1)  # 17th digit: odd = male
            if seq == 0:
                continue
            first17 = f"{r.choice(ID_AREAS)}{birth:%Y%m%d}{seq:03d}"
            code = first17 + id_check_char(first17)
            if force_x and code[17] != "X":
                continue
            if code not in self.ids:
                self.ids.add(code)
                return code

    def mobile(self):
        while True:
            m = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            # avoid runs like 0000 that look fake
            if m not in self.mobiles and not re.search(r"(\d)\1\1\1", m):
                self.mobiles.add(m)
                return m

    def report_no(self, year, lo, hi):
        while True:
            no = f"HT{year}-{self.rng.randrange(lo, hi):06d}"
            if no not in self.report_nos:
                self.report_nos.add(no)
                return no

    def person(self, uscc, female_share, force_x=False):
        female = self.rng.random() < female_share
        name = self.name(female)
        female = name in FEMALE_NAMES
        return {"id_number": self.id_number(female, force_x), "name": name,
                "mobile": self.mobile(), "enterprise_uscc": uscc}


def demo_registry(g):
    r = g.rng
    authorities = [{"code": c, "name": n, "district": d} for c, n, d in AUTHORITIES]
    district = {c: d for c, _, d in AUTHORITIES}

    enterprises, staff = [], {}  # staff: uscc -> [person]
    persons = []
    for kind, table, female_share in (("construction", CONSTRUCTION, 0.2),
                                      ("supervision", SUPERVISION, 0.3)):
        for ei, (name, area, style, n) in enumerate(table):
            uscc = g.uscc(area, style)
            enterprises.append({"uscc": uscc, "name": name, "kind": kind})
            staff[uscc] = []
            for pi in range(n):
                # ID numbers ending in X: the first supervisor's first person (manager of the
                # first project's supervision contract) and a few others.
                force_x = (kind == "supervision" and ei == 0 and pi == 0) or \
                    (len(persons) % 11 == 4)
                p = g.person(uscc, female_share, force_x)
                persons.append(p)
                staff[uscc].append(p)
    cons = [e for e in enterprises if e["kind"] == "construction"]
    sups = [e for e in enterprises if e["kind"] == "supervision"]

    projects, contracts = [], []
    by_enterprise = {e["uscc"]: [] for e in enterprises}  # uscc -> [contract] in project order
    seq_used = set()
    for pi, (dcode, name, address, structure, area, gc, sv) in enumerate(PROJECTS):
        start = dt.date(2025, 6, 1) + dt.timedelta(days=r.randrange(
            (dt.date(2026, 9, 30) - dt.date(2025, 6, 1)).days + 1))
        if pi == 0:
            # The demo's first project is under way, so a demo declaration has months to evaluate.
            start = dt.date(2025, 9, 15)
        big = Decimal(area) > 50000
        days = r.randrange(730 if big else 548, (1095 if big else 900) + 1)
        finish = start + dt.timedelta(days=days)
        while True:
            reg = f"{dcode}{start.year}-{r.randrange(1, 400):04d}"
            if reg not in seq_used:
                seq_used.add(reg)
                break
        projects.append({
            "registration_no": reg, "name": name, "address": address,
            "district": district[dcode], "authority_code": dcode, "structure_type": structure,
            "floor_area": float(Decimal(area)), "planned_start": start.isoformat(),
            "planned_finish": finish.isoformat()})
        for kind, ent in (("general", cons[gc]), ("supervision", sups[sv])):
            c = {"report_no": g.report_no(start.year, 100, 600000),
                 "project_registration_no": reg, "kind": kind,
                 "enterprise_uscc": ent["uscc"], "manager_id_number": None}
            contracts.append(c)
            by_enterprise[ent["uscc"]].append(c)

    # Managers: a pool of about contracts/1.5 persons per enterprise; the first len(pool)
    # contracts get one manager each, the rest go round again from the first person, so the
    # first project's managers manage two contracts (the site-user contract picker shows a choice).
    for uscc, cs in by_enterprise.items():
        pool = staff[uscc][:max(1, min(len(staff[uscc]), math.ceil(len(cs) / 1.5)))]
        for i, c in enumerate(cs):
            c["manager_id_number"] = pool[i % len(pool)]["id_number"]

    return {"authorities": authorities, "enterprises": enterprises, "persons": persons,
            "projects": projects, "contracts": contracts}


def small_registry(g):
    """1 authority, 2 + 2 enterprises, 4 persons, 2 projects, 4 contracts; keys unlike the demo's."""
    ents = [
        {"uscc": g.uscc("310105", "new"), "name": "上海虹仙建设工程有限公司", "kind": "construction"},
        {"uscc": g.uscc("310105", "old"), "name": "上海长宁天山建筑安装有限公司", "kind": "construction"},
        {"uscc": g.uscc("310105", "new"), "name": "上海新华路工程监理有限公司", "kind": "supervision"},
        {"uscc": g.uscc("310105", "old"), "name": "上海北新泾建设咨询监理有限公司", "kind": "supervision"},
    ]
    persons = [g.person(e["uscc"], 0.25, force_x=(i == 2)) for i, e in enumerate(ents)]
    projects = [
        {"registration_no": "CN2026-0001", "name": "长宁区天山路街道住宅小区新建工程",
         "address": "上海市长宁区天山路1888弄", "district": "长宁区", "authority_code": "CN",
         "structure_type": "剪力墙", "floor_area": 36250.5, "planned_start": "2026-01-12",
         "planned_finish": "2027-12-30"},
        {"registration_no": "CN2026-0002", "name": "长宁区仙霞路学校改扩建工程",
         "address": "上海市长宁区仙霞路1099号", "district": "长宁区", "authority_code": "CN",
         "structure_type": "框架", "floor_area": 9860.25, "planned_start": "2026-03-02",
         "planned_finish": "2027-09-15"},
    ]
    contracts = []
    for i, p in enumerate(projects):
        for kind, ent, person in (("general", ents[i], persons[i]),
                                  ("supervision", ents[2 + i], persons[2 + i])):
            contracts.append({"report_no": g.report_no(2026, 900000, 950000),
                              "project_registration_no": p["registration_no"], "kind": kind,
                              "enterprise_uscc": ent["uscc"],
                              "manager_id_number": person["id_number"]})
    return {"authorities": [{"code": "CN", "name": "长宁区建设工程质量监督站", "district": "长宁区"}],
            "enterprises": ents, "persons": persons, "projects": projects, "contracts": contracts}


def bad_registry(g):
    """Valid except: one enterprise with a wrong USCC check character (referenced by nothing),
    and one contract whose project_registration_no is unknown."""
    cons = {"uscc": g.uscc("310113", "new"), "name": "上海宝顺建设工程有限公司", "kind": "construction"}
    sup = {"uscc": g.uscc("310113", "old"), "name": "上海月浦工程监理有限公司", "kind": "supervision"}
    good = g.uscc("310113", "new")
    wrong = next(c for c in USCC_CHARS if c != good[17])
    bad = {"uscc": good[:17] + wrong, "name": "上海淞南建筑工程有限公司", "kind": "construction"}
    p1, p2 = g.person(cons["uscc"], 0.0), g.person(sup["uscc"], 0.0)
    project = {"registration_no": "BS2026-0001", "name": "宝山区淞南镇住宅小区新建工程",
               "address": "上海市宝山区长江南路588弄", "district": "宝山区", "authority_code": "BS",
               "structure_type": "剪力墙", "floor_area": 41230.4, "planned_start": "2026-02-16",
               "planned_finish": "2028-01-20"}
    contracts = [
        {"report_no": g.report_no(2026, 950000, 999999), "project_registration_no": "BS2026-0001",
         "kind": "general", "enterprise_uscc": cons["uscc"], "manager_id_number": p1["id_number"]},
        {"report_no": g.report_no(2026, 950000, 999999), "project_registration_no": "BS2026-0001",
         "kind": "supervision", "enterprise_uscc": sup["uscc"], "manager_id_number": p2["id_number"]},
        {"report_no": g.report_no(2026, 950000, 999999), "project_registration_no": "BS2026-0099",
         "kind": "general", "enterprise_uscc": cons["uscc"], "manager_id_number": p1["id_number"]},
    ]
    return {"authorities": [{"code": "BS", "name": "宝山区建设工程质量监督站", "district": "宝山区"}],
            "enterprises": [cons, bad, sup], "persons": [p1, p2], "projects": [project],
            "contracts": contracts}


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"wrote {path.relative_to(ROOT)}")


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------

def decimal_places(v):
    return max(0, -v.as_tuple().exponent)


def as_decimal(v):
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        return None
    return Decimal(v)


def check_registry(doc):
    problems = []

    def add(path, reason):
        problems.append(f"{path}: {reason}")

    def records(key):
        v = doc.get(key, [])
        if not isinstance(v, list):
            add(key, "应为数组")
            return []
        return v

    def text(path, rec, field):
        v = rec.get(field)
        if not isinstance(v, str) or not v.strip():
            add(f"{path}.{field}", "缺少或为空")
            return None
        return v

    def unique(seen, key, path, label):
        if key in seen:
            add(path, f"{label}重复（与 {seen[key]} 相同）")
            return False
        seen[key] = path
        return True

    for k in doc:
        if k not in ("authorities", "enterprises", "persons", "projects", "contracts"):
            add(k, "未知的键")

    auth, seen = {}, {}
    for i, a in enumerate(records("authorities")):
        p = f"authorities[{i}]"
        code, _, district = text(p, a, "code"), text(p, a, "name"), text(p, a, "district")
        if code is not None and unique(seen, code, f"{p}.code", "监督机构代码"):
            auth[code] = {"district": district}

    ents, seen = {}, {}
    for i, e in enumerate(records("enterprises")):
        p = f"enterprises[{i}]"
        text(p, e, "name")
        if e.get("kind") not in ENTERPRISE_KINDS:
            add(f"{p}.kind", "应为 construction 或 supervision")
        u = e.get("uscc")
        why = uscc_problem(u)
        if why:
            add(f"{p}.uscc", why)
        elif unique(seen, u, f"{p}.uscc", "统一社会信用代码"):
            ents[u] = e

    persons, seen, mobiles = {}, {}, {}
    for i, x in enumerate(records("persons")):
        p = f"persons[{i}]"
        text(p, x, "name")
        m = x.get("mobile")
        if not isinstance(m, str) or not MOBILE_RE.match(m):
            add(f"{p}.mobile", "手机号应为11位数字")
        else:
            unique(mobiles, m, f"{p}.mobile", "手机号")
        eu = x.get("enterprise_uscc")
        if eu not in ents:
            add(f"{p}.enterprise_uscc", f"未知企业 {eu}")
        n = x.get("id_number")
        why = id_problem(n)
        if why:
            add(f"{p}.id_number", why)
        elif unique(seen, n, f"{p}.id_number", "身份证号"):
            persons[n] = x

    projects, seen = {}, {}
    for i, x in enumerate(records("projects")):
        p = f"projects[{i}]"
        for f in ("name", "address", "district", "structure_type"):
            text(p, x, f)
        reg = text(p, x, "registration_no")
        ok = reg is not None and unique(seen, reg, f"{p}.registration_no", "报监编号")
        ac = x.get("authority_code")
        if ac not in auth:
            add(f"{p}.authority_code", f"未知监督机构 {ac}")
            ok = False
        elif auth[ac]["district"] != x.get("district"):
            add(f"{p}.district", f"与监督机构 {ac} 的区（{auth[ac]['district']}）不一致")
        if x.get("structure_type") not in STRUCTURE_TYPES:
            add(f"{p}.structure_type", "结构类型不在 " + "、".join(sorted(STRUCTURE_TYPES)) + " 中")
        fa = x.get("floor_area")
        fa = as_decimal(fa)
        if fa is None or fa <= 0 or decimal_places(fa) > 2:
            add(f"{p}.floor_area", "建筑面积应为正数，最多2位小数")
        dates = []
        for f in ("planned_start", "planned_finish"):
            try:
                dates.append(dt.date.fromisoformat(x.get(f)))
                if len(x.get(f)) != 10:
                    raise ValueError
            except (TypeError, ValueError):
                add(f"{p}.{f}", "日期应为 YYYY-MM-DD")
        if len(dates) == 2 and dates[1] <= dates[0]:
            add(f"{p}.planned_finish", "计划竣工日期应晚于计划开工日期")
        if ok:
            projects[reg] = x

    seen, per_project, managed = {}, {}, {}
    for i, c in enumerate(records("contracts")):
        p = f"contracts[{i}]"
        no = text(p, c, "report_no")
        if no is not None:
            unique(seen, no, f"{p}.report_no", "合同信息报编号")
        kind = c.get("kind")
        if kind not in CONTRACT_KINDS:
            add(f"{p}.kind", "应为 general 或 supervision")
        reg = c.get("project_registration_no")
        if reg not in projects:
            add(f"{p}.project_registration_no", f"未知工程 {reg}")
        elif kind in CONTRACT_KINDS:
            unique(per_project, (reg, kind), f"{p}", f"工程 {reg} 的 {kind} 合同")
        eu = c.get("enterprise_uscc")
        if eu not in ents:
            add(f"{p}.enterprise_uscc", f"未知企业 {eu}")
        elif kind in CONTRACT_KINDS and ents[eu].get("kind") != CONTRACT_KINDS[kind]:
            add(f"{p}.enterprise_uscc", f"{kind} 合同的企业应为 {CONTRACT_KINDS[kind]} 企业")
        mid = c.get("manager_id_number")
        if mid not in persons:
            add(f"{p}.manager_id_number", "未知人员（身份证号不在实名制人员中）")
        else:
            if eu in ents and persons[mid].get("enterprise_uscc") != eu:
                add(f"{p}.manager_id_number", "项目负责人不属于该合同的企业")
            managed[mid] = managed.get(mid, 0) + 1
            if managed[mid] == 4:
                add(f"{p}.manager_id_number", "同一人员担任项目负责人超过3个合同")
    return problems


def check_template(doc):
    problems = []

    def add(path, reason):
        problems.append(f"{path}: {reason}")

    def score(path, v):
        d = as_decimal(v)
        if d is None or d <= 0:
            add(path, "分值应为正数")
            return None
        if decimal_places(d) > 2:
            add(path, "分值最多2位小数")
            return None
        return d

    codes = {}

    def code(path, v, parent=None):
        if not isinstance(v, str) or not v:
            add(path, "缺少编号")
            return
        if v in codes:
            add(path, f"编号 {v} 重复（与 {codes[v]} 相同）")
        else:
            codes[v] = path
        if parent is not None and not v.startswith(parent + "."):
            add(path, f"编号 {v} 应以上级编号 {parent}. 开头")

    if not isinstance(doc.get("code"), str) or not doc.get("code"):
        add("code", "缺少模板代码")
    if isinstance(doc.get("version"), bool) or not isinstance(doc.get("version"), int) \
            or doc["version"] < 1:
        add("version", "版本号应为正整数")
    if not isinstance(doc.get("name"), str) or not doc.get("name"):
        add("name", "缺少模板名称")
    items = doc.get("check_items")
    if not isinstance(items, list) or not items:
        add("check_items", "应为非空数组")
        return problems
    total, total_ok = Decimal(0), True
    for i, k in enumerate(items):
        p = f"check_items[{i}]"
        code(f"{p}.code", k.get("code"))
        if not k.get("name"):
            add(f"{p}.name", "缺少名称")
        s = score(f"{p}.standard_score", k.get("standard_score"))
        total_ok &= s is not None
        total += s or 0
        subs = k.get("sub_items")
        if not isinstance(subs, list) or not subs:
            add(f"{p}.sub_items", "应为非空数组")
            continue
        sub_total, sub_ok = Decimal(0), True
        for j, s_ in enumerate(subs):
            q = f"{p}.sub_items[{j}]"
            code(f"{q}.code", s_.get("code"), k.get("code"))
            if not s_.get("name"):
                add(f"{q}.name", "缺少名称")
            ps = score(f"{q}.score", s_.get("score"))
            sub_ok &= ps is not None
            sub_total += ps or 0
            clauses = s_.get("clauses")
            if not isinstance(clauses, list) or not clauses:
                add(f"{q}.clauses", "应为非空数组")
                continue
            for m, c in enumerate(clauses):
                code(f"{q}.clauses[{m}].code", c.get("code"), s_.get("code"))
                if not isinstance(c.get("text"), str) or not c.get("text").strip():
                    add(f"{q}.clauses[{m}].text", "缺少条文内容")
        if s is not None and sub_total != s:
            add(f"{p}.sub_items", f"分项分值之和 {sub_total}"
                + ("" if sub_ok else "（不含无效分值）") + f" 不等于标准分 {s}")
    if total != 100:
        add("check_items", f"检查项目标准分之和 {total}"
            + ("" if total_ok else "（不含无效分值）") + " 不等于 100")
    return problems


def check_file(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, parse_float=Decimal)
    except (OSError, ValueError) as e:
        return None, [f"$: 无法读取 JSON: {e}"]
    if not isinstance(doc, dict):
        return None, ["$: 顶层应为对象"]
    if "check_items" in doc:
        kind = "template"
        problems = check_template(doc)
        items = doc["check_items"] if isinstance(doc["check_items"], list) else []
        subs = [s for k in items for s in (k.get("sub_items") or [])]
        summary = (f"template {doc.get('code')}-{doc.get('version')}: {len(items)} check items, "
                   f"{len(subs)} sub-items, {sum(len(s.get('clauses') or []) for s in subs)} clauses")
    else:
        kind = "registry"
        problems = check_registry(doc)
        ents = doc.get("enterprises") or []
        summary = (f"registry: {len(doc.get('authorities') or [])} authorities, "
                   f"{sum(e.get('kind') == 'construction' for e in ents)} construction + "
                   f"{sum(e.get('kind') == 'supervision' for e in ents)} supervision enterprises, "
                   f"{len(doc.get('persons') or [])} persons, {len(doc.get('projects') or [])} "
                   f"projects, {len(doc.get('contracts') or [])} contracts")
    return summary, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", nargs="+", metavar="FILE",
                    help="check registry or template files instead of generating")
    args = ap.parse_args()
    if args.check:
        failed = False
        for path in args.check:
            summary, problems = check_file(path)
            if problems:
                failed = True
                print(f"FAIL {path}" + (f" ({summary})" if summary else "")
                      + f": {len(problems)} problem(s)")
                for pr in problems:
                    print(f"  {pr}")
            else:
                print(f"OK   {path} ({summary})")
        return 1 if failed else 0

    g = Gen(SEED)
    demo = demo_registry(g)
    small = small_registry(g)
    bad = bad_registry(g)
    # Sanity checks on what was generated.
    def reloaded(d):
        return json.loads(json.dumps(d, ensure_ascii=False), parse_float=Decimal)
    problems = check_registry(reloaded(demo)) + check_registry(reloaded(small))
    assert not problems, f"generated data is invalid: {problems}"
    assert len(check_registry(reloaded(bad))) == 2
    for key, field in (("authorities", "code"), ("enterprises", "uscc"), ("persons", "id_number"),
                       ("projects", "registration_no"), ("contracts", "report_no"),
                       ("persons", "mobile"), ("persons", "name")):
        a = {x[field] for x in demo[key]}
        assert not a & {x[field] for x in small[key]}, f"small registry collides on {key}.{field}"
    write_json(ROOT / "share/demo/registry.json", demo)
    write_json(ROOT / "tests/data/registry-small.json", small)
    write_json(ROOT / "tests/data/registry-bad.json", bad)
    return 0


if __name__ == "__main__":
    sys.exit(main())
