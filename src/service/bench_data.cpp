// The benchmark data generator. The registry goes through the real import (checks and all); the
// workflows are written with the store's own statements, as the services would write them, but
// many declarations per transaction and without reading each record back.
#include "service/bench_data.hpp"

#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "crypto/password.hpp"
#include "crypto/secret.hpp"
#include "domain/checksum.hpp"
#include "domain/error.hpp"
#include "domain/grade.hpp"
#include "domain/period.hpp"
#include "domain/scoring/engine.hpp"
#include "domain/scoring/sheet_json.hpp"
#include "domain/workflow/declaration.hpp"
#include "domain/workflow/management.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "service/auth_service.hpp"
#include "service/monthly_service.hpp"
#include "service/quarterly_service.hpp"
#include "service/registry_service.hpp"
#include "service/site_login.hpp"
#include "store/audit.hpp"
#include "store/bench_store.hpp"
#include "store/declaration_store.hpp"
#include "store/identity_store.hpp"
#include "store/monthly_store.hpp"
#include "store/quarterly_store.hpp"
#include "store/template_store.hpp"
#include "util/embedded.hpp"
#include "domain/json_input.hpp"
#include "util/json.hpp"

namespace qsm::service {
namespace {

namespace scoring = domain::scoring;
namespace dm = domain::monthly;
using domain::YearMonth;

struct District {
  std::string_view code, name, region;  // region: the ID-card and credit-code area code
  double weight;                        // share of the city's projects
};
constexpr std::array<District, 16> kDistricts{{
    {"PD", "浦东新区", "310115", 3.0}, {"MH", "闵行区", "310112", 1.5}, {"JD", "嘉定区", "310114", 1.2},
    {"BS", "宝山区", "310113", 1.2},   {"SJ", "松江区", "310117", 1.2}, {"QP", "青浦区", "310118", 1.0},
    {"FX", "奉贤区", "310120", 1.0},   {"JS", "金山区", "310116", 0.7}, {"CM", "崇明区", "310151", 0.5},
    {"XH", "徐汇区", "310104", 0.8},   {"YP", "杨浦区", "310110", 0.7}, {"PT", "普陀区", "310107", 0.7},
    {"JA", "静安区", "310106", 0.6},   {"CN", "长宁区", "310105", 0.5}, {"HK", "虹口区", "310109", 0.5},
    {"HP", "黄浦区", "310101", 0.5},
}};
constexpr std::array<std::string_view, 20> kFirst{"申城", "浦江", "东方", "华东", "沪建", "明珠", "长江", "外滩", "金桥", "张江",
                                                  "滨江", "宏达", "中环", "新华", "海湾", "紫竹", "虹桥", "临港", "吴淞", "九峰"};
constexpr std::array<std::string_view, 15> kBuilder{"建设集团有限公司", "建工集团有限公司", "建筑工程有限公司", "土木工程有限公司",
                                                    "建设发展有限公司", "城建集团有限公司", "营造有限公司",     "建设工程有限公司",
                                                    "基础工程有限公司", "安装工程有限公司", "市政建设有限公司", "建筑安装有限公司",
                                                    "工程建设有限公司", "建设股份有限公司", "总承包有限公司"};
constexpr std::array<std::string_view, 5> kSupervisor{"工程监理有限公司", "建设监理有限公司", "工程咨询有限公司", "建设管理有限公司",
                                                      "项目管理有限公司"};
constexpr std::array<std::string_view, 24> kSurnames{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                                     "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋"};
constexpr std::array<std::string_view, 24> kGiven{"建国", "海波", "志强", "永明", "国华", "文杰", "晓东", "伟民",
                                                  "丽华", "俊杰", "红梅", "建华", "振宇", "春林", "立新", "雪芳",
                                                  "家豪", "明辉", "思远", "卫东", "秀英", "一鸣", "浩然", "静怡"};
constexpr std::array<std::string_view, 10> kPlaces{"新城", "中心", "滨江", "科技园", "北区", "南区", "东区", "西区", "商务区", "生态园"};
constexpr std::array<std::string_view, 10> kKinds{"住宅小区新建工程",   "商品住宅新建工程", "保障性住房新建工程", "办公楼新建工程",
                                                  "商业综合体新建工程", "学校新建工程",     "医院扩建工程",       "产业园区厂房新建工程",
                                                  "租赁住房新建工程",   "综合开发新建工程"};
constexpr std::array<std::string_view, 8> kRoads{"中山路", "人民路", "建设路", "世纪大道", "沪松公路", "江杨南路", "虹梅路", "浦星公路"};
constexpr std::array<std::string_view, 5> kStructures{"框架", "剪力墙", "框架-剪力墙", "钢结构", "框架-核心筒"};
constexpr std::array<std::string_view, 16> kProblems{
    "部分楼层临边防护栏杆高度不足 1.2 m",        "钢筋保护层垫块设置间距过大",          "模板支撑立杆底部未设置垫板",
    "砌体灰缝饱满度不足 80%",                    "混凝土试块留置数量不足",              "防水卷材搭接宽度不符合要求",
    "脚手架连墙件设置间距超过规定",              "施工用电未做到一机一闸一漏",          "隐蔽工程验收记录签字不全",
    "材料进场验收记录缺少复试报告",              "外墙保温板粘结面积不足",              "楼梯踏步高度偏差超过允许值",
    "预埋件位置偏差超过 10 mm",                  "施工日志记录不完整",                  "消防通道被材料堆放占用",
    "现场标养室温湿度记录缺失"};

std::string pad(std::int64_t v, int width) {
  std::string s = std::to_string(v);
  return s.size() >= static_cast<std::size_t>(width) ? s : std::string(static_cast<std::size_t>(width) - s.size(), '0') + s;
}

// A Shanghai wall-clock time on a day of a month.
domain::Instant at(YearMonth m, unsigned day, int hour, int minute = 0) {
  return domain::shanghai_time(m.day(day), std::chrono::hours(hour) + std::chrono::minutes(minute));
}
std::int64_t ms(domain::Instant t) { return domain::to_millis(t); }
constexpr std::int64_t kDay = 86'400'000;

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  int below(int n) { return static_cast<int>(engine_() % static_cast<std::uint64_t>(n)); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(engine_) < p; }
  // 0 ≤ result < n, skewed to small indexes (a few large groups hold many projects).
  int skewed(int n, double power) {
    double u = std::uniform_real_distribution<double>(0, 1)(engine_);
    return std::min(n - 1, static_cast<int>(n * std::pow(u, power)));
  }
  template <class A>
  const auto& of(const A& a) { return a[static_cast<std::size_t>(below(static_cast<int>(a.size())))]; }

