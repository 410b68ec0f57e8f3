// Completion evaluation service.
#include "service/completion_service.hpp"

#include "domain/problems.hpp"
#include "domain/workflow/declaration.hpp"
#include "service/quarterly_service.hpp"
#include "service/request_service.hpp"
#include "service/workflow_step.hpp"
#include "store/monthly_store.hpp"

namespace qsm::service {

namespace dc = domain::completion;

namespace {

store::CompletionRow load(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_completion(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "竣工评价不存在");
  return *row;
}

store::DeclarationRow load_declaration(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_declaration(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "申报不存在");
  return *row;
}

CompletionDetail detail(store::Connection& c, const domain::Actor& actor, store::CompletionRow row) {
  CompletionDetail out{std::move(row), {}, {}, {}};
  out.months = store::months_of_declaration(c, out.row.declaration_id);
  out.rounds = store::completion_rounds(c, out.row.id);
  out.quarters = store::quarterly_of_declaration(c, domain::Scope::of(actor), out.row.declaration_id);
  return out;
}

// The completeness rule over what the store holds; wholly suspended months are exempt.
domain::completion::Completeness completeness(store::Connection& c, const store::DeclarationRow& d, domain::Instant now) {
  dc::Record r;
  r.accepted = domain::YearMonth::of(domain::from_millis(*d.accepted_at));
  r.today = domain::shanghai_date(now);
  r.exempt = domain::management::exempt_months(suspension_intervals(c, d.id), r.accepted, std::max(r.accepted, dc::last_due_month(r.today)));
  for (const auto& [period, status] : store::periods_of_declaration(c, d.id))
    r.months.emplace(*domain::YearMonth::parse(period), *domain::monthly::state_from(status));
  for (const auto& [quarter, status] : store::quarter_states(c, d.id))
    r.quarters.emplace(*domain::Quarter::parse(quarter), *domain::quarterly::state_from(status));
  return dc::check_completeness(r);
}

CompletionCheck to_check(const domain::completion::Completeness& k) {
  CompletionCheck out{k.complete(), k.last_due, {}, {}, k.message};
  for (const auto& m : k.missing_months) out.missing_months.push_back(m.to_string());
  for (const auto& q : k.unregistered_quarters) out.unregistered_quarters.push_back(q.to_string());
  return out;
}

// The application's completeness, or the 422 that lists what is missing and the two remedies.
void require_complete(store::Connection& c, const store::DeclarationRow& d, domain::Instant now) {
  auto check = to_check(completeness(c, d, now));
  if (check.ready) return;
  boost::json::array months, quarters;
  for (const auto& m : check.missing_months) months.push_back(boost::json::string(m));
  for (const auto& q : check.unregistered_quarters) quarters.push_back(boost::json::string(q));
  throw Failure(Error::validation_failed, check.message,
                boost::json::object{{"missing_months", std::move(months)},
                                    {"unregistered_quarters", std::move(quarters)},
                                    {"last_due_month", check.last_due->to_string()}});
}

void check_fields(const store::CompletionFields& f, const store::DeclarationRow& d, domain::Instant now) {
  auto date = domain::parse_date(f.completion_date);
  if (!date) throw domain::field_failure("completion_date", "竣工日期应为 YYYY-MM-DD");
  if (*date > domain::shanghai_date(now)) throw domain::field_failure("completion_date", "竣工日期不能晚于今天");
  const auto accepted = domain::shanghai_date(domain::from_millis(*d.accepted_at));
  if (*date < accepted) throw domain::field_failure("completion_date", "竣工日期不能早于申报受理日期 " + domain::format_date(accepted));
}

std::optional<std::int64_t> overall_score(store::Connection& c, std::int64_t declaration_id) {
  auto mean = filed_months(store::months_of_declaration(c, declaration_id)).score;
  if (!mean) return std::nullopt;
  return mean->hundredths();
}

std::string score_text(std::optional<std::int64_t> h) { return h ? domain::Points::from_hundredths(*h).to_string() : "—"; }

constexpr const auto& kSpec = dc::kSpec;
using Request = workflow::Request<dc::Action, store::CompletionRow>;

// One step of the machine on a stored completion; `write` does the step's own writing and returns the trail note.
template <class Write>
CompletionDetail step(app::App& app, const domain::Actor& actor, std::int64_t id, const Request& req, Write write) {
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    return detail(c, actor, workflow::step(c, app.audit_key, actor, now, kSpec, [&] { return load(c, actor, id); }, req,
                                           [&](const store::CompletionRow& row, const auto& taken) { return write(c, row, taken); }));
  });
}

}  // namespace

DeclarationCompletion declaration_completion(app::App& app, const domain::Actor& actor, std::int64_t declaration_id) {
  const auto now = app.clock.now();
  return app.db->read([&](store::Connection& c) {
    DeclarationCompletion out{load_declaration(c, actor, declaration_id), std::nullopt, {}};
    if (auto row = store::completion_of_declaration(c, domain::Scope::of(actor), declaration_id)) {
      out.completion = detail(c, actor, *row);
      out.check.message = "已申请竣工评价（" + std::string(dc::state_label(row->status)) + "），不能重复申请";
    } else if (!out.declaration.accepted_at) {
      out.check.message = "申报尚未受理，受理并完成月度评价后才能申请竣工评价";
    } else if (auto why = domain::management::refusal(domain::management::Request::apply_completion,
                                                      *domain::management::status_from(*out.declaration.management_status),
                                                      open_request_of(out.declaration))) {
      out.check.message = *why;
    } else {
      out.check = to_check(completeness(c, out.declaration, now));
    }
    return out;
  });
}

CompletionDetail get_completion(app::App& app, const domain::Actor& actor, std::int64_t id) {
  return app.db->read([&](store::Connection& c) { return detail(c, actor, load(c, actor, id)); });
}

