// The administrative subcommands: migrate, import, template load, demo, user add.
#include "cli/commands.hpp"

#include "store/audit.hpp"
#include "store/copy.hpp"

#include <unistd.h>

#include "service/audit_service.hpp"
#include "service/admin_service.hpp"
#include "service/reminder_service.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "service/app.hpp"
#include "crypto/certificate.hpp"
#include "cli/demo_workflows.hpp"
#include "store/identity_store.hpp"
#include "domain/error.hpp"
#include "service/auth_service.hpp"
#include "service/bench_data.hpp"
#include "service/registry_service.hpp"
#include "store/migrate.hpp"
#include "util/embedded.hpp"
#include "domain/json_input.hpp"

namespace qsm::cli {
namespace {

domain::Actor cli_actor(std::string_view command) {
  domain::Actor a;
  a.role = domain::Role::admin;
  a.name = "命令行 (" + std::string(command) + ")";
  a.organisation = "系统管理";
  a.ref = "cli";
  return a;
}

boost::json::value read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("无法读取文件 " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return json::parse_body(buf.str());
}

// Prints every problem of a validation failure, one per line, and returns exit code 1.
int report(const Failure& f) {
  std::cerr << "错误：" << f.what() << "\n";
  if (auto* problems = f.details().if_contains("problems"))
    for (const auto& p : problems->as_array())
      std::cerr << "  " << p.at("path").as_string().c_str() << "  " << p.at("reason").as_string().c_str() << "\n";
  return 1;
}

}  // namespace

int migrate(const Common& c) {
  auto db = store::Database::open(c.db);
  int applied = store::migrate(*db);
  std::cout << "数据库 " << db->url_for_log() << "：应用了 " << applied << " 个迁移，当前版本 " << store::schema_version(*db) << "\n";
  return 0;
}

int import_registry(const Common& c, const std::string& file) {
  auto app = app::open_app(c.db, c.secret_file);
  try {
    auto n = service::import_registry(app, read_json_file(file), cli_actor("qsm import"));
    std::cout << "已导入：监督机构 " << n.authorities << "，企业 " << n.enterprises << "，人员 " << n.persons << "，工程 " << n.projects
              << "，合同 " << n.contracts << "\n";
    return 0;
  } catch (const Failure& f) {
    return report(f);
  }
}

int load_template(const Common& c, const std::string& file) {
  auto app = app::open_app(c.db, c.secret_file);
  try {
    auto t = service::load_template(app, read_json_file(file), cli_actor("qsm template load"));
    std::cout << (t.unchanged ? "评分标准已存在（内容相同）：" : "已导入评分标准：") << t.code << " 第 " << t.version << " 版，检查项目 "
              << t.check_items << "，分项 " << t.sub_items << "，条文 " << t.clauses << "\n";
    return 0;
  } catch (const Failure& f) {
    return report(f);
  }
}

int demo(const Common& c, bool quiet) {
  auto app = app::open_app(c.db, c.secret_file);
  auto actor = cli_actor("qsm demo");
  auto registry = json::parse_body(*embedded::find("registry.json"));
  auto counts = service::import_registry(app, registry, actor);
  auto t = service::load_template(app, json::parse_body(*embedded::find("SH-QS-1.json")), actor);
  // One MIS account per authority plus the three administrators (系统管理员, 安全管理员, 审计管理员),
  // all with the printed demo password, which a demo does not force to be changed.
  std::vector<std::pair<std::string, std::string>> accounts{{"admin", "系统管理员"}, {"secadmin", "安全管理员"}, {"auditor", "审计管理员"}};
  service::add_user(app, "admin", domain::Role::admin, "", "系统管理员", std::string(kDemoPassword), false);
  service::add_user(app, "secadmin", domain::Role::security_admin, "", "安全管理员", std::string(kDemoPassword), false);
  service::add_user(app, "auditor", domain::Role::auditor, "", "审计管理员", std::string(kDemoPassword), false);
  for (const auto& a : registry.at("authorities").as_array()) {
    std::string code(a.at("code").as_string());
    const auto user = service::authority_username(code);
    service::add_user(app, user, domain::Role::authority, code, std::string(a.at("name").as_string()), std::string(kDemoPassword), false);
    accounts.emplace_back(user, std::string(a.at("name").as_string()));
  }
  // Enterprise certificates for the certificate login, beside the database (data/certs by default).
  std::string certs_dir =
      (std::filesystem::path(c.secret_file.empty() ? app::default_secret_path(c.db) : c.secret_file).parent_path() / "certs").string();
  if (certs_dir == "/certs" || certs_dir.empty()) certs_dir = "certs";
  std::vector<crypto::DevCaEnterprise> enterprises;
  for (const auto& e : registry.at("enterprises").as_array())
    enterprises.push_back({std::string(e.at("uscc").as_string()), std::string(e.at("name").as_string())});
  auto ca = crypto::make_dev_ca(certs_dir, enterprises, c.server_names);
  auto seeded = seed_accepted_declaration(app, registry);
  auto evaluated = seed_evaluated_declaration(app, registry);
  auto managed = seed_managed_declaration(app, registry);
  if (quiet) return 0;
  std::cout << "演示数据已载入：工程 " << counts.projects << "，企业 " << counts.enterprises << "，人员 " << counts.persons << "，合同 "
            << counts.contracts << "；评分标准 " << t.code << " 第 " << t.version << " 版（" << t.clauses << " 条条文）\n";
  std::cout << "密码登录账号（监督机构登录页签），密码均为 " << kDemoPassword << "：\n";
  for (const auto& [user, name] : accounts) std::cout << "  " << user << "  " << name << "\n";
  std::cout << "企业数字证书登录（HTTPS，浏览器导入 .p12，导入密码 " << ca.p12_password << "；测试 CA 为 " << certs_dir << "/ca.pem）：\n";
  for (const auto& e : registry.at("enterprises").as_array())
    std::cout << "  " << certs_dir << "/clients/" << e.at("uscc").as_string().c_str() << ".p12  " << e.at("name").as_string().c_str() << "（"
              << (e.at("kind").as_string() == "construction" ? "施工企业用户" : "监理企业用户") << "）\n";
  // Site users: the managers of the first project's two contracts.
  const auto& persons = registry.at("persons").as_array();
  auto person_name = [&](std::string_view id) -> std::string {
    for (const auto& p : persons)
      if (p.at("id_number").as_string() == id) return std::string(p.at("name").as_string());
    return {};
  };
  std::cout << "现场用户登录（姓名 + 身份证号，动态密码用 qsm sms-outbox --purpose login --last 1 查看）：\n";
  int shown = 0;
  for (const auto& k : registry.at("contracts").as_array()) {
    if (shown == 2) break;
    std::string id(k.at("manager_id_number").as_string());
    bool general = k.at("kind").as_string() == "general";
    if ((shown == 0) != general) continue;
    std::cout << "  " << (general ? "施工总包项目负责人 " : "监理项目负责人 ") << person_name(id) << "  " << id << "\n";
    ++shown;
  }
  auto show = [](const std::string& what, const SeededDeclaration& d) {
    std::cout << what << d.registration_no << " " << d.project_name << "\n  施工总包项目负责人 " << d.contractor_manager << "  "
              << d.contractor_manager_id << "\n  监理项目负责人 " << d.supervision_manager << "  " << d.supervision_manager_id << "\n";
  };
  show("已受理的演示申报（可直接进行月度评价，自 " + seeded.accepted_month + " 起逐月评价）：", seeded);
  show("已评价至今的演示申报（自 " + evaluated.accepted_month + " 起各月已复核，最后一个季度待监督信息登记，之后可申请竣工评价；"
       "另有整改指令单三份：已销项、逾期未整改、待整改各一）：", evaluated);
  show("评价中的演示申报（可申请中止、恢复或终止，自 " + managed.accepted_month + " 起受理）：", managed);
  return 0;
}

int dev_ca(const Common& c, const std::string& out_dir, bool quiet) {
  auto db = store::Database::open(c.db);
  store::migrate(*db);
  auto enterprises = db->read([](store::Connection& conn) {
    std::vector<crypto::DevCaEnterprise> out;
    conn.run("SELECT uscc, name, kind FROM enterprises ORDER BY kind, uscc", {}, [&](store::Row& r) { out.push_back({r.text(0), r.text(1)}); });
    return out;
  });
  auto result = crypto::make_dev_ca(out_dir, enterprises, c.server_names);
  if (quiet) return 0;
  std::cout << "测试 CA：" << out_dir << "/ca.pem；服务器证书：" << out_dir << "/server.pem（localhost, 127.0.0.1";
  for (const auto& n : c.server_names) std::cout << ", " << n;
  std::cout << "）\n";
  std::cout << "企业客户端证书（" << enterprises.size() << " 个）：" << out_dir << "/clients/<统一社会信用代码>.pem/.key/.p12，.p12 导入密码 "
            << result.p12_password << "\n";
  return 0;
}

int sms_outbox(const Common& c, int last, const std::string& purpose) {
  auto db = store::Database::open(c.db);
  store::migrate(*db);
  auto rows = db->read([&](store::Connection& conn) { return store::last_outbox(conn, last, purpose); });
  for (const auto& r : rows)
    std::cout << domain::format_instant(domain::from_millis(r.created_at)) << '\t' << r.mobile << '\t' << r.text << '\n';
  return 0;
}

int remind(const Common& c, const std::string& date) {
  std::optional<domain::Date> day;
  if (!date.empty()) {
    day = domain::parse_date(date);
    if (!day) {
      std::cerr << "错误：--date 应为 YYYY-MM-DD\n";
      return 1;
    }
  }
  auto app = app::open_app(c.db, c.secret_file);
  service::refresh_tunables(app);  // the deadlines of 参数设置, as the servers use them
  auto run = service::send_reminders(app, "qsm remind " + std::to_string(::getpid()), day, "命令行（qsm remind）");
  if (!run.ran)
    std::cout << "当天的提醒已由其他进程发送或正在发送\n";
  else
    std::cout << "已发送逾期提醒 " << run.sent << " 条" << (run.failed ? "，失败 " + std::to_string(run.failed) + " 条（下次重试）" : "") << "\n";
  return run.failed ? 1 : 0;
}

int audit_verify(const Common& c, const std::vector<std::string>& checkpoint_files) {
  // Read only: the database opened without migrating it (SQLite read-only), the secret never created.
  auto db = store::Database::open(c.db, {.pool_size = 1, .read_only = true});
  const auto version = store::schema_version_read_only(*db);
  if (version < store::kKeyedAuditSchema) {
    std::cout << "数据库结构版本 " << version << " 早于带密钥的审计链（" << fmt::format("V{:03}", store::kKeyedAuditSchema)
              << "）：请先用本版本的 qsm 运行 qsm migrate 并启动一次 qsm serve\n";
    return 1;
  }
  const store::AuditKey key(crypto::Secret::load(c.secret_file.empty() ? app::default_secret_path(c.db) : c.secret_file));
  const auto report = service::verify_audit(*db, key, checkpoint_files);
  const auto& v = report.verdict;
  const auto checkpoints = checkpoint_files.empty() ? std::string() : "；检查点 " + std::to_string(report.checkpoints) + " 个";
  if (v.ok()) {
    std::cout << "审计链完整：共 " << v.linked + v.pending << " 条记录，已入链 " << v.linked << " 条（MAC 与链接逐条相符），待入链 " << v.pending
              << " 条（MAC 相符，由运行中的服务器稍后入链）" << checkpoints << (checkpoint_files.empty() ? "" : "，所记的记录都在链中") << "\n";
    return 0;
  }
  std::cout << "审计链有问题，共 " << v.problem_count << " 处：\n";
  for (const auto& p : v.problems) {
    std::cout << "  ";
    if (p.id) std::cout << "记录 #" << p.id << (p.seq ? "（链中第 " + std::to_string(p.seq) + " 条）" : std::string("（未入链）")) << "：";
    std::cout << p.reason << "\n";
  }
  if (v.problem_count > static_cast<std::int64_t>(v.problems.size()))
    std::cout << "  ……另有 " << v.problem_count - static_cast<std::int64_t>(v.problems.size()) << " 处未列出\n";
  std::cout << "已入链 " << v.linked << " 条，待入链 " << v.pending << " 条" << checkpoints << "\n";
  return 1;
}

int copy(const std::string& from, const std::string& to) {
  if (from == to) throw std::runtime_error("--from 与 --to 是同一个数据库");
  auto source = store::Database::open(from);
  auto target = store::Database::open(to);
  store::migrate(*source);
  store::migrate(*target);
  std::cout << "从 " << source->url_for_log() << " 复制到 " << target->url_for_log() << "（一个事务，核对一致才提交）\n";
  std::int64_t rows = 0;
  auto copied = store::copy_database(*source, *target, [&](const store::TableCopy& t) {
    if (t.table == store::copied_tables().front())
      std::cout << std::left << std::setw(32) << "表" << std::right << std::setw(10) << "行数" << "  校验和（SHA-256）\n";
    std::cout << std::left << std::setw(30) << t.table << std::right << std::setw(10) << t.rows << "  " << t.checksum << std::endl;
    rows += t.rows;
  });
  std::cout << "复制完成：" << copied.size() << " 张表，共 " << rows << " 行，源与目标逐表行数和校验和一致。\n"
            << "身份证号的哈希和审计记录的 MAC 以服务器密钥计算：在新数据库上运行的每个 qsm serve 和 qsm audit verify 都须使用原来的密钥文件（--secret-file）。\n";
  return 0;
}

int bench_data(const Common& c, int projects, std::uint64_t seed) {
  auto app = app::open_app(c.db, c.secret_file);
  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  service::BenchDataOptions o;
  o.projects = projects;
  o.seed = seed;
  o.password = std::string(kDemoPassword);
  o.by = cli_actor("qsm bench-data");
  auto n = service::generate_bench_data(app, o, [&](std::string_view line) {
    std::cerr << std::fixed << std::setprecision(1) << seconds() << " s  " << line << std::endl;
  });
  std::cout << "性能测试数据已生成（" << std::fixed << std::setprecision(1) << seconds() << " s）：监督机构 " << n.authorities << "，企业 "
            << n.enterprises << "，人员 " << n.persons << "，工程 " << n.projects << "，合同 " << n.contracts << "；申报 " << n.declarations
            << "（已受理 " << n.accepted << "），月度评价 " << n.months << "，打分表 " << n.sheets << "，扣分 " << n.deductions
            << "，季度登记 " << n.quarters_registered << "\n";
  std::cout << "监督机构账号 jdz_<区代码>（如 jdz_pd 浦东新区），密码均为 " << kDemoPassword << "\n";
  return 0;
}

int bench_sessions(const Common& c, const service::BenchSessionsOptions& o) {
  auto app = app::open_app(c.db, c.secret_file);
  auto s = service::bench_sessions(app, o);
  auto list = [](const std::vector<service::BenchSessions::One>& ones) {
    boost::json::array a;
    for (const auto& one : ones)
      a.push_back({{"token", one.token}, {"monthly_id", one.monthly_id}, {"version", one.version}, {"declaration_id", one.declaration_id}});
    return a;
  };
  boost::json::array clauses;
  for (const auto& code : s.clauses) clauses.push_back(boost::json::string(code));
  boost::json::array inspectors;
  for (const auto& one : s.inspectors) inspectors.push_back({{"token", one.token}, {"username", one.username}, {"district", one.district}});
  std::cout << boost::json::serialize(boost::json::object{{"sessions", list(s.sessions)},
                                                          {"drafts", list(s.drafts)},
                                                          {"reviews", list(s.reviews)},
                                                          {"site_contractors", list(s.site_contractors)},
                                                          {"clauses", std::move(clauses)},
                                                          {"inspectors", std::move(inspectors)}})
            << "\n";
  return 0;
}

int user_add(const Common& c, const std::string& username, const std::string& role, const std::string& authority,
             const std::string& display_name) {
  auto parsed = domain::role_from(role);
  if (!parsed) {
    std::cerr << "错误：--role 应为 authority、admin、security_admin 或 auditor\n";
    return 1;
  }
  std::string password;
  std::getline(std::cin, password);
  auto app = app::open_app(c.db, c.secret_file);
  try {
    service::add_user(app, username, *parsed, authority, display_name, password);
  } catch (const Failure& f) {
    return report(f);
  }
  std::cout << "账号 " << username << " 已保存；首次登录时须修改此初始密码\n";
  return 0;
}

}  // namespace qsm::cli
