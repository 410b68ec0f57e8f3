// Demo workflow seeding through the same services the API uses.
#include "cli/demo_workflows.hpp"

#include <boost/json.hpp>

#include "domain/period.hpp"
#include "service/declaration_service.hpp"
#include "store/identity_store.hpp"
#include "store/registry_store.hpp"

namespace qsm::cli {
namespace {

std::string str(const boost::json::value& v, std::string_view key) { return std::string(v.at(key).as_string()); }

const boost::json::value& person(const boost::json::value& registry, const std::string& id_number) {
  for (const auto& p : registry.at("persons").as_array())
    if (str(p, "id_number") == id_number) return p;
  throw std::runtime_error("演示数据缺少人员 " + id_number);
}

// 10:00 Shanghai time on a day of a month.
domain::Instant at(domain::YearMonth m, unsigned day, int hour) {
  std::chrono::year_month_day d{std::chrono::year{m.year}, std::chrono::month{static_cast<unsigned>(m.month)}, std::chrono::day{day}};
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::sys_days(d) + std::chrono::hours(hour) - domain::kShanghaiOffset);
}

domain::Actor enterprise_actor(app::App& app, const std::string& uscc, domain::Role role) {
  auto e = app.db->read([&](store::Connection& c) { return store::find_enterprise_by_uscc(c, uscc); });
  if (!e) throw std::runtime_error("演示数据缺少企业 " + uscc);
  domain::Actor a;
  a.role = role;
  a.name = a.organisation = e->name;
  a.ref = "enterprise:" + uscc;
  a.enterprise_id = e->id;
  return a;
}

domain::Actor authority_actor(app::App& app, const std::string& username) {
  auto acc = app.db->read([&](store::Connection& c) { return store::find_account(c, username); });
  if (!acc || !acc->authority_id) throw std::runtime_error("演示数据缺少监督机构账号 " + username);
  domain::Actor a;
  a.role = domain::Role::authority;
  a.name = a.organisation = acc->display_name;
  a.ref = "account:" + std::to_string(acc->id);
  a.account_id = acc->id;
  a.authority_id = *acc->authority_id;
  return a;
}

}  // namespace

SeededDeclaration seed_accepted_declaration(app::App& app, const boost::json::value& registry) {
  std::string contractor_uscc;
  for (const auto& e : registry.at("enterprises").as_array())
    if (str(e, "kind") == "construction") {
      contractor_uscc = str(e, "uscc");
      break;
    }
  std::vector<const boost::json::value*> generals;
  for (const auto& k : registry.at("contracts").as_array())
    if (str(k, "kind") == "general" && str(k, "enterprise_uscc") == contractor_uscc) generals.push_back(&k);
  if (generals.size() < 2) throw std::runtime_error("演示数据中第一家施工企业的总包合同不足两份");
  const auto registration_no = str(*generals[1], "project_registration_no");
  const boost::json::value* supervision = nullptr;
  for (const auto& k : registry.at("contracts").as_array())
    if (str(k, "kind") == "supervision" && str(k, "project_registration_no") == registration_no) supervision = &k;
  if (!supervision) throw std::runtime_error("演示工程 " + registration_no + " 没有监理合同");
  std::string authority_code;
  for (const auto& p : registry.at("projects").as_array())
    if (str(p, "registration_no") == registration_no) authority_code = str(p, "authority_code");
  std::string authority_user = "jdz_";
  for (char ch : authority_code) authority_user += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));

  const auto& cm = person(registry, str(*generals[1], "manager_id_number"));
  const auto& sm = person(registry, str(*supervision, "manager_id_number"));
  auto contractor = enterprise_actor(app, contractor_uscc, domain::Role::contractor);
  auto supervisor = enterprise_actor(app, str(*supervision, "enterprise_uscc"), domain::Role::supervisor);
  auto authority = authority_actor(app, authority_user);

  auto project = app.db->read([&](store::Connection& c) {
    store::ProjectQuery q;
    q.q = registration_no;
    return store::list_projects(c, domain::Scope::of(contractor), q);
  });
  if (project.items.empty()) throw std::runtime_error("演示工程 " + registration_no + " 未导入");

  SeededDeclaration out{registration_no, project.items[0].name, "", str(cm, "name"), str(cm, "id_number"), str(sm, "name"),
                        str(sm, "id_number")};
  // Run again (qsm demo is idempotent): the declaration exists, keep it as it is.
  auto existing = app.db->read([&](store::Connection& c) {
    store::DeclarationQuery q;
    q.q = registration_no;
    return store::list_declarations(c, domain::Scope::of(contractor), q);
  });
  if (!existing.items.empty()) {
    if (auto at = existing.items[0].accepted_at) out.accepted_month = domain::YearMonth::of(domain::from_millis(*at)).to_string();
    return out;
  }

  // Accepted on the 1st of the month three months back: that month and the two after it are due.
  const auto saved_clock = app.clock;
  auto accepted = domain::YearMonth::of(app.clock.now()).prev().prev().prev();
  auto declared = accepted.prev();

  service::DeclarationInput in;
  in.project_id = project.items[0].id;
  in.quality_target = "优良";
  in.planned_start = project.items[0].planned_start;
  in.planned_finish = project.items[0].planned_finish;
  in.overview = "框架-剪力墙结构，地上 18 层、地下 2 层；质量目标创“白玉兰”奖。";
  in.contractor_manager = service::ManagerInput{str(cm, "name"), str(cm, "mobile")};
  in.supervision_manager = service::ManagerInput{str(sm, "name"), str(sm, "mobile")};
  app.clock = app::Clock::at(at(declared, 20, 10));
  auto d = service::create_declaration(app, contractor, in);
  app.clock = app::Clock::at(at(declared, 20, 11));
  d = service::act_on_declaration(app, contractor, d.id, domain::declaration::Action::submit, {d.version, "", std::nullopt});
  app.clock = app::Clock::at(at(declared, 25, 9));
  d = service::act_on_declaration(app, supervisor, d.id, domain::declaration::Action::pass, {d.version, "资料齐全，同意申报。", std::nullopt});
  app.clock = app::Clock::at(at(accepted, 1, 10));
  d = service::act_on_declaration(app, authority, d.id, domain::declaration::Action::accept, {d.version, "同意受理。", std::nullopt});
  app.clock = saved_clock;
  out.accepted_month = accepted.to_string();
  return out;
}

}  // namespace qsm::cli