 private:
  std::mt19937_64 engine_;
};

std::string with_check(std::string first17, std::optional<char> (*check)(std::string_view)) {
  auto c = check(first17);
  if (!c) throw std::logic_error("bench-data: no check character for " + first17);
  return first17 + *c;
}

struct Enterprise {
  std::string uscc, name;
};

// The registry file (SPEC §6) for n projects.
boost::json::object registry_file(int n, YearMonth first, Random& rnd) {
  boost::json::array authorities, enterprises, persons, projects, contracts;
  for (const auto& d : kDistricts)
    authorities.push_back({{"code", d.code}, {"name", std::string(d.name) + "建设工程质量监督站"}, {"district", d.name}});

  auto make_enterprises = [&](int count, bool builder, int offset) {
    std::vector<Enterprise> out;
    const std::size_t suffixes = builder ? kBuilder.size() : kSupervisor.size();
    for (int i = 0; i < count; ++i) {
      const auto& region = kDistricts[static_cast<std::size_t>(i) % kDistricts.size()].region;
      auto round = static_cast<std::size_t>(i) / (kFirst.size() * suffixes);
      std::string name = "上海" + std::string(kFirst[static_cast<std::size_t>(i) % kFirst.size()]) + (round ? std::to_string(round + 1) : "") +
                         std::string(builder ? kBuilder[(static_cast<std::size_t>(i) / kFirst.size()) % suffixes]
                                             : kSupervisor[(static_cast<std::size_t>(i) / kFirst.size()) % suffixes]);
      out.push_back({with_check("91" + std::string(region) + pad(13'000'000 + offset + i, 9), domain::uscc_check_char), name});
      enterprises.push_back({{"uscc", out.back().uscc}, {"name", name}, {"kind", builder ? "construction" : "supervision"}});
    }
    return out;
  };
  const auto builders = make_enterprises(std::max(6, n * 3 / 200), true, 0);
  const auto supervisors = make_enterprises(std::max(2, n / 200), false, 500'000);

  int person_no = 0;
  auto add_person = [&](const std::string& uscc) {
    const int i = person_no++;
    // Distinct (birth date, sequence) pairs: 1000 sequence numbers per date, dates 211 days apart modulo 30 years.
    std::chrono::sys_days birth = std::chrono::sys_days(std::chrono::year{1962} / 1 / 1) + std::chrono::days((i / 1000) * 211 % 10'950);
    std::chrono::year_month_day ymd(birth);
    std::string id = std::string(kDistricts[static_cast<std::size_t>(i) % kDistricts.size()].region) + pad(static_cast<int>(ymd.year()), 4) +
                     pad(static_cast<unsigned>(ymd.month()), 2) + pad(static_cast<unsigned>(ymd.day()), 2) + pad(i % 1000, 3);
    id = with_check(id, domain::id_number_check_char);
    persons.push_back({{"id_number", id},
                       {"name", std::string(rnd.of(kSurnames)) + std::string(rnd.of(kGiven))},
                       {"mobile", "13" + pad(100'000'000 + i, 9)},
                       {"enterprise_uscc", uscc}});
    return id;
  };

  std::array<int, kDistricts.size()> seq{};
  for (int i = 0; i < n; ++i) {
    // Districts by weight, deterministic: the i-th project goes to the district whose share is behind most.
    std::size_t k = 0;
    double worst = 1e18;
    for (std::size_t j = 0; j < kDistricts.size(); ++j) {
      double lag = (seq[j] + 1) / kDistricts[j].weight;
      if (lag < worst) worst = lag, k = j;
    }
    const auto& d = kDistricts[k];
    const int no = ++seq[k];
    std::string reg = std::string(d.code) + std::to_string(first.year) + "-" + pad(no, n > 40'000 ? 5 : 4);
    auto start = std::chrono::sys_days(first.day(1)) - std::chrono::days(20 + rnd.below(70));
    auto finish = start + std::chrono::days(700 + rnd.below(400));
    projects.push_back({{"registration_no", reg},
                        {"name", std::string(d.name) + std::string(rnd.of(kPlaces)) + std::to_string(no) + "号地块" + std::string(rnd.of(kKinds))},
                        {"address", "上海市" + std::string(d.name) + std::string(rnd.of(kRoads)) + std::to_string(100 + rnd.below(1900)) + "号"},
                        {"district", d.name},
                        {"authority_code", d.code},
                        {"structure_type", rnd.of(kStructures)},
                        {"floor_area", 5000 + rnd.below(145'000)},
                        {"planned_start", domain::format_date(start)},
                        {"planned_finish", domain::format_date(finish)}});
    const auto& builder = builders[static_cast<std::size_t>(rnd.skewed(static_cast<int>(builders.size()), 1.6))];
    const auto& supervisor = supervisors[static_cast<std::size_t>(rnd.skewed(static_cast<int>(supervisors.size()), 1.3))];
    contracts.push_back({{"report_no", "HT" + std::to_string(first.year) + "-" + pad(100'000 + 2 * i, 6)},
                         {"project_registration_no", reg},
                         {"kind", "general"},
                         {"enterprise_uscc", builder.uscc},
                         {"manager_id_number", add_person(builder.uscc)}});
    contracts.push_back({{"report_no", "HT" + std::to_string(first.year) + "-" + pad(100'001 + 2 * i, 6)},
                         {"project_registration_no", reg},
                         {"kind", "supervision"},
                         {"enterprise_uscc", supervisor.uscc},
                         {"manager_id_number", add_person(supervisor.uscc)}});
  }
  return {{"authorities", std::move(authorities)}, {"enterprises", std::move(enterprises)}, {"persons", std::move(persons)},
          {"projects", std::move(projects)},       {"contracts", std::move(contracts)}};
}

domain::Actor enterprise_actor(domain::Role role, std::int64_t id, const std::string& name, const std::string& uscc) {
  domain::Actor a;
  a.role = role;
  a.name = a.organisation = name;
  a.ref = "enterprise:" + uscc;
  a.enterprise_id = id;
  return a;
}

// Writes one project's declaration and, once accepted, its months and quarters.
class Writer {
 public:
  Writer(app::App& app, const scoring::Template& t, std::int64_t template_id, Random& rnd,
         const std::map<std::int64_t, domain::Actor>& authorities, BenchDataCounts& counts)
      : app_(app),
        t_(t),
        template_id_(template_id),
        now_ms_(ms(app.clock.now())),
        current_(YearMonth::of(app.clock.now())),
        rnd_(rnd),
        authorities_(authorities),
        counts_(counts) {
    for (const auto& item : t.check_items)
      for (const auto& sub : item.sub_items)
        for (const auto& clause : sub.clauses) clauses_.push_back({item.code, clause.code});
  }

  void declaration(store::Connection& c, const store::GenerationProject& p, int index) {
    namespace dd = domain::declaration;
    const auto builder = enterprise_actor(domain::Role::contractor, p.contractor_enterprise_id, p.contractor_name, p.contractor_uscc);
    const auto supervisor = enterprise_actor(domain::Role::supervisor, p.supervisor_enterprise_id, p.supervisor_name, p.supervisor_uscc);
    const auto& authority = authorities_.at(p.authority_id);
    // One project in twenty is still on its way to acceptance, in turn in each earlier state.
    const bool accepted = index % 20 != 0;
    const auto final_state = accepted ? dd::State::accepted : std::array{dd::State::draft, dd::State::submitted, dd::State::returned,
                                                                         dd::State::reviewed}[static_cast<std::size_t>(index / 20 % 4)];
    const YearMonth first = first_month();
    const auto accepted_at = at(first, 2 + static_cast<unsigned>(rnd_.below(8)), 9 + rnd_.below(8), rnd_.below(60));
    // The others were declared in the last month or so.
    std::int64_t t = accepted ? ms(accepted_at) - 16 * kDay : now_ms_ - (12 + rnd_.below(20)) * kDay;

    store::DeclarableProject dp{p.project_id, p.authority_id, p.contractor_enterprise_id, p.supervisor_enterprise_id, false};
    store::DeclarationFields f{rnd_.chance(0.4) ? "优良" : "合格", p.planned_start, p.planned_finish,
                               "框架-剪力墙结构，地上 " + std::to_string(6 + rnd_.below(30)) + " 层、地下 " + std::to_string(1 + rnd_.below(3)) + " 层。",
                               p.contractor_manager_id, p.supervision_manager_id};
    const auto id = store::insert_declaration(c, dp, f, t, std::string(dd::to_string(dd::State::draft)));
    ++counts_.declarations;
    audit(c, builder, t, "declaration", id, id, "create", std::optional<dd::State>{}, dd::State::draft);
    std::int64_t version = 1;
    auto step = [&](const domain::Actor& who, dd::Action action, dd::State from, dd::State to, std::int64_t when, store::StateChange change) {
      change.status = std::string(dd::to_string(to));
      check(store::update_declaration_state(c, id, version++, change, when));
      audit(c, who, when, "declaration", id, id, dd::to_string(action), std::optional{from}, to);
    };
    if (final_state == dd::State::draft) return;
    t += kDay;
    step(builder, dd::Action::submit, dd::State::draft, dd::State::submitted, t, {.submitted_at = t});
    if (final_state == dd::State::submitted) return;
    if (final_state == dd::State::returned) {
      t += 2 * kDay;
      step(supervisor, dd::Action::return_, dd::State::submitted, dd::State::returned, t,
           {.returned_by_role = "supervisor", .returned_by_name = p.supervisor_name, .returned_opinion = "请补充工程概况中的结构形式与层数",
            .returned_at = t});
      return;
    }
    t += 7 * kDay;
    step(supervisor, dd::Action::pass, dd::State::submitted, dd::State::reviewed, t, {});
    if (final_state == dd::State::reviewed) return;
    t = ms(accepted_at);
    step(authority, dd::Action::accept, dd::State::reviewed, dd::State::accepted, t,
         {.management_status = std::string(domain::management::to_string(domain::management::Status::active)), .accepted_at = t,
          .template_id = template_id_});
    ++counts_.accepted;
    months(c, id, builder, supervisor, authority, first);
  }

 private:
  // Every write hits the version it read back: a miss is a bug in the generator.
  static void check(bool written) {
    if (!written) throw std::logic_error("bench-data: a generated write did not apply");
  }

  YearMonth first_month() const {
    YearMonth m = current_;
    for (int i = 0; i < 12; ++i) m = m.prev();
    return m;
  }

  void audit(store::Connection& c, const domain::Actor& who, std::int64_t when, std::string entity, std::int64_t entity_id,
             std::int64_t declaration_id, std::string_view action, std::optional<std::string_view> from, std::optional<std::string_view> to,
             std::optional<std::string> note = std::nullopt) {
    store::append_audit(c, app_.audit_key,
                        {std::move(entity), entity_id, declaration_id, std::string(action),
                         from ? std::optional<std::string>(*from) : std::nullopt, to ? std::optional<std::string>(*to) : std::nullopt,
                         std::move(note)},
                        who, domain::from_millis(when));
  }
  template <class S>
  void audit(store::Connection& c, const domain::Actor& who, std::int64_t when, std::string entity, std::int64_t entity_id,
             std::int64_t declaration_id, std::string_view action, std::optional<S> from, S to, std::optional<std::string> note = std::nullopt) {
    audit(c, who, when, std::move(entity), entity_id, declaration_id, action,
          from ? std::optional<std::string_view>(to_string(*from)) : std::nullopt, std::optional<std::string_view>(to_string(to)),
          std::move(note));
  }

  // 3–8 deductions on distinct clauses outside the not-applicable item.
  scoring::SheetInput self_sheet(const std::string& not_applicable) {
    scoring::SheetInput in;
    if (!not_applicable.empty()) in.not_applicable.insert(not_applicable);
    std::set<std::size_t> chosen;
    const int want = 3 + rnd_.below(6);
    while (static_cast<int>(chosen.size()) < want) {
      auto k = static_cast<std::size_t>(rnd_.below(static_cast<int>(clauses_.size())));
      if (clauses_[k].first != not_applicable) chosen.insert(k);
    }
    for (auto k : chosen) in.deductions.push_back({clauses_[k].second, std::string(rnd_.of(kProblems))});
    return in;
  }
  // The supervisor keeps most of the contractor's findings, drops one now and then and adds its own.
  scoring::SheetInput review_sheet(const scoring::SheetInput& self, const std::string& not_applicable) {
    scoring::SheetInput in = self;
    if (in.deductions.size() > 3 && rnd_.chance(0.3)) in.deductions.erase(in.deductions.begin() + rnd_.below(static_cast<int>(in.deductions.size())));
    const int add = rnd_.chance(0.5) ? 1 + rnd_.below(2) : 0;
    for (int i = 0; i < add && in.deductions.size() < 8; ++i) {
      const auto& [item, clause] = clauses_[static_cast<std::size_t>(rnd_.below(static_cast<int>(clauses_.size())))];
      bool taken = item == not_applicable;
      for (const auto& d : in.deductions) taken = taken || d.clause == clause;
      if (!taken) in.deductions.push_back({clause, std::string(rnd_.of(kProblems))});
    }
    return in;
  }
  std::pair<store::SheetWrite, scoring::SheetResult> scored(const scoring::SheetInput& in, const scoring::History& history) {
    domain::Problems problems;
    auto r = scoring::evaluate(t_, in, history, problems);
    if (!problems.empty()) throw std::logic_error("bench-data: generated sheet rejected by the scoring engine");
    ++counts_.sheets;
    counts_.deductions += static_cast<int>(r.deductions.size());
    return {{json::serialize(scoring::to_json(in)), json::serialize(scoring::to_json(r)), r.score.hundredths()}, std::move(r)};
  }

  void months(store::Connection& c, std::int64_t declaration_id, const domain::Actor& builder, const domain::Actor& supervisor,
              const domain::Actor& authority, YearMonth first) {
    // Half the projects have one check item that does not apply to them.
    const std::string not_applicable = rnd_.chance(0.5) ? t_.check_items[static_cast<std::size_t>(rnd_.below(static_cast<int>(t_.check_items.size())))].code : "";
    scoring::History history;
    for (YearMonth m = first; m < current_; m = m.next()) {
      const bool latest = m.next() == current_;
      // The latest month is still in progress for some: 8 % a draft, 12 % awaiting review.
      const int roll = rnd_.below(100);
      const auto stop = !latest || roll >= 20 ? dm::State::filed : roll < 8 ? dm::State::draft : dm::State::submitted;
      const auto due = m.next();
      // Nothing happens later than an hour ago (early in a month the latest month has only just begun).
      auto when = [&](std::int64_t x) { return std::min(x, now_ms_ - 3'600'000); };
      std::int64_t t = when(ms(at(due, 1 + static_cast<unsigned>(rnd_.below(4)), 9 + rnd_.below(8), rnd_.below(60))));

      const auto self_in = self_sheet(not_applicable);
      auto [self, self_result] = scored(self_in, history);
      store::MonthlyRow row;
      row.declaration_id = declaration_id;
      row.period = m.to_string();
      row.id = store::insert_monthly(c, declaration_id, row.period, template_id_, self, t, std::string(dm::to_string(dm::State::draft)));
      ++counts_.months;
      audit(c, builder, t, "monthly_evaluation", row.id, declaration_id, "create", std::optional<dm::State>{}, dm::State::draft,
            "新增 " + row.period + " 月度评价");
      store::replace_deductions(c, row, dm::Sheet::self, self_result.deductions);
      if (stop == dm::State::draft) {
        audit(c, builder, t, "monthly_evaluation", row.id, declaration_id, "save_self", std::optional{dm::State::draft}, dm::State::draft,
              row.period + " 自评得分 " + self_result.score.to_string());
        continue;
      }
      t = when(t + kDay + rnd_.below(3) * kDay);
      check(store::submit_sheet(c, row.id, 1, dm::Sheet::self, std::string(dm::to_string(dm::State::submitted)), self, t));
      audit(c, builder, t, "monthly_evaluation", row.id, declaration_id, "submit", std::optional{dm::State::draft}, dm::State::submitted,
            row.period + " 自评得分 " + self_result.score.to_string());
      if (stop == dm::State::submitted) {
        for (const auto& d : self_result.deductions) ++history[d.clause];
        continue;
      }
      auto [review, review_result] = scored(review_sheet(self_in, not_applicable), history);
      t = when(t + kDay);
      check(store::update_review_sheet(c, row.id, 2, std::string(dm::to_string(dm::State::reviewed)), review, t));
      t = when(std::max(t + kDay, ms(at(due, 8 + static_cast<unsigned>(rnd_.below(6)), 14, rnd_.below(60)))));
      check(store::submit_sheet(c, row.id, 3, dm::Sheet::review, std::string(dm::to_string(dm::State::filed)), review, t));
      store::replace_deductions(c, row, dm::Sheet::review, review_result.deductions);
      audit(c, supervisor, t, "monthly_evaluation", row.id, declaration_id, "review_submit", std::optional{dm::State::reviewed},
            dm::State::filed, row.period + " 复核得分 " + review_result.score.to_string());
      quarter_month_filed(c, app_.audit_key, supervisor, domain::from_millis(t), declaration_id, row.period);
      for (const auto& d : review_result.deductions) ++history[d.clause];
    }
    register_quarters(c, declaration_id, authority, first);
  }

  // Every quarter that ended before last month is registered on the 20th-odd of the month after it.
  void register_quarters(store::Connection& c, std::int64_t declaration_id, const domain::Actor& authority, YearMonth first) {
    for (auto q = domain::Quarter::of(first); q.last() < current_.prev(); q = domain::Quarter::of(q.last().next())) {
      auto row = store::find_quarter_of(c, declaration_id, q.to_string());
      if (!row) continue;
      const auto months = store::months_between(c, declaration_id, q.first().to_string(), q.last().to_string());
      const auto filed = filed_months(months);
      if (!filed.score) continue;
      const auto when = ms(at(q.last().next(), 18 + static_cast<unsigned>(rnd_.below(8)), 10, rnd_.below(60)));
      const auto grade = domain::grade_of(*filed.score, app_.tuned().grades);
      store::RegistrationRecord record{domain::format_date(domain::shanghai_date(domain::from_millis(when - 3 * kDay))),
                                       "监督员" + std::string(rnd_.of(kSurnames)) + std::string(rnd_.of(kGiven)), "现场检查情况与月度评价基本一致。",
                                       std::string(domain::to_string(grade)), filed.score->hundredths(), filed.periods,
                                       authority.organisation, when};
      namespace dq = domain::quarterly;
      const store::Move quarter{std::string(dq::to_string(dq::State::pending)), std::string(dq::to_string(dq::State::registered))};
      const store::Move month{std::string(dm::to_string(dm::State::filed)), std::string(dm::to_string(dm::State::registered))};
      check(store::register_quarterly(c, *row, row->version, record, q.first().to_string(), q.last().to_string(), quarter, month));
      for (const auto& m : months)
        if (m.status == month.from)
          audit(c, authority, when, "monthly_evaluation", m.id, declaration_id, dm::to_string(dm::Action::register_), std::optional{dm::State::filed},
                dm::State::registered, row->quarter + " 季度评价监督信息登记");
      audit(c, authority, when, "quarterly_registration", row->id, declaration_id, "register", std::optional{domain::quarterly::State::pending},
            domain::quarterly::State::registered,
            row->quarter + " 季度得分 " + filed.score->to_string() + "，结论：" + std::string(domain::label(grade)) + "。");
      ++counts_.quarters_registered;
    }
  }

  app::App& app_;
  const scoring::Template& t_;
  std::int64_t template_id_;
  std::int64_t now_ms_;
  YearMonth current_;
  Random& rnd_;
  const std::map<std::int64_t, domain::Actor>& authorities_;
  BenchDataCounts& counts_;
  std::vector<std::pair<std::string, std::string>> clauses_;  // (check item, clause)
};

}  // namespace

BenchDataCounts generate_bench_data(app::App& app, const BenchDataOptions& o, const std::function<void(std::string_view)>& progress) {
  if (o.projects < 1 || o.projects > 200'000) throw Failure(Error::validation_failed, "--projects 应在 1 到 200000 之间");
  if (app.db->read([](store::Connection& c) { return store::declaration_count(c); }) > 0)
    throw Failure(Error::conflict, "数据库中已有申报数据；bench-data 需要一个新的数据库（换一个 --db）");

  Random rnd(o.seed);
  const auto current = YearMonth::of(app.clock.now());
  YearMonth first = current;
  for (int i = 0; i < 12; ++i) first = first.prev();
  BenchDataCounts counts;

  progress("登记数据：生成 " + std::to_string(o.projects) + " 个工程");
  auto imported = import_registry(app, registry_file(o.projects, first, rnd), o.by);
  counts.authorities = imported.authorities;
  counts.enterprises = imported.enterprises;
  counts.persons = imported.persons;
  counts.projects = imported.projects;
  counts.contracts = imported.contracts;
  auto loaded = load_template(app, json::parse_body(*embedded::find("SH-QS-1.json")), o.by);

  progress("监督机构账号：jdz_<区代码>");
  std::map<std::int64_t, domain::Actor> authorities;
  for (const auto& d : kDistricts) {
    const auto user = authority_username(d.code);
    add_user(app, user, domain::Role::authority, std::string(d.code), std::string(d.name) + "建设工程质量监督站", o.password, false);
    const auto actor = authority_actor(*app.db->read([&](store::Connection& c) { return store::find_account(c, user); }));
    authorities.emplace(actor.authority_id, actor);
  }

  const auto projects = app.db->read([](store::Connection& c) { return store::undeclared_projects(c); });
  const auto tmpl = app.db->read([&](store::Connection& c) { return app.templates->get(c, loaded.id); });
  Writer writer(app, *tmpl, loaded.id, rnd, authorities, counts);
  const std::size_t batch = static_cast<std::size_t>(std::max(1, o.batch));
  // One line each time another tenth of the declarations is written.
  const std::size_t tenth = std::max<std::size_t>(1, projects.size() / 10);
  for (std::size_t from = 0; from < projects.size(); from += batch) {
    const std::size_t to = std::min(projects.size(), from + batch);
    app.db->write([&](store::Connection& c) {
      for (std::size_t i = from; i < to; ++i) writer.declaration(c, projects[i], static_cast<int>(i));
    });
    if (to / tenth > from / tenth) progress("申报与评价：" + std::to_string(to) + " / " + std::to_string(projects.size()));
  }
  // The records linked into the audit chain, as a server that ran all along would have them: a
  // benchmark then measures the traffic, not the sealer catching up with a million records.
  for (bool more = true; more;)
    more = app.db->write([&](store::Connection& c) { return store::seal_audit(c, app.audit_key, app.clock.now(), 200'000).more; });
  progress("审计记录已全部入链");
  return counts;
}

BenchSessions bench_sessions(app::App& app, const BenchSessionsOptions& o) {
  BenchSessions out;
  // Read before the new drafts exist, so that the months to submit and the months to save differ.
  const auto drafts = app.db->read([&](store::Connection& c) { return store::bench_months(c, dm::to_string(dm::State::draft), o.drafts); });
  const auto submitted = app.db->read([&](store::Connection& c) { return store::bench_months(c, dm::to_string(dm::State::submitted), o.site); });
  std::map<std::int64_t, std::string> contractor_tokens;  // one certificate session per enterprise
  auto contractor = [&](std::int64_t enterprise_id) -> const std::string& {
    auto& token = contractor_tokens[enterprise_id];
    if (token.empty()) token = start_session(app, "contractor", "certificate", "127.0.0.1", std::nullopt, enterprise_id, std::nullopt).token;
    return token;
  };
  // The declaration's next month, created by its contractor's session; none when it may create none now.
  auto new_draft = [&](std::int64_t declaration_id, std::int64_t enterprise_id) -> std::optional<store::MonthlyRow> {
    const auto actor = authenticate(app, contractor(enterprise_id), "127.0.0.1")->actor;
    const auto months = declaration_months(app, actor, declaration_id);
    if (!months.next.period) return std::nullopt;
    return create_monthly(app, actor, declaration_id, months.next.period->to_string());
  };
  const auto declarations = app.db->read([&](store::Connection& c) { return store::declarations_of_distinct_contractors(c, o.contractors); });
  for (const auto& [declaration_id, enterprise_id] : declarations) {
    const auto month = new_draft(declaration_id, enterprise_id);
    if (!month) continue;
    out.sessions.push_back({contractor(enterprise_id), month->id, month->version, declaration_id});
    if (out.clauses.empty())
      for (const auto& item : template_of(app, *month)->check_items)
        for (const auto& sub : item.sub_items) out.clauses.push_back(sub.clauses.front().code);
  }
  for (const auto& m : drafts) out.drafts.push_back({contractor(m.contractor_enterprise_id), m.monthly_id, m.version, m.declaration_id});
  // More drafts than the data has: the next month of other declarations (from the last one back, as
  // the contractors' sessions took the first of each enterprise).
  if (static_cast<int>(out.drafts.size()) < o.drafts) {
    std::set<std::int64_t> taken;
    for (const auto& one : out.sessions) taken.insert(one.declaration_id);
    const auto more = app.db->read([&](store::Connection& c) { return store::accepted_declarations(c, 4 * o.drafts); });
    for (const auto& [declaration_id, enterprise_id] : more) {
      if (static_cast<int>(out.drafts.size()) >= o.drafts) break;
      if (taken.count(declaration_id)) continue;
      if (const auto month = new_draft(declaration_id, enterprise_id))
        out.drafts.push_back({contractor(enterprise_id), month->id, month->version, declaration_id});
    }
  }
  // A site user's session as the SMS login starts it, bound to the contract as the user's choice would.
  auto site_user = [&](const char* role, std::int64_t person_id, std::int64_t contract_id) {
    const auto token = start_session(app, role, "sms", "127.0.0.1", std::nullopt, std::nullopt, person_id).token;
    choose_contract(app, *authenticate(app, token, "127.0.0.1"), contract_id);
    return token;
  };
  // Inspectors: accounts of their own (an account keeps at most a few sessions), sharing one
  // password hash (they are never logged in by password), each with a session as that login starts it.
  if (o.inspectors > 0) {
    const auto hash = crypto::hash_password(crypto::random_hex(16));
    for (int n = 0; n < o.inspectors; ++n) {
      const auto& d = kDistricts[static_cast<std::size_t>(n) % kDistricts.size()];
      const auto username = authority_username(d.code) + "_" + std::to_string(n / static_cast<int>(kDistricts.size()) + 1);
      const auto id = add_user_hashed(app, username, domain::Role::authority, std::string(d.code), std::string(d.name) + "监督员", hash, false);
      out.inspectors.push_back({start_session(app, "authority", "password", "127.0.0.1", id, std::nullopt, std::nullopt).token, username, std::string(d.code)});
    }
  }
  for (const auto& m : submitted) {
    out.reviews.push_back({site_user("site_supervisor", m.supervision_manager_id, m.supervision_contract_id), m.monthly_id, m.version, m.declaration_id});
    out.site_contractors.push_back({site_user("site_contractor", m.general_manager_id, m.general_contract_id), m.monthly_id, m.version, m.declaration_id});
  }
  return out;
}

}  // namespace qsm::service
