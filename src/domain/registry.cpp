// Registry file checks: each record's fields, the GB checksums, duplicates, and references.
#include "domain/registry.hpp"

#include <boost/json.hpp>

#include "domain/checksum.hpp"
#include "domain/json_input.hpp"

namespace qsm::domain::registry {

const std::vector<std::string_view> kShanghaiDistricts{
    "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
    "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区"};

bool is_shanghai_district(std::string_view d) {
  return std::find(kShanghaiDistricts.begin(), kShanghaiDistricts.end(), d) != kShanghaiDistricts.end();
}

std::string_view to_string(EnterpriseKind k) { return k == EnterpriseKind::construction ? "construction" : "supervision"; }
std::string_view to_string(ContractKind k) { return k == ContractKind::general ? "general" : "supervision"; }
std::string_view label(ContractKind k) { return k == ContractKind::general ? "施工总包合同" : "监理合同"; }

std::optional<EnterpriseKind> enterprise_kind_from(std::string_view s) {
  if (s == "construction") return EnterpriseKind::construction;
  if (s == "supervision") return EnterpriseKind::supervision;
  return std::nullopt;
}
std::optional<ContractKind> contract_kind_from(std::string_view s) {
  if (s == "general") return ContractKind::general;
  if (s == "supervision") return ContractKind::supervision;
  return std::nullopt;
}

namespace {

using json::FieldReader;
using json::TextRule;

std::string at(std::string_view section, std::size_t i) {
  return "$." + std::string(section) + "[" + std::to_string(i) + "]";
}

// Registration and report numbers: letters, digits and '-', as the neighbouring systems issue them.
bool valid_key(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_'))
      return false;
  return true;
}

template <class F>
void each(const boost::json::object& root, std::string_view section, Problems& problems, F&& f) {
  const auto* v = root.if_contains(section);
  if (!v || v->is_null()) return;
  if (!v->is_array()) {
    problems.add("$." + std::string(section), "应为数组");
    return;
  }
  const auto& arr = v->get_array();
  for (std::size_t i = 0; i < arr.size(); ++i) f(arr[i], at(section, i), i);
}

// Remembers where each natural key first appeared, to name duplicates.
class KeySet {
 public:
  bool insert(const std::string& key, const std::string& path, Problems& problems, std::string_view what) {
    auto [it, inserted] = first_.emplace(key, path);
    if (!inserted) problems.add(path, std::string(what) + " " + key + " 在文件中重复（首次出现于 " + it->second + "）");
    return inserted;
  }
  bool contains(const std::string& key) const { return first_.count(key) > 0; }