CompletionDetail apply_completion(app::App& app, const domain::Actor& actor, std::int64_t declaration_id,
                                  const store::CompletionFields& fields) {
  if (actor.role != domain::Role::contractor) throw Failure(Error::forbidden, "只有施工企业可以申请竣工评价");
  const auto now = app.clock.now();
  const auto now_ms = domain::to_millis(now);
  return app.db->write([&](store::Connection& c) {
    auto d = load_declaration(c, actor, declaration_id);
    if (!d.accepted_at) throw Failure(Error::invalid_transition, "申报尚未受理，不能申请竣工评价", boost::json::object{{"status", d.status}});
    if (auto existing = store::completion_of_declaration(c, domain::Scope::of(actor), d.id))
      throw Failure(Error::conflict, "该工程已申请竣工评价（" + std::string(dc::state_label(existing->status)) + "），不能重复申请",
                    boost::json::object{{"completion_id", existing->id}});
    check_requestable(d, domain::management::Request::apply_completion);
    check_fields(fields, d, now);
    require_complete(c, d, now);
    const auto score = overall_score(c, d.id);
    // The one request in progress on the declaration until the registration.
    namespace mg = domain::management;
    if (!store::claim_request(c, d.id, std::string(mg::to_string(mg::Open::completion)), std::string(mg::to_string(mg::Status::active)), now_ms))
      throw Failure(Error::conflict, "工程状态刚刚发生变化（可能已有其他申请），请刷新后重试");
    std::int64_t id = 0;
    try {
      id = store::insert_completion(c, d.id, fields, score, now_ms, std::string(kSpec.code(dc::State::pending_review)));
    } catch (const store::DbError& e) {
      if (e.kind() == store::DbError::Kind::unique_violation) throw Failure(Error::conflict, "该工程已申请竣工评价，不能重复申请");
      throw;
    }
    auto row = load(c, actor, id);
    workflow::audit(c, app.audit_key, actor, now, kSpec, row.id, row.declaration_id, kSpec.m.events[0].code, std::nullopt, dc::State::pending_review,
                    "竣工日期 " + fields.completion_date + "，总得分 " + score_text(score));
    return detail(c, actor, row);
  });
}

CompletionDetail save_completion_review(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version, bool agree,
                                        const std::string& opinion) {
  return step(app, actor, id, Request{dc::Action::save_review, version, opinion},
              [&](store::Connection& c, const store::CompletionRow& row, const auto& taken) {
                if (!agree && opinion.empty()) throw domain::field_failure("opinion", "复核不同意时必须填写复核意见");
                if (!store::save_completion_review(c, row.id, version, agree, opinion, actor.name, taken.now_ms())) throw Failure(Error::conflict);
                return std::string(agree ? "同意" : "不同意") + (opinion.empty() ? "" : "：" + opinion);
              });
}

CompletionDetail submit_completion_review(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version) {
  // The saved review's 同意 takes the usual end (on to registration), 不同意 the other (back to the contractor).
  const auto branch = [](const store::CompletionRow& row) { return row.review_agree.value_or(true) ? workflow::Branch::usual : workflow::Branch::other; };
  return step(app, actor, id, Request{dc::Action::review_submit, version, {}, branch},
              [&](store::Connection& c, const store::CompletionRow& row, const auto& taken) {
                if (!row.review_agree) throw Failure(Error::validation_failed, "请先复核（选择同意或不同意并保存复核意见），再提交");
                if (!store::set_completion_status(c, row.id, version, std::string(taken.to_code()), taken.now_ms())) throw Failure(Error::conflict);
                store::insert_completion_round(c, row, taken.now_ms());
                return std::string(*row.review_agree ? "同意" : "不同意") +
                       (row.review_opinion && !row.review_opinion->empty() ? "：" + *row.review_opinion : "");
              });
}

CompletionDetail resubmit_completion(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                     const store::CompletionFields& fields) {
  return step(app, actor, id, Request{dc::Action::resubmit, version, {}},
              [&](store::Connection& c, const store::CompletionRow& row, const auto& taken) {
                const auto now = taken.now;
                auto d = load_declaration(c, actor, row.declaration_id);
                check_fields(fields, d, now);
                // The record must still be complete when the application goes back to review.
                require_complete(c, d, now);
                const auto score = overall_score(c, d.id);
                if (!store::resubmit_completion(c, row.id, version, fields, score, domain::to_millis(now), std::string(taken.to_code())))
                  throw Failure(Error::conflict);
                return "竣工日期 " + fields.completion_date + "，总得分 " + score_text(score);
              });
}

CompletionDetail register_completion(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                     const std::string& opinion, domain::Grade conclusion) {
  return step(app, actor, id, Request{dc::Action::register_, version, opinion},
              [&](store::Connection& c, const store::CompletionRow& row, const auto& taken) {
                const auto score = overall_score(c, row.declaration_id);
                const auto by = actor.organisation.empty() ? actor.name : actor.organisation;
                if (!store::register_completion(c, row.id, version, opinion, std::string(domain::to_string(conclusion)), by, score, taken.now_ms(),
                                                std::string(taken.to_code())))
                  throw Failure(Error::conflict);
                // The project leaves quality-standardization management (结束质量标准化管理).
                namespace mg = domain::management;
                if (!change_management(c, app.audit_key, actor, taken.now, row.declaration_id, mg::Open::completion, mg::Change::complete,
                                       mg::Status::active, "竣工评价监督信息登记"))
                  throw Failure(Error::invalid_transition, "工程已不在「评价中」，不能登记竣工评价");
                return "总得分 " + score_text(score) + "，结论：" + std::string(domain::label(conclusion)) + "。" + opinion;
              });
}

}  // namespace qsm::service
