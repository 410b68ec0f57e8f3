// The printed forms' views.
#include "api/print_views.hpp"

#include "api/values.hpp"
#include "crypto/secret.hpp"
#include "crypto/totp.hpp"

namespace qsm::api {

print::DeclarationForm declaration_form(const store::DeclarationRow& d, const std::optional<store::ProjectRow>& project) {
  auto party = [](const std::optional<store::ContractSummary>& c) -> std::optional<print::DeclarationForm::Party> {
    if (!c) return std::nullopt;
    return print::DeclarationForm::Party{c->enterprise_name, c->enterprise_uscc, c->report_no};
  };
  return {.registration_no = d.registration_no,
          .status = d.status,
          .project_name = d.project_name,
          .address = d.address,
          .district = d.district,
          .authority_name = d.authority_name,
          .structure_type = d.structure_type,
          .floor_area_centi = d.floor_area_centi,
          .project_planned_start = d.project_planned_start,
          .project_planned_finish = d.project_planned_finish,
          .general = project ? party(project->general) : std::nullopt,
          .supervision = project ? party(project->supervision) : std::nullopt,
          .quality_target = d.quality_target,
          .planned_start = d.planned_start,
          .planned_finish = d.planned_finish,
          .overview = d.overview,
          .contractor_manager = {d.contractor_manager.name, d.contractor_manager.mobile},
          .supervision_manager = {d.supervision_manager.name, d.supervision_manager.mobile},
          .review = d.review ? std::optional(print::DeclarationForm::Review{d.review->reviewer, d.review->opinion.value_or(""),
                                                                            domain::from_millis(d.review->at)})
                             : std::nullopt};
}

print::PrintedPhoto photo_print(const store::PhotoRow& p, std::string thumbnail) {
  return print::PrintedPhoto{p.clause, std::move(thumbnail), service::photo_time(p.taken_at, domain::from_millis(p.uploaded_at)),
                             "上传：" + p.uploader_name};
}

print::MonthlyForm monthly_form(const store::MonthlyRow& m) {
  return {.period = m.period,
          .status = m.status,
          .registration_no = m.registration_no,
          .project_name = m.project_name,
          .district = m.district,
          .general_name = m.general_name,
          .supervision_name = m.supervision_name};
}

print::CompletionForm completion_form(const service::CompletionDetail& d) {
  const auto& c = d.row;
  print::CompletionForm f{.status = c.status,
                          .registration_no = c.registration_no,
                          .project_name = c.project_name,
                          .district = c.district,
                          .general_name = c.general_name,
                          .supervision_name = c.supervision_name,
                          .completion_date = c.fields.completion_date,
                          .acceptance_info = c.fields.acceptance_info,
                          .self_assessment = c.fields.self_assessment,
                          .applied_at = c.applied_at,
                          .score = c.score,
                          .review_agree = c.review_agree,
                          .review_opinion = c.review_opinion,
                          .reviewer = c.reviewer,
                          .register_opinion = c.register_opinion,
                          .conclusion = c.conclusion,
                          .registered_by = c.registered_by,
                          .registered_at = c.registered_at,
                          .months = {},
                          .quarters = {}};
  for (const auto& m : d.months) f.months.push_back({m.period, m.status, m.review_score});
  for (const auto& q : d.quarters)
    f.quarters.push_back({q.quarter, q.status, q.score, q.latest ? std::optional<std::string>(q.latest->conclusion) : std::nullopt});
  return f;
}

std::vector<print::TrailEntry> trail_of(const std::vector<store::AuditRecord>& audit) {
  std::vector<print::TrailEntry> out;
  out.reserve(audit.size());
  for (const auto& a : audit)
    out.push_back({a.at, a.entry.action, a.actor_name, a.organisation, a.entry.from_state, a.entry.to_state, a.entry.opinion});
  return out;
}

std::string public_origin(const Context& ctx) {
  if (!ctx.app.tuned().public_url.empty()) return ctx.app.tuned().public_url;
  const std::string host(ctx.req.header("host").value_or("localhost"));
  return std::string(came_by_tls(ctx.req, ctx.app.settings) ? "https://" : "http://") + (is_plain_host(host) ? host : "localhost");
}

http::Response printed_pdf(Context& ctx, service::DocumentKind kind, std::int64_t entity_id, std::int64_t version,
                           const std::string& filename, const std::function<std::string(const print::DocumentMark&)>& render) {
  auto issued = service::issue_document(ctx.app, ctx.actor(), kind, entity_id, version);
  const std::string url = public_origin(ctx) + "/verify/" + issued.code;
  std::string pdf = render(print::DocumentMark{issued.number, crypto::qr_rows(url), issued.printed_at});
  service::seal_document(ctx.app, issued.id, crypto::sha256_hex(pdf));
  auto r = file_response(std::move(pdf), "application/pdf", "inline; filename=\"" + filename + "\"");
  r.set_header("X-Document-Number", issued.number);
  return r;
}

}  // namespace qsm::api