 private:
  std::map<std::string, std::string> first_;
};

}  // namespace

Parsed parse(const boost::json::value& root) {
  Parsed out;
  Problems& problems = out.problems;
  File& file = out.file;
  if (!root.is_object()) {
    problems.add("$", "应为 JSON 对象，包含 authorities、enterprises、persons、projects、contracts");
    return out;
  }
  const auto& obj = root.get_object();
  for (const auto& kv : obj) {
    auto k = kv.key();
    if (k != "authorities" && k != "enterprises" && k != "persons" && k != "projects" && k != "contracts")
      problems.add("$." + std::string(k), "未知的数据类别");
  }

  KeySet authority_keys, enterprise_keys, person_keys, project_keys, contract_keys;
  std::map<std::string, EnterpriseKind> kinds_in_file;
  std::map<std::string, std::string> person_enterprise_in_file;

  each(obj, "authorities", problems, [&](const boost::json::value& v, const std::string& path, std::size_t) {
    FieldReader r(v, path, problems);
    r.reject_unknown({"code", "name", "district"});
    auto code = r.text("code", {.max = 20});
    auto name = r.text("name", {.max = 100});
    auto district = r.text("district", {.max = 20});
    if (code && !valid_key(*code)) problems.add(path + ".code", "编码只能包含字母、数字、-、_");
    if (!code || !name || !district || !valid_key(*code)) return;
    if (!authority_keys.insert(*code, path + ".code", problems, "监督机构编码")) return;
    file.authorities.push_back({*code, *name, *district});
  });

  each(obj, "enterprises", problems, [&](const boost::json::value& v, const std::string& path, std::size_t) {
    FieldReader r(v, path, problems);
    r.reject_unknown({"uscc", "name", "kind"});
    auto uscc = r.text("uscc", {.max = 18});
    auto name = r.text("name", {.max = 100});
    auto kind_text = r.text("kind", {.max = 20});
    std::optional<EnterpriseKind> kind;
    if (kind_text && !(kind = enterprise_kind_from(*kind_text)))
      problems.add(path + ".kind", "应为 construction（施工企业）或 supervision（监理企业）");
    bool uscc_ok = uscc && valid_uscc(*uscc);
    if (uscc && !uscc_ok) problems.add(path + ".uscc", "统一社会信用代码 " + *uscc + " 校验失败（GB 32100）");
    if (!uscc_ok || !name || !kind) return;
    if (!enterprise_keys.insert(*uscc, path + ".uscc", problems, "统一社会信用代码")) return;
    kinds_in_file[*uscc] = *kind;
    file.enterprises.push_back({*uscc, *name, *kind});
  });

  each(obj, "persons", problems, [&](const boost::json::value& v, const std::string& path, std::size_t) {
    FieldReader r(v, path, problems);
    r.reject_unknown({"id_number", "name", "mobile", "enterprise_uscc"});
    auto id = r.text("id_number", {.max = 18});
    auto name = r.text("name", {.max = 50});
    auto mobile = r.text("mobile", {.max = 11});
    auto uscc = r.text("enterprise_uscc", {.max = 18});
    bool id_ok = id && valid_id_number(*id);
    // Never echo an ID number back: the problem names the masked form only.
    if (id && !id_ok) problems.add(path + ".id_number", "身份证号 " + mask_id_number(*id) + " 校验失败（GB 11643）");
    if (mobile && !valid_mobile(*mobile)) problems.add(path + ".mobile", "手机号应为 1 开头的 11 位数字");
    if (!id_ok || !name || !mobile || !valid_mobile(*mobile) || !uscc) return;
    if (!person_keys.insert(*id, path + ".id_number", problems, "身份证号")) return;
    person_enterprise_in_file[*id] = *uscc;
    file.persons.push_back({*id, *name, *mobile, *uscc});
  });

  each(obj, "projects", problems, [&](const boost::json::value& v, const std::string& path, std::size_t) {
    FieldReader r(v, path, problems);
    r.reject_unknown({"registration_no", "name", "address", "district", "authority_code", "structure_type",
                      "floor_area", "planned_start", "planned_finish"});
    auto no = r.text("registration_no", {.max = 40});
    auto name = r.text("name", {.max = 200});
    auto address = r.text("address", {.max = 200});
    auto district = r.text("district", {.max = 20});
    auto authority = r.text("authority_code", {.max = 20});
    auto structure = r.text("structure_type", {.max = 50});
    auto start_text = r.text("planned_start", {.max = 10});
    auto finish_text = r.text("planned_finish", {.max = 10});
    std::optional<Points> area;
    if (const auto* a = r.field("floor_area")) {
      area = Points::from_json(*a);
      if (!area || area->hundredths() <= 0) {
        problems.add(path + ".floor_area", "建筑面积应为大于 0 的数，最多两位小数");
        area.reset();
      }
    } else if (r.ok()) {
      problems.add(path + ".floor_area", "必填");
    }
    if (no && !valid_key(*no)) problems.add(path + ".registration_no", "报监编号只能包含字母、数字、-、_");
    if (district && !is_shanghai_district(*district)) problems.add(path + ".district", "所在区应为上海市的区之一（如 黄浦区）");
    std::optional<Date> start, finish;
    if (start_text && !(start = parse_date(*start_text))) problems.add(path + ".planned_start", "日期格式应为 YYYY-MM-DD");
    if (finish_text && !(finish = parse_date(*finish_text))) problems.add(path + ".planned_finish", "日期格式应为 YYYY-MM-DD");
    if (start && finish && *finish < *start) problems.add(path + ".planned_finish", "计划竣工日期不能早于计划开工日期");
    if (!no || !valid_key(*no) || !name || !address || !district || !is_shanghai_district(*district) || !authority ||
        !structure || !area || !start || !finish || *finish < *start)
      return;
    if (!project_keys.insert(*no, path + ".registration_no", problems, "报监编号")) return;
    file.projects.push_back({*no, *name, *address, *district, *authority, *structure, *area, *start, *finish});
  });

  std::set<std::pair<std::string, ContractKind>> contract_slots;
  each(obj, "contracts", problems, [&](const boost::json::value& v, const std::string& path, std::size_t) {
    FieldReader r(v, path, problems);
    r.reject_unknown({"report_no", "project_registration_no", "kind", "enterprise_uscc", "manager_id_number"});
    auto no = r.text("report_no", {.max = 40});
    auto project = r.text("project_registration_no", {.max = 40});
    auto kind_text = r.text("kind", {.max = 20});
    auto uscc = r.text("enterprise_uscc", {.max = 18});
    auto manager = r.text("manager_id_number", {.max = 18});
    std::optional<ContractKind> kind;
    if (kind_text && !(kind = contract_kind_from(*kind_text)))
      problems.add(path + ".kind", "应为 general（施工总包合同）或 supervision（监理合同）");
    if (no && !valid_key(*no)) problems.add(path + ".report_no", "合同信息报编号只能包含字母、数字、-、_");
    if (manager && !valid_id_number(*manager))
      problems.add(path + ".manager_id_number", "项目负责人身份证号 " + mask_id_number(*manager) + " 校验失败（GB 11643）");
    if (!no || !valid_key(*no) || !project || !kind || !uscc || !manager || !valid_id_number(*manager)) return;
    if (!contract_keys.insert(*no, path + ".report_no", problems, "合同信息报编号")) return;
    if (!contract_slots.insert({*project, *kind}).second) {
      problems.add(path + ".kind", "工程 " + *project + " 在文件中已有一份" + std::string(label(*kind)) + "，每个工程每类合同只有一份");
      return;
    }
    file.contracts.push_back({*no, *project, *kind, *uscc, *manager});
  });
  return out;
}

Unresolved unresolved(const File& f) {
  Unresolved u;
  std::set<std::string> authorities, enterprises, persons, projects;
  for (const auto& a : f.authorities) authorities.insert(a.code);
  for (const auto& e : f.enterprises) enterprises.insert(e.uscc);
  for (const auto& p : f.persons) persons.insert(p.id_number);
  for (const auto& p : f.projects) projects.insert(p.registration_no);
  for (const auto& p : f.persons)
    if (!enterprises.count(p.enterprise_uscc)) u.enterprise_usccs.insert(p.enterprise_uscc);
  for (const auto& p : f.projects)
    if (!authorities.count(p.authority_code)) u.authority_codes.insert(p.authority_code);
  for (const auto& c : f.contracts) {
    if (!enterprises.count(c.enterprise_uscc)) u.enterprise_usccs.insert(c.enterprise_uscc);
    if (!persons.count(c.manager_id_number)) u.person_ids.insert(c.manager_id_number);
    // Always asked: an existing project may already hold a contract of this kind.
    u.project_nos.insert(c.project_registration_no);
  }
  return u;
}

void check_references(const File& f, const Existing& existing, Problems& problems) {
  std::map<std::string, EnterpriseKind> kinds = existing.enterprises;
  for (const auto& e : f.enterprises) kinds[e.uscc] = e.kind;
  std::map<std::string, std::string> person_enterprise = existing.person_enterprise;
  for (const auto& p : f.persons) person_enterprise[p.id_number] = p.enterprise_uscc;
  std::set<std::string> authorities = existing.authority_codes;
  for (const auto& a : f.authorities) authorities.insert(a.code);
  std::set<std::string> projects = existing.project_nos;
  for (const auto& p : f.projects) projects.insert(p.registration_no);

  for (std::size_t i = 0; i < f.persons.size(); ++i)
    if (!kinds.count(f.persons[i].enterprise_uscc))
      problems.add(at("persons", i) + ".enterprise_uscc", "引用的企业 " + f.persons[i].enterprise_uscc + " 不存在（文件和数据库中都没有）");
  for (std::size_t i = 0; i < f.projects.size(); ++i)
    if (!authorities.count(f.projects[i].authority_code))
      problems.add(at("projects", i) + ".authority_code", "引用的监督机构 " + f.projects[i].authority_code + " 不存在（文件和数据库中都没有）");
  for (std::size_t i = 0; i < f.contracts.size(); ++i) {
    const Contract& c = f.contracts[i];
    const std::string path = at("contracts", i);
    if (!projects.count(c.project_registration_no))
      problems.add(path + ".project_registration_no", "引用的工程 " + c.project_registration_no + " 不存在（文件和数据库中都没有）");
    auto kind = kinds.find(c.enterprise_uscc);
    if (kind == kinds.end()) {
      problems.add(path + ".enterprise_uscc", "引用的企业 " + c.enterprise_uscc + " 不存在（文件和数据库中都没有）");
    } else if ((c.kind == ContractKind::general) != (kind->second == EnterpriseKind::construction)) {
      problems.add(path + ".enterprise_uscc", c.kind == ContractKind::general ? "施工总包合同的企业应为施工企业" : "监理合同的企业应为监理企业");
    }
    auto manager = person_enterprise.find(c.manager_id_number);
    if (manager == person_enterprise.end())
      problems.add(path + ".manager_id_number", "项目负责人 " + mask_id_number(c.manager_id_number) + " 不在实名制人员中");
    else if (manager->second != c.enterprise_uscc)
      problems.add(path + ".manager_id_number", "项目负责人应为合同企业 " + c.enterprise_uscc + " 的人员");
    auto held = existing.contracts.find({c.project_registration_no, c.kind});
    if (held != existing.contracts.end() && held->second != c.report_no)
      problems.add(path + ".report_no", "工程 " + c.project_registration_no + " 已有" + std::string(label(c.kind)) + " " + held->second +
                                            "，每个工程每类合同只有一份");
  }
}

}  // namespace qsm::domain::registry
