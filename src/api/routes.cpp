// The route table: the whole API surface on one screen, each route with its permission.
#include "api/handlers.hpp"

namespace qsm::api {

using domain::Permission;

namespace {
constexpr std::size_t kRegistryBody = 64u << 20;  // a whole district's registry in one file

const Route kRoutes[] = {
    {"GET", "/api/health", system::health, Permission::open, "健康检查"},
    {"GET", "/api/openapi.json", system::openapi, Permission::open, "接口描述（OpenAPI 3）"},
    {"GET", "/metrics", system::metrics, Permission::open, "Prometheus 指标"},

    {"POST", "/api/auth/password", auth::password_login, Permission::open, "监督机构/管理员密码登录"},
    {"POST", "/api/auth/certificate", auth::certificate_login, Permission::open, "企业数字证书登录"},
    {"POST", "/api/auth/sms-code", auth::sms_code, Permission::open, "现场用户获取动态密码"},
    {"POST", "/api/auth/sms-login", auth::sms_login, Permission::open, "现场用户动态密码登录"},
    {"GET", "/api/auth/contracts", auth::contracts, Permission::session, "现场用户可选的合同（可按合同信息报编号查询）"},
    {"POST", "/api/auth/contract", auth::choose_contract, Permission::session, "现场用户选择合同"},
    {"POST", "/api/auth/logout", auth::logout, Permission::session, "退出登录"},
    {"GET", "/api/me", auth::me, Permission::session, "当前用户、角色、所属单位与 CSRF 令牌"},
    {"POST", "/api/auth/password/change", auth::change_password, Permission::password_change, "修改密码"},
    {"GET", "/api/admin/login-log", auth::login_log, Permission::login_log_view, "登录日志"},

    {"POST", "/api/admin/registry", registry::import, Permission::registry_admin, "导入登记数据（企业、人员、工程、合同）", kRegistryBody},
    {"POST", "/api/admin/templates", registry::load_template, Permission::registry_admin, "导入评分标准"},
    {"GET", "/api/templates/current", registry::current_template, Permission::template_view, "当前评分标准"},
    {"GET", "/api/templates/{code}/{version}", registry::get_template, Permission::template_view, "评分标准（指定版本）"},
    {"GET", "/api/projects", registry::projects, Permission::registry_view, "工程信息（数据范围内）"},
};
}  // namespace

std::span<const Route> routes() { return kRoutes; }

}  // namespace qsm::api
