// qsm: one binary for the server and every administrative command (SPEC §5).
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"
#include "domain/error.hpp"
#include "image/photo.hpp"
#include "service/bench_data.hpp"
#include "store/db.hpp"

int main(int argc, char** argv) {
  using namespace qsm::cli;
  // libvips (photos) starts before any thread of ours: it owns a thread pool and a font cache.
  qsm::image::init(argv[0]);
  CLI::App app{"qsm — 建筑工程施工质量标准化管理平台"};
  app.require_subcommand(1);
  // --db and --secret-file may come before or after the subcommand (qsm demo --db …).
  app.fallthrough();
  Common common;
  app.add_option("--db", common.db, "数据库：sqlite:PATH（默认 sqlite:data/qsm.db）或 postgresql://…")->envname("QSM_DB");
  app.add_option("--secret-file", common.secret_file, "服务器密钥文件（默认与 SQLite 文件同目录的 .secret）")->envname("QSM_SECRET_FILE");

  ServeOptions serve_opts;
  auto* serve_cmd = app.add_subcommand("serve", "迁移数据库后提供 API 与网页界面");
  serve_cmd->add_option("--listen", serve_opts.listen, "HTTP 监听地址 HOST:PORT（空字符串表示不监听）");
  serve_cmd->add_option("--tls-listen", serve_opts.tls_listen, "HTTPS 监听地址 HOST:PORT");
  serve_cmd->add_option("--tls-cert", serve_opts.tls_cert, "服务器证书 PEM");
  serve_cmd->add_option("--tls-key", serve_opts.tls_key, "服务器私钥 PEM");
  serve_cmd->add_option("--client-ca", serve_opts.client_ca, "企业数字证书的 CA（PEM）");
  serve_cmd->add_option("--certificate-field", serve_opts.certificate_field, "证书主题中携带统一社会信用代码的字段");
  serve_cmd->add_option("--trusted-proxy", serve_opts.trusted_proxies, "可信反向代理地址（CIDR，可多次）");
  serve_cmd->add_option("--proxy-cert-header", serve_opts.proxy_cert_header, "可信代理转发证书所用的请求头（nginx $ssl_client_escaped_cert）");
  serve_cmd->add_option("--sms-gateway", serve_opts.sms_gateway, "短信网关：outbox（默认，存入发件箱）或 http")
      ->check(CLI::IsMember({"outbox", "http"}));
  serve_cmd->add_option("--sms-url", serve_opts.sms_url, "http 短信网关地址（POST JSON {mobile, text, purpose}）");
  serve_cmd->add_option("--web-root", serve_opts.web_root, "网页界面目录（默认 web/dist）");
  serve_cmd->add_option("--workers", serve_opts.workers, "处理请求的工作线程数（默认 CPU 核数）");
  serve_cmd->add_option("--io-threads", serve_opts.io_threads, "网络 I/O 线程数（默认 1；解析请求、发送答复和缓存命中在这些线程上，处理请求在 --workers 上）")
      ->check(CLI::Range(1, 64));
  serve_cmd->add_option("--heavy-workers", serve_opts.heavy_workers, "密码校验、PDF 与 Excel 专用线程数（默认 --workers 的一半，至少 1），使登录高峰不拖慢查询")
      ->check(CLI::Range(0, 64));
  serve_cmd->add_option("--max-connections-per-address", serve_opts.max_connections_per_address,
                        "同一客户端地址最多同时打开的连接数（默认 64；可信代理不受此限）")
      ->check(CLI::Range(1, 100000));
  serve_cmd->add_flag("--http-redirect", serve_opts.http_redirect,
                      "HTTP 端口只把浏览器转到 HTTPS 端口（308），HTTPS 答复带 Strict-Transport-Security；需要 --tls-listen");
  serve_cmd->add_option("--reminder-time", serve_opts.reminder_time, "每日逾期提醒短信的发送时间（上海时间 HH:MM，默认 09:00；off 关闭）");
  serve_cmd->add_option("--submit-deadline-day", serve_opts.submit_deadline_day, "月度自评须在次月该日（含）前提交，否则逾期（默认 10）");
  serve_cmd->add_option("--review-deadline-day", serve_opts.review_deadline_day, "月度复核须在次月该日（含）前提交，否则逾期（默认 15；自评晚交时为提交后 5 日）");
  serve_cmd->add_option("--agreement-threshold", serve_opts.agreement_threshold, "抽查比对：平均符合率低于该百分比的企业被标出（默认 80）");
  serve_cmd->add_option("--export-row-limit", serve_opts.export_row_limit, "一次 Excel 导出的行数上限（默认 100000；超出时提示缩小查询条件）")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  serve_cmd->add_option("--public-url", serve_opts.public_url,
                        "打印文件二维码核验地址的前缀，例如 https://qsm.example.gov.cn（默认取打印请求的协议与主机名）");
  serve_cmd->add_option("--grade-excellent", serve_opts.grade_excellent, "建议等级“优良”的最低得分（默认 80）");
  serve_cmd->add_option("--grade-qualified", serve_opts.grade_qualified, "建议等级“合格”的最低得分（默认 70）");
  serve_cmd->add_option("--db-pool", serve_opts.db_pool, "每个服务器进程的数据库连接池上限（默认 8；PostgreSQL 的 max_connections 须容纳 进程数 × 该值）")
      ->check(CLI::Range(1, 200));
  serve_cmd->add_option("--sqlite-synchronous", serve_opts.sqlite_synchronous,
                        "SQLite 落盘方式：normal（默认，进程崩溃不丢已确认的写入）或 full（断电也不丢，每次提交多一次 fsync）")
      ->check(CLI::IsMember({"normal", "full"}));
  serve_cmd->add_option("--sqlite-statement-pages", serve_opts.sqlite_statement_pages,
                        "测量用：统计每条 SQLite 语句的执行次数与读取的页数，停止服务时写入该文件（默认不统计）");
  serve_cmd->add_option("--response-cache", serve_opts.response_cache, "按会话缓存 GET 答复（仅 SQLite；默认 off。真实访问混合下命中约 11%，无收益，见 docs/decisions.md）");
  serve_cmd->add_option("--second-factor", serve_opts.second_factor,
                        "监督机构和管理员账号的第二重验证（动态口令）：required（默认，未绑定者登录后须先绑定）或 optional（已绑定者才验证）")
      ->check(CLI::IsMember({"required", "optional"}));
  serve_cmd->add_option("--password-max-age-days", serve_opts.password_max_age_days, "密码有效天数，到期须修改（默认 90，到期前 7 天提醒；0 为不过期）")
      ->check(CLI::Range(0, 3650));
  serve_cmd->add_option("--max-sessions-per-account", serve_opts.max_sessions_per_account, "同一账号最多同时保持的会话数，超出时结束最早的（默认 3）")
      ->check(CLI::Range(1, 100));
  serve_cmd->add_option("--log-retention-days", serve_opts.log_retention_days,
                        "登录日志保存天数（默认 365，不少于 180；审计记录永久保存，应用从不删除）")
      ->check(CLI::Range(180, 36500));
  serve_cmd->add_option("--audit-checkpoints", serve_opts.audit_checkpoints,
                        "审计检查点文件（只追加；默认与密钥文件同目录的 .audit-checkpoints）：链头的签名记录，用于发现数据库中被删除的末尾记录")
      ->envname("QSM_AUDIT_CHECKPOINTS");
  serve_cmd->add_option("--audit-checkpoint-interval", serve_opts.audit_checkpoint_interval, "写审计检查点的间隔秒数（默认 60，1–60）")
      ->check(CLI::Range(1, 60));

  app.add_subcommand("migrate", "应用数据库迁移");
  std::string import_file;
  auto* import_cmd = app.add_subcommand("import", "导入登记数据 JSON（SPEC §6）");
  import_cmd->add_option("FILE", import_file)->required();
  auto* template_cmd = app.add_subcommand("template", "评分标准");
  template_cmd->require_subcommand(1);
  std::string template_file;
  auto* template_load = template_cmd->add_subcommand("load", "导入评分标准 JSON");
  template_load->add_option("FILE", template_file)->required();
  bool quiet = false;
  auto* demo_cmd = app.add_subcommand("demo", "载入演示数据：登记数据、评分标准、各角色账号");
  demo_cmd->add_flag("--quiet", quiet, "不打印登录说明");
  demo_cmd->add_option("--server-name", common.server_names, "服务器证书另加的主机名或 IP（可重复；如本机局域网地址，供同一网络的手机访问）");
  std::string ca_dir;
  auto* dev_ca_cmd = app.add_subcommand("dev-ca", "生成开发测试用 CA、服务器证书和每个企业的客户端证书");
  dev_ca_cmd->add_option("--out", ca_dir, "输出目录")->required();
  dev_ca_cmd->add_option("--server-name", common.server_names, "服务器证书另加的主机名或 IP（可重复）");
  int outbox_last = 10;
  std::string remind_date;
  auto* audit_cmd = app.add_subcommand("audit", "审计记录");
  audit_cmd->require_subcommand(1);
  auto* audit_verify_cmd =
      audit_cmd->add_subcommand("verify", "校验审计链（只读）：逐条核对 MAC 与链接，指出被改动、伪造或删除的记录；退出码非零表示有问题");
  std::vector<std::string> audit_checkpoint_files;
  audit_verify_cmd->add_option("--checkpoints", audit_checkpoint_files, "服务器写下的审计检查点文件（可多次；服务器日志也可）：核对检查点所记的记录仍在链中");
  std::string copy_from, copy_to;
  auto* copy_cmd = app.add_subcommand("copy", "把整个安装（全部表）复制到新建的空数据库，例如从 SQLite 迁到 PostgreSQL；逐表核对行数和校验和");
  copy_cmd->add_option("--from", copy_from, "源数据库：sqlite:PATH 或 postgresql://…")->required();
  copy_cmd->add_option("--to", copy_to, "目标数据库（须为空）：postgresql://… 或 sqlite:PATH")->required();
  auto* remind_cmd = app.add_subcommand("remind", "立即发送今天（或 --date 当天）的逾期提醒短信（每项每天一条，可重复执行）");
  remind_cmd->add_option("--date", remind_date, "日期 YYYY-MM-DD（默认今天，上海时间）");
  auto* outbox_cmd = app.add_subcommand("sms-outbox", "显示发件箱网关中的短信");
  outbox_cmd->add_option("--last", outbox_last, "显示最近 N 条（默认 10）")->check(CLI::Range(1, 10000));
  std::string outbox_purpose;
  outbox_cmd->add_option("--purpose", outbox_purpose, "只显示 login（动态密码）或 reminder（逾期提醒）")->check(CLI::IsMember({"login", "reminder"}));
  int bench_projects = 20'000;
  std::uint64_t bench_seed = 1;
  qsm::service::BenchSessionsOptions bench_session_options;
  auto* bench_sessions_cmd = app.add_subcommand(
      "bench-sessions", "写入性能测试用：为若干施工企业各开一个会话并新建一个草稿月度评价，以 JSON 输出（bench/mix/saves.mjs、bench/mix/run.sh 读取）");
  bench_sessions_cmd->add_option("--count", bench_session_options.contractors, "新建草稿的施工企业会话数（默认 32）")->check(CLI::Range(1, 1000));
  bench_sessions_cmd->add_option("--drafts", bench_session_options.drafts, "供提交的草稿月度评价个数：先取已有的，不足时为其他申报新建（默认 0）")->check(CLI::Range(0, 100'000));
  bench_sessions_cmd->add_option("--inspectors", bench_session_options.inspectors, "新建监督员账号（jdz_<区代码>_<n>，各区轮流）并各开一个会话的个数（默认 0）")->check(CLI::Range(0, 10'000));
  bench_sessions_cmd->add_option("--site", bench_session_options.site, "已提交月度评价（各开监理现场用户与项目部会话）的个数上限（默认 0）")->check(CLI::Range(0, 10'000));
  auto* bench_cmd = app.add_subcommand("bench-data", "生成性能测试用的全市规模数据（新数据库）：登记数据、申报、12 个月的评价、季度登记");
  bench_cmd->add_option("--projects", bench_projects, "工程数（默认 20000）")->check(CLI::Range(1, 200'000));
  bench_cmd->add_option("--seed", bench_seed, "随机种子（默认 1，同一种子生成相同数据）");
  auto* user_cmd = app.add_subcommand("user", "账号管理");
  user_cmd->require_subcommand(1);
  std::string username, role, authority, display_name;
  auto* user_add_cmd = user_cmd->add_subcommand("add", "新增或重置监督机构/管理员账号（密码从标准输入读取）");
  user_add_cmd->add_option("USERNAME", username)->required();
  user_add_cmd->add_option("--role", role, "authority、admin（系统管理员）、security_admin（安全管理员）或 auditor（审计管理员）")->required();
  user_add_cmd->add_option("--authority", authority, "监督机构编码（role=authority 时必填）");
  user_add_cmd->add_option("--name", display_name, "显示名称");

  CLI11_PARSE(app, argc, argv);
  // Logs go to stderr; stdout carries only what a command reports (e.g. "listening on …").
  spdlog::set_default_logger(spdlog::stderr_color_mt("qsm"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  try {
    if (serve_cmd->parsed()) return serve(common, serve_opts);
    if (app.got_subcommand("migrate")) return migrate(common);
    if (import_cmd->parsed()) return import_registry(common, import_file);
    if (template_load->parsed()) return load_template(common, template_file);
    if (demo_cmd->parsed()) return demo(common, quiet);
    if (dev_ca_cmd->parsed()) return dev_ca(common, ca_dir, false);
    if (outbox_cmd->parsed()) return sms_outbox(common, outbox_last, outbox_purpose);
    if (remind_cmd->parsed()) return remind(common, remind_date);
    if (audit_verify_cmd->parsed()) return audit_verify(common, audit_checkpoint_files);
    if (copy_cmd->parsed()) return copy(copy_from, copy_to);
    if (bench_cmd->parsed()) return bench_data(common, bench_projects, bench_seed);
    if (bench_sessions_cmd->parsed()) return bench_sessions(common, bench_session_options);
    if (user_add_cmd->parsed()) return user_add(common, username, role, authority, display_name);
  } catch (const qsm::Failure& f) {
    std::cerr << "错误：" << f.what() << "\n";
    return 1;
  } catch (const qsm::store::DbError& e) {
    std::cerr << "数据库错误：" << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "错误：" << e.what() << "\n";
    return 2;
  }
  return 0;
}
