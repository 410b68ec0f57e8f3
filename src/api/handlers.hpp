// Every handler, by area; the route table (routes.cpp) wires them to paths and permissions.
#pragma once
#include "api/context.hpp"

namespace qsm::api {
namespace system {
http::Response health(Context&);
http::Response openapi(Context&);
http::Response metrics(Context&);
// Status labels, tag colours, actions and roles from the workflow specs (the web UI's dictionary).
http::Response dictionary(Context&);
}  // namespace system
namespace verify {
// The public verification of a printed document by the code in its QR code (issue 26).
http::Response page(Context&);
http::Response json(Context&);
}  // namespace verify
namespace auth {
http::Response password_login(Context&);
http::Response certificate_login(Context&);
http::Response sms_code(Context&);
http::Response sms_login(Context&);
http::Response contracts(Context&);
http::Response choose_contract(Context&);
http::Response logout(Context&);
http::Response me(Context&);
http::Response change_password(Context&);
// The session read afresh and shown as /api/me shows it (after a call that moved it on).
boost::json::object current_me(Context&);
}  // namespace auth
namespace accounts {
http::Response verify_second_factor(Context&);
http::Response enrol(Context&);
http::Response confirm(Context&);
http::Response list(Context&);
http::Response unlock(Context&);
http::Response reset_second_factor(Context&);
http::Response end_sessions(Context&);
http::Response reset_password(Context&);
http::Response login_log(Context&);
http::Response login_log_export(Context&);
http::Response audit_log(Context&);
http::Response audit_log_export(Context&);
http::Response security_policy(Context&);
}  // namespace accounts
namespace notices {
http::Response mine(Context&);
http::Response mark_read(Context&);
http::Response managed(Context&);
http::Response publish(Context&);
http::Response edit(Context&);
http::Response withdraw(Context&);
}  // namespace notices
namespace clerks {
http::Response list(Context&);
http::Response create(Context&);
http::Response update(Context&);
}  // namespace clerks
namespace admin {
http::Response list_users(Context&);
http::Response list_authorities(Context&);
http::Response create_user(Context&);
http::Response update_user(Context&);
http::Response unlock_user(Context&);
http::Response reset_user_password(Context&);
http::Response list_sessions(Context&);
http::Response end_session(Context&);
http::Response end_account_sessions(Context&);
http::Response get_settings(Context&);
http::Response put_settings(Context&);
http::Response list_jobs(Context&);
http::Response job_runs(Context&);
http::Response run_job(Context&);
http::Response pause_job(Context&);
http::Response resume_job(Context&);
}  // namespace admin
namespace registry {
http::Response import(Context&);
http::Response workbook_template(Context&);
http::Response import_workbook(Context&);
http::Response projects(Context&);
http::Response load_template(Context&);
http::Response get_template(Context&);
http::Response current_template(Context&);
}  // namespace registry
namespace declarations {
http::Response list(Context&);
http::Response create(Context&);
http::Response get(Context&);
http::Response update(Context&);
http::Response remove(Context&);
http::Response submit(Context&);
http::Response return_(Context&);
http::Response pass(Context&);
http::Response accept(Context&);
http::Response reject(Context&);
http::Response summary(Context&);
http::Response audit(Context&);
http::Response print(Context&);
http::Response export_xlsx(Context&);
http::Response managers(Context&);
}  // namespace declarations
namespace monthly {
http::Response list(Context&);
http::Response export_xlsx(Context&);
http::Response of_declaration(Context&);
http::Response create(Context&);
http::Response get(Context&);
http::Response save_self_sheet(Context&);
http::Response submit(Context&);
http::Response save_review_sheet(Context&);
http::Response review_submit(Context&);
http::Response print(Context&);
http::Response deductions(Context&);
}  // namespace monthly
namespace quarterly {
http::Response list(Context&);
http::Response export_xlsx(Context&);
http::Response of_declaration(Context&);
http::Response get(Context&);
http::Response register_(Context&);
}  // namespace quarterly
namespace completions {
http::Response list(Context&);
http::Response export_xlsx(Context&);
http::Response of_declaration(Context&);
http::Response apply(Context&);
http::Response get(Context&);
http::Response save_review(Context&);
http::Response review_submit(Context&);
http::Response resubmit(Context&);
http::Response register_(Context&);
http::Response print(Context&);
}  // namespace completions
namespace rectifications {
http::Response list(Context&);
http::Response export_xlsx(Context&);
http::Response stats(Context&);
http::Response create(Context&);
http::Response get(Context&);
http::Response of_declaration(Context&);
http::Response reply(Context&);
http::Response confirm(Context&);
http::Response recheck(Context&);
http::Response add_photo(Context&);
http::Response photo(Context&);
http::Response thumbnail(Context&);
http::Response remove_photo(Context&);
http::Response print(Context&);
}  // namespace rectifications
namespace suspensions {
http::Response list(Context&);
http::Response export_xlsx(Context&);
http::Response of_declaration(Context&);
http::Response create(Context&);
http::Response get(Context&);
http::Response review(Context&);
http::Response register_(Context&);
http::Response withdraw(Context&);
}  // namespace suspensions
namespace terminations {
http::Response list(Context&);
http::Response export_xlsx(Context&);
http::Response create(Context&);
http::Response get(Context&);
http::Response review(Context&);
http::Response register_(Context&);
}  // namespace terminations
namespace spot_checks {
http::Response get(Context&);
http::Response save(Context&);
http::Response analytics(Context&);
http::Response analytics_xlsx(Context&);
http::Response print(Context&);
}  // namespace spot_checks
namespace photos {
http::Response add_self(Context&);
http::Response add_review(Context&);
http::Response add_finding(Context&);
http::Response get(Context&);
http::Response thumbnail(Context&);
http::Response remove(Context&);
}  // namespace photos
namespace tasks {
http::Response list(Context&);
}  // namespace tasks
namespace overdue {
http::Response list(Context&);
}  // namespace overdue
namespace dashboard {
http::Response get(Context&);
}  // namespace dashboard
}  // namespace qsm::api
