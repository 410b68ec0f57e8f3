// The administrative subcommands: migrate, import, template load, demo, user add.
#include "cli/commands.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.hpp"
#include "domain/error.hpp"
#include "service/auth_service.hpp"
#include "service/registry_service.hpp"
#include "store/migrate.hpp"
#include "util/embedded.hpp"
#include "util/json.hpp"

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
  // One MIS account per authority plus the administrator, all with the printed demo password.
  service::add_user(app, "admin", domain::Role::admin, "", "系统管理员", std::string(kDemoPassword));
  std::vector<std::pair<std::string, std::string>> accounts{{"admin", "系统管理员"}};
  for (const auto& a : registry.at("authorities").as_array()) {
    std::string code(a.at("code").as_string());
    std::string user = "jdz_";
    for (char ch : code) user += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    service::add_user(app, user, domain::Role::authority, code, std::string(a.at("name").as_string()), std::string(kDemoPassword));
    accounts.emplace_back(user, std::string(a.at("name").as_string()));
  }
  if (quiet) return 0;
  std::cout << "演示数据已载入：工程 " << counts.projects << "，企业 " << counts.enterprises << "，人员 " << counts.persons << "，合同 "
            << counts.contracts << "；评分标准 " << t.code << " 第 " << t.version << " 版（" << t.clauses << " 条条文）\n";
  std::cout << "密码登录账号（监督机构登录页签），密码均为 " << kDemoPassword << "：\n";
  for (const auto& [user, name] : accounts) std::cout << "  " << user << "  " << name << "\n";
  return 0;
}

int user_add(const Common& c, const std::string& username, const std::string& role, const std::string& authority,
             const std::string& display_name) {
  auto parsed = domain::role_from(role);
  if (!parsed) {
    std::cerr << "错误：--role 应为 authority 或 admin\n";
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
  std::cout << "账号 " << username << " 已保存\n";
  return 0;
}

}  // namespace qsm::cli
