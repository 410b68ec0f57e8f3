// Demo workflow seeding through the same services the API uses.
#include "cli/demo_workflows.hpp"

#include <boost/json.hpp>

#include "domain/period.hpp"
#include "domain/workflow/completion.hpp"
#include "service/auth_service.hpp"
#include "service/declaration_service.hpp"
#include "service/monthly_service.hpp"
#include "service/quarterly_service.hpp"
#include "service/rectification_service.hpp"
#include "store/identity_store.hpp"
#include "store/registry_store.hpp"

namespace qsm::cli {
namespace {

namespace scoring = domain::scoring;

std::string str(const boost::json::value& v, std::string_view key) { return std::string(v.at(key).as_string()); }

const boost::json::value& person(const boost::json::value& registry, const std::string& id_number) {
  for (const auto& p : registry.at("persons").as_array())
    if (str(p, "id_number") == id_number) return p;
  throw std::runtime_error("演示数据缺少人员 " + id_number);
}

// A Shanghai time on a day of a month.
domain::Instant at(domain::YearMonth m, unsigned day, int hour) {
  return domain::shanghai_time(m.day(day), std::chrono::hours(hour));
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
  return service::authority_actor(*acc);
}

}  // namespace

namespace {

struct DemoProject {
  SeededDeclaration out;
  domain::Actor contractor, supervisor, authority, site_supervisor;
  std::int64_t declaration_id = 0;
  bool created = false;  // false when an earlier `qsm demo` seeded it already
};

// Declares, passes and accepts the project of the first construction enterprise's general contract
// number `contract_index`, accepted on the 1st of the month `months_back` months before now.
DemoProject seed_declaration(app::App& app, const boost::json::value& registry, std::size_t contract_index, int months_back) {
  std::string contractor_uscc;
  for (const auto& e : registry.at("enterprises").as_array())
    if (str(e, "kind") == "construction") {
      contractor_uscc = str(e, "uscc");
      break;
    }
  std::vector<const boost::json::value*> generals;
  for (const auto& k : registry.at("contracts").as_array())
    if (str(k, "kind") == "general" && str(k, "enterprise_uscc") == contractor_uscc) generals.push_back(&k);
  if (generals.size() <= contract_index) throw std::runtime_error("演示数据中第一家施工企业的总包合同不足 " + std::to_string(contract_index + 1) + " 份");
  const auto& general = *generals[contract_index];
  const auto registration_no = str(general, "project_registration_no");
  const boost::json::value* supervision = nullptr;
  for (const auto& k : registry.at("contracts").as_array())
    if (str(k, "kind") == "supervision" && str(k, "project_registration_no") == registration_no) supervision = &k;
  if (!supervision) throw std::runtime_error("演示工程 " + registration_no + " 没有监理合同");
  std::string authority_code;
  for (const auto& p : registry.at("projects").as_array())
    if (str(p, "registration_no") == registration_no) authority_code = str(p, "authority_code");
  const auto authority_user = service::authority_username(authority_code);

  const auto& cm = person(registry, str(general, "manager_id_number"));
  const auto& sm = person(registry, str(*supervision, "manager_id_number"));
  DemoProject demo;
  demo.contractor = enterprise_actor(app, contractor_uscc, domain::Role::contractor);
  demo.supervisor = enterprise_actor(app, str(*supervision, "enterprise_uscc"), domain::Role::supervisor);
  demo.authority = authority_actor(app, authority_user);

  auto project = app.db->read([&](store::Connection& c) {
    store::ProjectQuery q;
    q.q = registration_no;
    return store::list_projects(c, domain::Scope::of(demo.contractor), q);
  });
  if (project.items.empty()) throw std::runtime_error("演示工程 " + registration_no + " 未导入");
  demo.site_supervisor.role = domain::Role::site_supervisor;
  demo.site_supervisor.name = str(sm, "name");
  demo.site_supervisor.organisation = demo.supervisor.organisation;
  demo.site_supervisor.ref = "demo:" + str(sm, "name");
  demo.site_supervisor.project_id = project.items[0].id;

  demo.out = {registration_no, project.items[0].name, "", str(cm, "name"), str(cm, "id_number"), str(sm, "name"), str(sm, "id_number")};
  // Run again (qsm demo is idempotent): the declaration exists, keep it as it is.
  auto existing = app.db->read([&](store::Connection& c) {
    store::DeclarationQuery q;
    q.q = registration_no;
    return store::list_declarations(c, domain::Scope::of(demo.contractor), q);
  });
  if (!existing.items.empty()) {
    demo.declaration_id = existing.items[0].id;
    if (auto at = existing.items[0].accepted_at) demo.out.accepted_month = domain::YearMonth::of(domain::from_millis(*at)).to_string();
    return demo;
  }

  const auto saved_clock = app.clock;
  auto accepted = domain::YearMonth::of(app.clock.now());
  for (int i = 0; i < months_back; ++i) accepted = accepted.prev();
  auto declared = accepted.prev();

  service::DeclarationInput in;
  in.project_id = project.items[0].id;
  in.quality_target = "优良";
  in.planned_start = project.items[0].planned_start;
  in.planned_finish = project.items[0].planned_finish;
  in.overview = "框架-剪力墙结构，地上 18 层、地下 2 层；质量目标创“白玉兰”奖。";
  in.contractor_manager = service::ManagerInput{str(cm, "name"), str(cm, "mobile"), std::nullopt};
  in.supervision_manager = service::ManagerInput{str(sm, "name"), str(sm, "mobile"), std::nullopt};
  app.clock = app::Clock::at(at(declared, 20, 10));
  auto d = service::create_declaration(app, demo.contractor, in);
  app.clock = app::Clock::at(at(declared, 20, 11));
  d = service::act_on_declaration(app, demo.contractor, d.id, domain::declaration::Action::submit, {d.version, "", std::nullopt});
  app.clock = app::Clock::at(at(declared, 25, 9));
  d = service::act_on_declaration(app, demo.supervisor, d.id, domain::declaration::Action::pass, {d.version, "资料齐全，同意申报。", std::nullopt});
  app.clock = app::Clock::at(at(accepted, 1, 10));
  d = service::act_on_declaration(app, demo.authority, d.id, domain::declaration::Action::accept, {d.version, "同意受理。", std::nullopt});
  app.clock = saved_clock;
  demo.out.accepted_month = accepted.to_string();
  demo.declaration_id = d.id;
  demo.created = true;
  return demo;
}

// A month's sheet: two clauses of different check items deducted, chosen by the month's index so
// that a clause comes back now and then (its n grows).
scoring::SheetInput demo_sheet(const scoring::Template& t, int index) {
  scoring::SheetInput in;
  const auto& items = t.check_items;
  for (int k = 0; k < 2; ++k) {
    const auto& item = items[static_cast<std::size_t>(index + 3 * k) % items.size()];
    const auto& sub = item.sub_items[static_cast<std::size_t>(index) % item.sub_items.size()];
    const auto& clause = sub.clauses.front();
    in.deductions.push_back({clause.code, "现场检查发现：" + sub.name + "不符合要求，已要求整改。"});
  }
  return in;
}

}  // namespace

namespace {

// Three rectification orders on the evaluated project (issue 24), so that a new user sees the loop at
// once: one closed (issued, replied, confirmed, re-checked), one overdue (its deadline passed five
// days ago) and one open (just issued). All 限期整改: an open 停工整改 would mark the project everywhere.
void seed_rectifications(app::App& app, const DemoProject& demo, const scoring::Template& tmpl, domain::Instant now) {
  const auto day = [&](int offset) { return domain::format_date(domain::shanghai_date(now + std::chrono::days(offset))); };
  const auto clause = [&](std::size_t item) { return tmpl.check_items.at(item % tmpl.check_items.size()).sub_items.at(0).clauses.at(0).code; };
  const auto set = [&](int days_back, int minute) {
    app.clock = app::Clock::at(now - std::chrono::days(days_back) + std::chrono::minutes(minute));
  };
  // Closed: issued 30 days ago, closed 21 days ago.
  set(30, 0);
  service::IssueRequest closed{demo.declaration_id, "rectify", day(-16), "张建国", "《建设工程质量管理条例》第二十八条",
                               std::nullopt, {{clause(0), "施工现场质量管理制度未上墙公示"}, {std::nullopt, "钢筋原材料堆放未架空、未覆盖"}}};
  auto r = service::issue_rectification(app, demo.authority, closed);
  set(27, 0);
  std::vector<service::ReplyItem> measures;
  for (const auto& i : r.items) measures.push_back({i.id, i.position == 1 ? "已制作质量管理制度牌并在项目部公示" : "已设置垫木架空并用防雨布覆盖"});
  r = service::reply_rectification(app, demo.contractor, r.row.id, r.row.version, measures);
  set(26, 0);
  r = service::confirm_rectification(app, demo.site_supervisor, r.row.id, r.row.version, true, "经现场核查，整改到位");
  set(21, 0);
  std::vector<service::RecheckItem> passed;
  for (const auto& i : r.items) passed.push_back({i.id, true, ""});
  service::recheck_rectification(app, demo.authority, r.row.id, r.row.version, passed, std::nullopt);
  // Overdue: issued 19 days ago with a deadline 5 days ago, no reply yet.
  set(19, 0);
  service::issue_rectification(app, demo.authority,
                               {demo.declaration_id, "rectify", day(-5), "张建国", "", std::nullopt, {{clause(1), "模板支撑体系未按专项方案搭设，立杆间距偏大"}}});
  // Open: issued two days ago, due in twelve days.
  set(2, 0);
  service::issue_rectification(app, demo.authority,
                               {demo.declaration_id, "rectify", day(12), "李文涛", "", std::nullopt,
                                {{clause(2), "墙体砌筑灰缝不饱满"}, {std::nullopt, "二层楼板养护记录缺失"}}});
}

}  // namespace

SeededDeclaration seed_accepted_declaration(app::App& app, const boost::json::value& registry) {
  return seed_declaration(app, registry, 1, 3).out;
}

SeededDeclaration seed_managed_declaration(app::App& app, const boost::json::value& registry) {
  return seed_declaration(app, registry, 3, 2).out;
}

SeededDeclaration seed_evaluated_declaration(app::App& app, const boost::json::value& registry) {
  auto demo = seed_declaration(app, registry, 2, 5);
  if (!demo.created) return demo.out;
  const auto saved_clock = app.clock;
  const auto now = app.clock.now();
  const auto accepted = *domain::YearMonth::parse(demo.out.accepted_month);
  const auto last_due = domain::completion::last_due_month(domain::shanghai_date(now));
  // Each step on the 16th of its month, never later than now (the current month may be due today).
  int step = 0;
  auto on = [&](domain::YearMonth m, unsigned day, int hour) {
    ++step;
    app.clock = app::Clock::at(std::min(at(m, day, hour), now - std::chrono::minutes(200 - step)));
  };
  const auto tmpl = app.db->read([&](store::Connection& c) {
    auto d = store::find_declaration(c, domain::Scope::of(demo.contractor), demo.declaration_id);
    return app.templates->get(c, *d->template_id);
  });
  int index = 0;
  for (auto m = accepted; m <= last_due; m = m.next(), ++index) {
    on(m, 16, 9);
    auto row = service::create_monthly(app, demo.contractor, demo.declaration_id, m.to_string());
    auto sheet = demo_sheet(*tmpl, index);
    on(m, 16, 10);
    row = service::save_sheet(app, demo.contractor, row.id, service::Sheet::self, row.version, sheet).month;
    on(m, 16, 11);
    row = service::submit_sheet(app, demo.contractor, row.id, service::Sheet::self, row.version);
    // The site supervisor confirms the first deduction only.
    sheet.deductions.pop_back();
    on(m, 17, 9);
    row = service::save_sheet(app, demo.site_supervisor, row.id, service::Sheet::review, row.version, sheet).month;
    on(m, 17, 10);
    row = service::submit_sheet(app, demo.site_supervisor, row.id, service::Sheet::review, row.version);
  }
  // Every quarter but the last due month's is registered early in the next quarter.
  auto quarters = app.db->read([&](store::Connection& c) {
    return store::quarterly_of_declaration(c, domain::Scope::of(demo.authority), demo.declaration_id);
  });
  for (const auto& q : quarters) {
    if (q.quarter == domain::Quarter::of(last_due).to_string()) continue;
    auto next = domain::Quarter::parse(q.quarter)->last().next();
    on(next, 5, 10);
    service::RegistrationInput in{q.version, domain::format_date(domain::shanghai_date(app.clock.now())), "张建国、李文涛",
                                  "现场质量行为规范，实体质量受控；月度评价与现场情况基本相符。", domain::Grade::excellent};
    auto detail = service::register_quarter(app, demo.authority, q.id, in);
    (void)detail;
  }
  seed_rectifications(app, demo, *tmpl, now);
  app.clock = saved_clock;
  return demo.out;
}

}  // namespace qsm::cli
