// Spot-check service.
#include "service/spot_check_service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "domain/scoring/sheet_json.hpp"
#include "domain/workflow/monthly.hpp"
#include "service/workflow_step.hpp"
#include "util/json.hpp"

namespace qsm::service {

namespace ds = domain::spot_check;
constexpr const auto& kSpec = ds::kSpec;

namespace {

void require_authority(const domain::Actor& actor) {
  if (actor.role != domain::Role::authority) throw Failure(Error::forbidden, "只有监督机构可以抽查比对");
}

std::string findings_json(const std::map<std::string, ds::Finding>& findings) {
  boost::json::array a;
  for (const auto& [code, f] : findings) a.push_back(boost::json::object{{"clause", code}, {"conforms", f.conforms}, {"note", f.note}});
  return json::serialize(a);
}

std::map<std::string, ds::Finding> findings_from_json(const std::string& text) {
  std::map<std::string, ds::Finding> out;
  const auto parsed = boost::json::parse(text);
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    ds::Finding f{std::string(o.at("clause").as_string()), o.at("conforms").as_bool(), std::string(o.at("note").as_string())};
    out.emplace(f.clause, std::move(f));
  }
  return out;
}

// The month (a draft is not visible to the authority: 404), its template and both sheets.
SpotCheckView view_of(app::App& app, store::Connection& c, const domain::Actor& actor, std::int64_t monthly_id) {
  auto m = store::find_monthly(c, domain::Scope::of(actor), monthly_id);
  if (!m) throw Failure(Error::not_found, "月度评价不存在");
  if (domain::monthly::state_from(m->status) == domain::monthly::State::draft) throw Failure(Error::invalid_transition, "月度评价尚未提交，不能抽查比对", boost::json::object{{"status", m->status}});
  SpotCheckView v;
  v.tmpl = app.templates->get(c, m->template_id);
  v.self = domain::scoring::sheet_input_from_json(boost::json::parse(m->self_sheet));
  if (m->review_sheet) v.review = domain::scoring::sheet_input_from_json(boost::json::parse(*m->review_sheet));
  v.row = store::spot_check_of_monthly(c, m->id);
  if (v.row) v.findings = findings_from_json(v.row->findings);
  for (auto& p : store::photos_of_month(c, m->id, "spot_check")) v.photos[p.clause].push_back(std::move(p));
  v.monthly = std::move(*m);
  return v;
}

std::string rate_text(const ds::Agreement& a) { return a.rate.to_string() + "%"; }

}  // namespace

SpotCheckView get_spot_check(app::App& app, const domain::Actor& actor, std::int64_t monthly_id) {
  require_authority(actor);
  return app.db->read([&](store::Connection& c) { return view_of(app, c, actor, monthly_id); });
}

SpotCheckView save_spot_check(app::App& app, const domain::Actor& actor, std::int64_t monthly_id, std::int64_t version,
                              const std::vector<ds::Finding>& findings, bool finished) {
  require_authority(actor);
  const auto now = app.clock.now();
  const auto now_ms = domain::to_millis(now);
  return app.db->write([&](store::Connection& c) {
    auto v = view_of(app, c, actor, monthly_id);
    // A month without a record is checked as an in-progress record at version 0: the first save creates it.
    const auto action = finished ? ds::Action::finish : ds::Action::save;
    const auto from = v.row ? *kSpec.state_from(v.row->status) : ds::State::in_progress;
    const auto to = kSpec.to(kSpec.decide(from, action, actor.role));
    const auto current = v.row ? v.row->version : 0;
    if (version != current) workflow::stale(kSpec.m.name, current);
    domain::Problems problems;
    auto checked = ds::check_findings(*v.tmpl, findings, problems);
    problems.throw_if_any("抽查记录有误，请按提示修改");

    const auto cmp = ds::compare(*v.tmpl, v.self, v.review, checked);
    store::SpotCheckWrite w{std::string(kSpec.code(to)), std::string(kSpec.code(from)), findings_json(checked),
                            actor.organisation.empty() ? actor.name : actor.organisation, to == ds::State::finished,
                            static_cast<int>(cmp.clauses.size()), cmp.self.agree, std::nullopt, cmp.self.rate.hundredths(), std::nullopt};
    if (cmp.review) {
      w.review_agree = cmp.review->agree;
      w.review_rate = cmp.review->rate.hundredths();
    }
    std::int64_t id = 0;
    if (v.row) {
      if (!store::update_spot_check(c, v.row->id, version, w, now_ms)) throw Failure(Error::conflict, "抽查记录已被他人保存，请刷新后重试");
      id = v.row->id;
    } else {
      try {
        id = store::insert_spot_check(c, v.monthly.id, v.monthly.declaration_id, w, now_ms);
      } catch (const store::DbError& e) {
        if (e.kind() == store::DbError::Kind::unique_violation) throw Failure(Error::conflict, "抽查记录已被他人保存，请刷新后重试");
        throw;
      }
    }
    if (finished) {
      std::vector<store::Dispute> disputes;
      for (bool review_side : {false, true})
        for (const auto* d : cmp.disputed(review_side))
          disputes.push_back({review_side ? "review" : "self", d->clause->code, d->clause->text});
      store::insert_disputes(c, id, disputes);
    }
    std::string note = v.monthly.period + " 自评符合率 " + rate_text(cmp.self);
    if (cmp.review) note += "，复核符合率 " + rate_text(*cmp.review);
    workflow::audit(c, app.audit_key, actor, now, kSpec, id, v.monthly.declaration_id, kSpec.code(action),
                    v.row ? std::optional(from) : std::nullopt, to, note);
    return view_of(app, c, actor, monthly_id);
  });
}

AgreementAnalytics agreement_analytics(app::App& app, const domain::Actor& actor, const store::AgreementQuery& q, domain::Points threshold) {
  require_authority(actor);
  const auto scope = domain::Scope::of(actor);
  AgreementAnalytics out;
  out.threshold = threshold;
  app.db->read([&](store::Connection& c) {
    for (bool supervisors : {false, true}) {
      auto samples = store::agreement_samples(c, scope, supervisors, q);
      std::map<std::int64_t, std::vector<std::pair<std::string, std::string>>> disputed;
      for (auto& [id, d] : store::disputes_of(c, scope, supervisors, q)) disputed[id].emplace_back(d.clause, d.clause_text);
      std::map<std::string, std::pair<std::string, std::vector<ds::Sample>>> by_enterprise;  // uscc → name, samples
      for (const auto& s : samples) {
        auto& e = by_enterprise[s.uscc];
        e.first = s.name;
        e.second.push_back({domain::Points::from_hundredths(s.rate), disputed[s.spot_check_id]});
      }
      auto& rows = supervisors ? out.supervisors : out.contractors;
      for (const auto& [uscc, e] : by_enterprise) rows.push_back({uscc, e.first, ds::aggregate(e.second, threshold)});
      std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.agreement.mean != b.agreement.mean ? a.agreement.mean < b.agreement.mean : a.name < b.name;
      });
      if (!supervisors) out.spot_checks = static_cast<int>(samples.size());
    }
    return 0;
  });
  return out;
}

}  // namespace qsm::service
