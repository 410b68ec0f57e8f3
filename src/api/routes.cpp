// The route table: the whole API surface on one screen, each route with its permission.
#include "api/handlers.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/declaration.hpp"
#include "domain/workflow/management.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/quarterly.hpp"
#include "domain/workflow/rectification.hpp"
#include "domain/spot_check.hpp"
#include "image/photo.hpp"

namespace qsm::api {

using domain::Permission;

namespace {
constexpr std::size_t kRegistryBody = 64u << 20;  // a whole district's registry in one file
// Longer than the slowest path through a refused login (an argon2id verification and its writes), so
// an unknown name and a known one are refused after the same time; a code request (whose answer is
// the same whether the person exists or not) always takes it.
constexpr std::chrono::milliseconds kLoginLatency{300};

// A route whose work is CPU-heavy (see Route::heavy).
constexpr Route heavy(Route r) {
  r.heavy = true;
  return r;
}
// A workflow action's route: its permission is the action's in the workflow's spec, and only the roles
// the spec lets take the action get past 403 (before the body is read).
template <class State, class Action>
constexpr Route acts(Route r, const domain::workflow::Spec<State, Action>& spec, Action action) {
  r.permission = spec.action(action).permission;
  r.actors = spec.actors(action);
  r.workflow = spec.m.entity;
  r.action = spec.code(action);
  return r;
}
namespace decl = domain::declaration;
namespace month = domain::monthly;
namespace done = domain::completion;
namespace mgmt = domain::management;
namespace rect = domain::rectification;

// A route only the given roles get past (403 before the body is read), narrower than its permission.
constexpr Route only(Route r, std::uint32_t roles) {
  r.actors = roles;
  return r;
}
constexpr std::uint32_t kRectificationPhotographers =
    domain::bit(domain::Role::authority) | domain::bit(domain::Role::contractor) | domain::bit(domain::Role::site_contractor);

// A photo upload: the body is the image itself, up to image::kMaxBytes, decoded on the heavy pool.
constexpr Route photo_upload(Route r) {
  r.max_body = image::kMaxBytes;
  r.image_body = true;
  r.too_large = "照片不能超过 20 MB，请压缩或换一张后再上传";
  r.heavy = true;
  return r;
}

// The registry as an .xlsx workbook (issue 27): the file itself as the body, read on the heavy pool.
constexpr Route workbook_upload(Route r) {
  r.max_body = kRegistryBody;
  r.file_body = kXlsxType;
  r.heavy = true;
  return r;
}

// A login: refusals no sooner than kLoginLatency (a code request: every answer).
constexpr Route login(Route r, bool every_answer = false) {
  r.min_latency = kLoginLatency;
  r.slow_success = every_answer;
  return r;
}

const Route kRoutes[] = {
    {"GET", "/api/health", system::health, Permission::open, "健康检查"},
    {"GET", "/api/openapi.json", system::openapi, Permission::open, "接口描述（OpenAPI 3）"},
    {"GET", "/api/dictionary", system::dictionary, Permission::open, "数据字典：各流程的状态（名称、标签颜色）、操作与角色，角色名称、等级、逾期类型、待办类型（来自流程定义）"},
    {"GET", "/metrics", system::metrics, Permission::open, "Prometheus 指标"},
    {"GET", "/verify/{code}", verify::page, Permission::open, "打印文件核验页（公开，二维码打开；显示文件编号、工程、记录当前状态与 PDF 的 SHA-256）"},
    {"GET", "/api/verify/{code}", verify::json, Permission::open, "打印文件核验（JSON，公开）"},

    heavy(login({"POST", "/api/auth/password", auth::password_login, Permission::open, "监督机构/管理员密码登录"})),
    {"POST", "/api/auth/certificate", auth::certificate_login, Permission::open, "企业数字证书登录"},
    login({"POST", "/api/auth/sms-code", auth::sms_code, Permission::open, "现场用户获取动态密码"}, true),
    login({"POST", "/api/auth/sms-login", auth::sms_login, Permission::open, "现场用户动态密码登录"}),
    {"GET", "/api/auth/contracts", auth::contracts, Permission::session, "现场用户可选的合同（可按合同信息报编号查询）"},
    {"POST", "/api/auth/contract", auth::choose_contract, Permission::session, "现场用户选择合同"},
    {"POST", "/api/auth/logout", auth::logout, Permission::session, "退出登录"},
    {"GET", "/api/me", auth::me, Permission::session, "当前用户、角色、所属单位与 CSRF 令牌"},
    heavy({"POST", "/api/auth/password/change", auth::change_password, Permission::password_change, "修改密码"}),
    {"POST", "/api/auth/second-factor", accounts::verify_second_factor, Permission::second_factor_verify, "登录第二重验证（动态口令或恢复码）"},
    {"POST", "/api/account/second-factor/enrol", accounts::enrol, Permission::second_factor_manage, "绑定动态口令：获取密钥和二维码"},
    {"POST", "/api/account/second-factor/confirm", accounts::confirm, Permission::second_factor_manage, "绑定动态口令：确认并生成恢复码"},
    {"GET", "/api/admin/accounts", accounts::list, Permission::account_list, "账号列表（安全状态）"},
    {"POST", "/api/admin/accounts/{id}/unlock", accounts::unlock, Permission::account_security, "解除账号锁定"},
    {"POST", "/api/admin/accounts/{id}/second-factor/reset", accounts::reset_second_factor, Permission::account_security, "重置账号的动态口令"},
    {"POST", "/api/admin/accounts/{id}/sessions/revoke", accounts::end_sessions, Permission::account_security, "结束账号的全部会话"},
    heavy({"POST", "/api/admin/accounts/{id}/password/reset", accounts::reset_password, Permission::account_password, "重置账号密码（下次登录须修改）"}),
    {"GET", "/api/admin/login-log", accounts::login_log, Permission::log_view, "登录日志（查询本身记入审计）"},
    {"GET", "/api/admin/audit-log", accounts::audit_log, Permission::log_view, "审计日志（查询本身记入审计）"},
    heavy({"GET", "/api/admin/login-log/export.xlsx", accounts::login_log_export, Permission::log_view, "登录日志导出（导出本身记入审计）"}),
    heavy({"GET", "/api/admin/audit-log/export.xlsx", accounts::audit_log_export, Permission::log_view, "审计日志导出（导出本身记入审计）"}),
    {"GET", "/api/admin/security-policy", accounts::security_policy, Permission::security_policy_view, "安全策略"},
    {"GET", "/api/admin/authorities", admin::list_authorities, Permission::user_manage, "用户管理：监督机构列表（代码、名称、所在区）"},
    {"GET", "/api/admin/users", admin::list_users, Permission::user_manage, "用户管理：账号列表（可按关键字、角色、状态查询）"},
    heavy({"POST", "/api/admin/users", admin::create_user, Permission::user_manage, "用户管理：新建账号（首次登录须修改密码）"}),
    heavy({"PUT", "/api/admin/users/{id}", admin::update_user, Permission::user_manage, "用户管理：修改姓名、所属监督机构，停用或启用"}),
    {"POST", "/api/admin/users/{id}/unlock", admin::unlock_user, Permission::user_manage, "用户管理：解除锁定"},
    heavy({"POST", "/api/admin/users/{id}/reset-password", admin::reset_user_password, Permission::user_manage, "用户管理：重置密码（下次登录须修改）"}),
    {"GET", "/api/admin/sessions", admin::list_sessions, Permission::session_manage, "在线用户"},
    heavy({"DELETE", "/api/admin/sessions/{id}", admin::end_session, Permission::session_manage, "在线用户：强退一个会话"}),
    heavy({"DELETE", "/api/admin/sessions", admin::end_account_sessions, Permission::session_manage, "在线用户：强退一个账号的全部会话（?account_id=）"}),
    {"GET", "/api/admin/settings", admin::get_settings, Permission::settings_manage, "参数设置"},
    {"PUT", "/api/admin/settings", admin::put_settings, Permission::settings_manage, "参数设置：修改（任意几项，逐项校验）"},
    {"GET", "/api/enterprise/clerks", clerks::list, Permission::clerk_manage, "企业办事员：本企业的办事员及可授予的业务（证书管理员）"},
    {"POST", "/api/enterprise/clerks", clerks::create, Permission::clerk_manage, "企业办事员：新增（本企业登记人员，指定工程和业务）"},
    {"PUT", "/api/enterprise/clerks/{id}", clerks::update, Permission::clerk_manage, "企业办事员：修改工程、业务，停用或启用"},
    {"GET", "/api/notices", notices::mine, Permission::notice_view, "通知公告：发给我的、在有效期内的通知（含未读数）"},
    {"POST", "/api/notices/{id}/read", notices::mark_read, Permission::notice_view, "通知公告：标为已读"},
    {"GET", "/api/admin/notices", notices::managed, Permission::notice_manage, "通知公告管理：监督机构本机构发布的，系统管理员全部"},
    {"POST", "/api/admin/notices", notices::publish, Permission::notice_manage, "通知公告管理：发布"},
    {"PUT", "/api/admin/notices/{id}", notices::edit, Permission::notice_manage, "通知公告管理：修改"},
    {"POST", "/api/admin/notices/{id}/withdraw", notices::withdraw, Permission::notice_manage, "通知公告管理：撤回"},
    {"GET", "/api/admin/jobs", admin::list_jobs, Permission::settings_manage, "定时任务：任务、计划、暂停与最近一次执行"},
    {"GET", "/api/admin/jobs/{name}/runs", admin::job_runs, Permission::settings_manage, "定时任务：执行记录"},
    heavy({"POST", "/api/admin/jobs/{name}/run", admin::run_job, Permission::settings_manage, "定时任务：立即执行"}),
    {"POST", "/api/admin/jobs/{name}/pause", admin::pause_job, Permission::settings_manage, "定时任务：暂停"},
    {"POST", "/api/admin/jobs/{name}/resume", admin::resume_job, Permission::settings_manage, "定时任务：恢复"},

    {"POST", "/api/admin/registry", registry::import, Permission::registry_admin, "导入登记数据（企业、人员、工程、合同）", kRegistryBody},
    heavy({"GET", "/api/admin/registry/template.xlsx", registry::workbook_template, Permission::registry_admin, "登记数据 Excel 模板（监督机构、企业、人员、工程、合同）"}),
    workbook_upload({"POST", "/api/admin/registry.xlsx", registry::import_workbook, Permission::registry_admin,
                     "从 Excel 导入登记数据（?preview=true 只校验并预览，不写入）"}),
    {"POST", "/api/admin/templates", registry::load_template, Permission::registry_admin, "导入评分标准"},
    {"GET", "/api/templates/current", registry::current_template, Permission::template_view, "当前评分标准"},
    {"GET", "/api/templates/{code}/{version}", registry::get_template, Permission::template_view, "评分标准（指定版本）"},
    {"GET", "/api/projects", registry::projects, Permission::registry_view, "工程信息（数据范围内）"},

    {"GET", "/api/declarations", declarations::list, Permission::declaration_view, "申报列表（按角色的数据范围，可查询、排序、分页）"},
    heavy({"GET", "/api/declarations/export.xlsx", declarations::export_xlsx, Permission::declaration_view, "导出申报列表（Excel，条件同列表）"}),
    {"POST", "/api/declarations", declarations::create, Permission::declaration_create, "申报（施工企业）"},
    {"GET", "/api/declarations/managers", declarations::managers, Permission::declaration_create, "申报可选的项目负责人（施工企业）?project_id=：本企业工程各合同企业在实名制系统登记的人员，姓名与遮蔽的手机号"},
    {"GET", "/api/declarations/{id}", declarations::get, Permission::declaration_view, "申报详情"},
    acts({"PUT", "/api/declarations/{id}", declarations::update, Permission::declaration_write, "修改申报（已申报待提交、已退回待提交）"}, decl::kSpec, decl::Action::edit),
    acts({"DELETE", "/api/declarations/{id}", declarations::remove, Permission::declaration_write, "删除申报（已申报待提交）"}, decl::kSpec, decl::Action::remove),
    acts({"POST", "/api/declarations/{id}/submit", declarations::submit, Permission::declaration_write, "提交申报（施工企业）"}, decl::kSpec, decl::Action::submit),
    acts({"POST", "/api/declarations/{id}/return", declarations::return_, Permission::declaration_write, "退回申报（监理企业，须填意见）"}, decl::kSpec, decl::Action::return_),
    acts({"POST", "/api/declarations/{id}/pass", declarations::pass, Permission::declaration_write, "复核通过（监理企业）；?preview=true 只核对（状态、版本、更正的监理项目负责人是否与实名制系统一致），不提交"}, decl::kSpec, decl::Action::pass),
    acts({"POST", "/api/declarations/{id}/accept", declarations::accept, Permission::declaration_write, "受理（监督机构）"}, decl::kSpec, decl::Action::accept),
    acts({"POST", "/api/declarations/{id}/reject", declarations::reject, Permission::declaration_write, "不受理（监督机构，须填意见）"}, decl::kSpec, decl::Action::reject),
    {"GET", "/api/declarations/{id}/summary", declarations::summary, Permission::declaration_view, "综合信息"},
    {"GET", "/api/declarations/{id}/audit", declarations::audit, Permission::declaration_view, "审计记录"},
    heavy({"GET", "/api/declarations/{id}/print.pdf", declarations::print, Permission::declaration_view, "打印申报表（PDF）"}),
    {"GET", "/api/declarations/{id}/deductions", monthly::deductions, Permission::monthly_view, "历史扣分记录（每月、每张打分表的扣分条文、第几次与扣分）"},

    {"GET", "/api/declarations/{id}/monthly", monthly::of_declaration, Permission::monthly_view, "申报的月度评价列表，及当前可新增的评价期间"},
    {"POST", "/api/declarations/{id}/monthly", monthly::create, Permission::monthly_create, "新增月度评价（施工企业）{period}"},
    {"GET", "/api/monthly", monthly::list, Permission::monthly_view, "月度评价列表（按角色的数据范围，可查询、排序、分页）"},
    heavy({"GET", "/api/monthly/export.xlsx", monthly::export_xlsx, Permission::monthly_view, "导出月度评价列表（Excel，条件同列表）"}),
    {"GET", "/api/monthly/{id}", monthly::get, Permission::monthly_view, "月度评价详情（自评与复核打分表及计算结果）"},
    acts({"PUT", "/api/monthly/{id}/self-sheet", monthly::save_self_sheet, Permission::monthly_write, "保存自评打分表（施工企业；?preview=true 只计算不保存）"}, month::kSpec, month::Action::save_self),
    acts({"POST", "/api/monthly/{id}/submit", monthly::submit, Permission::monthly_write, "提交自评（施工企业；冻结扣分次数与分值）"}, month::kSpec, month::Action::submit),
    acts({"PUT", "/api/monthly/{id}/review-sheet", monthly::save_review_sheet, Permission::monthly_write, "保存复核打分表（监理机构；?preview=true 只计算不保存）"}, month::kSpec, month::Action::save_review),
    acts({"POST", "/api/monthly/{id}/review-submit", monthly::review_submit, Permission::monthly_write, "提交复核（监理机构）"}, month::kSpec, month::Action::review_submit),
    acts(photo_upload({"POST", "/api/monthly/{id}/self-sheet/deductions/{clause}/photos", photos::add_self, Permission::monthly_write, "为自评打分表的扣分条文拍照取证（施工企业；请求体为图片本身：JPEG、PNG、WebP 或 HEIC，≤ 20 MB、≤ 5000 万像素；每条文 ≤ 9 张、每月 ≤ 200 张）"}), month::kSpec, month::Action::save_self),
    acts(photo_upload({"POST", "/api/monthly/{id}/review-sheet/deductions/{clause}/photos", photos::add_review, Permission::monthly_write, "为复核打分表的扣分条文拍照取证（监理机构；请求体同上）"}), month::kSpec, month::Action::save_review),
    {"GET", "/api/photos/{id}", photos::get, Permission::monthly_view, "照片（显示版：带水印，最长边 2048 像素，JPEG；强 ETag，私有缓存）"},
    {"GET", "/api/photos/{id}/thumbnail", photos::thumbnail, Permission::monthly_view, "照片缩略图（最长边 320 像素，JPEG）"},
    {"DELETE", "/api/photos/{id}", photos::remove, Permission::monthly_view, "删除照片（打分表或抽查比对仍可由本人编辑时）"},
    heavy({"GET", "/api/monthly/{id}/print.pdf", monthly::print, Permission::monthly_view, "打印月度评价表（PDF）"}),

    {"GET", "/api/quarterly", quarterly::list, Permission::quarterly_view, "季度评价列表（按角色的数据范围；可按状态如待信息登记、季度范围查询）"},
    heavy({"GET", "/api/quarterly/export.xlsx", quarterly::export_xlsx, Permission::quarterly_view, "导出季度评价列表（Excel，条件同列表）"}),
    {"GET", "/api/quarterly/{id}", quarterly::get, Permission::quarterly_view, "季度评价详情（三个月的复核得分、季度得分、建议等级、登记历史）"},
    acts({"POST", "/api/quarterly/{id}/register", quarterly::register_, Permission::quarterly_register, "季度评价监督信息登记（监督机构）{inspection_date, inspectors, opinion, conclusion}"}, domain::quarterly::kSpec, domain::quarterly::Action::register_),
    {"GET", "/api/declarations/{id}/quarterly", quarterly::of_declaration, Permission::quarterly_view, "申报的季度评价（按季度先后）"},

    {"GET", "/api/declarations/{id}/completion", completions::of_declaration, Permission::completion_view, "申报的竣工评价，及现在能否申请（缺少的月度评价与未登记的季度）"},
    {"POST", "/api/declarations/{id}/completion", completions::apply, Permission::completion_apply, "竣工评价申请（施工企业）{completion_date, acceptance_info, self_assessment}"},
    {"GET", "/api/completions", completions::list, Permission::completion_view, "竣工评价列表（按角色的数据范围，可查询、排序、分页）"},
    heavy({"GET", "/api/completions/export.xlsx", completions::export_xlsx, Permission::completion_view, "导出竣工评价列表（Excel，条件同列表）"}),
    {"GET", "/api/completions/{id}", completions::get, Permission::completion_view, "竣工评价详情（各月、各季度得分，总得分与建议等级）"},
    acts({"PUT", "/api/completions/{id}/review", completions::save_review, Permission::completion_write, "竣工复核（监理机构，保存同意/不同意与复核意见）"}, done::kSpec, done::Action::save_review),
    acts({"POST", "/api/completions/{id}/review-submit", completions::review_submit, Permission::completion_write, "提交竣工复核（同意 → 监督机构登记；不同意 → 退回施工企业）"}, done::kSpec, done::Action::review_submit),
    acts({"POST", "/api/completions/{id}/resubmit", completions::resubmit, Permission::completion_write, "再次提交复核（施工企业，可修改竣工信息）"}, done::kSpec, done::Action::resubmit),
    acts({"POST", "/api/completions/{id}/register", completions::register_, Permission::completion_write, "竣工评价监督信息登记（监督机构；工程结束质量标准化管理）"}, done::kSpec, done::Action::register_),
    heavy({"GET", "/api/completions/{id}/print.pdf", completions::print, Permission::completion_view, "打印竣工评价表（PDF）"}),

    {"POST", "/api/declarations/{id}/suspensions", suspensions::create, Permission::request_create, "中止或恢复申请（施工企业）{kind: suspend|resume, reason, date}"},
    {"GET", "/api/declarations/{id}/suspensions", suspensions::of_declaration, Permission::request_view, "申报的中止/恢复申请（新的在前）与已备案的中止期间"},
    {"GET", "/api/suspensions", suspensions::list, Permission::request_view, "中止/恢复申请列表（按角色的数据范围；可按状态、类型查询）"},
    heavy({"GET", "/api/suspensions/export.xlsx", suspensions::export_xlsx, Permission::request_view, "导出中止/恢复申请列表（Excel，条件同列表）"}),
    {"GET", "/api/suspensions/{id}", suspensions::get, Permission::request_view, "中止/恢复申请详情"},
    acts({"POST", "/api/suspensions/{id}/review", suspensions::review, Permission::request_write, "复核中止/复核恢复（监理机构）{version, opinion?}"}, mgmt::kSuspensionSpec, mgmt::Action::review),
    acts({"POST", "/api/suspensions/{id}/register", suspensions::register_, Permission::request_write, "中止备案/恢复备案（监督机构；工程转为已中止/评价中）{version, opinion?}"}, mgmt::kSuspensionSpec, mgmt::Action::register_),
    acts({"POST", "/api/suspensions/{id}/withdraw", suspensions::withdraw, Permission::request_write, "撤回待复核的中止/恢复申请（施工企业）{version}"}, mgmt::kSuspensionSpec, mgmt::Action::withdraw),

    {"POST", "/api/declarations/{id}/termination", terminations::create, Permission::request_create, "终止申请（施工企业）{reason}"},
    {"GET", "/api/terminations", terminations::list, Permission::request_view, "终止申请列表（按角色的数据范围，可查询、排序、分页）"},
    heavy({"GET", "/api/terminations/export.xlsx", terminations::export_xlsx, Permission::request_view, "导出终止申请列表（Excel，条件同列表）"}),
    {"GET", "/api/terminations/{id}", terminations::get, Permission::request_view, "终止申请详情"},
    acts({"POST", "/api/terminations/{id}/review", terminations::review, Permission::request_write, "复核终止（监理机构）{version, opinion?}"}, mgmt::kTerminationSpec, mgmt::Action::review),
    acts({"POST", "/api/terminations/{id}/register", terminations::register_, Permission::request_write, "终止备案（监督机构；工程退出质量标准化管理）{version, opinion?}"}, mgmt::kTerminationSpec, mgmt::Action::register_),

    {"GET", "/api/monthly/{id}/spot-check", spot_checks::get, Permission::spot_check, "抽查比对（监督机构）：各条文的自评、复核与监督机构结论及符合率"},
    acts({"PUT", "/api/monthly/{id}/spot-check", spot_checks::save, Permission::spot_check, "保存抽查比对（监督机构）{version, findings: [{clause, conforms, note}], finished}"}, domain::spot_check::kSpec, domain::spot_check::Action::save),
    acts(photo_upload({"POST", "/api/monthly/{id}/spot-check/findings/{clause}/photos", photos::add_finding, Permission::spot_check, "为抽查比对的条文结论拍照取证（监督机构；请求体同上）"}), domain::spot_check::kSpec, domain::spot_check::Action::save),
    heavy({"GET", "/api/monthly/{id}/spot-check/print.pdf", spot_checks::print, Permission::spot_check, "打印抽查比对记录（PDF：符合率、不符合或不一致的条文、抽查照片）"}),
    {"GET", "/api/rectifications", rectifications::list, Permission::rectification_view, "整改指令单列表（按角色的数据范围；status、overdue=true、kind、district、q、分页、排序）"},
    heavy({"GET", "/api/rectifications/export.xlsx", rectifications::export_xlsx, Permission::rectification_view, "导出整改指令单列表（Excel，条件同列表）"}),
    {"GET", "/api/rectifications/stats", rectifications::stats, Permission::rectification_view, "整改统计：未销项、逾期、本月销项、平均销项天数，按区、按施工企业，常见违反条文"},
    {"POST", "/api/rectifications", rectifications::create, Permission::rectification_issue, "下发整改指令单（监督机构）{declaration_id, kind, deadline, recheck_by?, basis?, source?: {spot_check}, items?: [{clause?, problem}]}"},
    {"GET", "/api/rectifications/{id}", rectifications::get, Permission::rectification_view, "整改指令单详情（问题项、各轮回复、监理确认、复查、照片）"},
    {"GET", "/api/declarations/{id}/rectifications", rectifications::of_declaration, Permission::rectification_view, "工程的整改指令单"},
    acts({"POST", "/api/rectifications/{id}/reply", rectifications::reply, Permission::rectification_write, "整改回复（施工企业或项目部）{version, items: [{id, measure}]}"}, rect::kSpec, rect::Action::reply),
    acts({"POST", "/api/rectifications/{id}/confirm", rectifications::confirm, Permission::rectification_write, "监理确认整改回复 {version, agree, opinion?}（不同意时必填意见，退回施工单位）"}, rect::kSpec, rect::Action::confirm),
    acts({"POST", "/api/rectifications/{id}/recheck", rectifications::recheck, Permission::rectification_write, "复查（监督机构）{version, items: [{id, passed, note?}], deadline?}：全部通过则销项，否则重新整改"}, rect::kSpec, rect::Action::recheck),
    only(photo_upload({"POST", "/api/rectifications/{id}/items/{item}/photos", rectifications::add_photo, Permission::rectification_write, "为整改项拍照（监督机构：下发后回复前的问题照片；施工企业或项目部：待整改时的整改照片；请求体为图片本身）"}), kRectificationPhotographers),
    {"GET", "/api/rectifications/{id}/photos/{photo}", rectifications::photo, Permission::rectification_view, "整改照片（显示版）"},
    {"GET", "/api/rectifications/{id}/photos/{photo}/thumbnail", rectifications::thumbnail, Permission::rectification_view, "整改照片缩略图"},
    only({"DELETE", "/api/rectifications/{id}/photos/{photo}", rectifications::remove_photo, Permission::rectification_write, "删除整改照片（仍可由本人添加时）"}, kRectificationPhotographers),
    heavy({"GET", "/api/rectifications/{id}/print.pdf", rectifications::print, Permission::rectification_view, "打印整改指令单（已回复的附整改回复单，PDF）"}),
    {"GET", "/api/spot-checks/analytics", spot_checks::analytics, Permission::spot_check, "抽查比对分析：各施工企业、监理企业的平均符合率与常见不一致条文"},
    heavy({"GET", "/api/spot-checks/analytics.xlsx", spot_checks::analytics_xlsx, Permission::spot_check, "导出抽查比对分析（Excel）"}),

    {"GET", "/api/tasks", tasks::list, Permission::monthly_view, "待办事项：等待当前用户处理的记录（含逾期标记）与各类数量"},
    {"GET", "/api/overdue", overdue::list, Permission::monthly_view, "逾期的月度评价（自评 10 日、复核 15 日截止），含责任方与按区、按企业的统计"},
    {"GET", "/api/dashboard", dashboard::get, Permission::monthly_view, "统计看板（按角色）"},
};
}  // namespace

std::span<const Route> routes() { return kRoutes; }

}  // namespace qsm::api
