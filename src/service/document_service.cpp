// Printouts and their verification: the code is random, only its SHA-256 is stored, and a code that
// names no printout is answered exactly as a malformed one.
#include "service/document_service.hpp"

#include <array>

#include "crypto/secret.hpp"
#include "domain/grade.hpp"
#include "domain/points.hpp"
#include "domain/spot_check.hpp"
#include "domain/workflow/completion.hpp"
#include "domain/workflow/declaration.hpp"
#include "domain/workflow/monthly.hpp"
#include "domain/workflow/rectification.hpp"
#include "service/rectification_service.hpp"
#include "store/completion_store.hpp"
#include "store/declaration_store.hpp"
#include "store/document_store.hpp"
#include "store/monthly_store.hpp"
#include "store/rectification_store.hpp"

namespace qsm::service {
namespace {

struct KindInfo {
  DocumentKind kind;
  std::string_view code, label, prefix;
};
constexpr std::array kKinds{
    KindInfo{DocumentKind::declaration, "declaration", "申报表", "SB"},
    KindInfo{DocumentKind::monthly, "monthly", "月度评价表", "YP"},
    KindInfo{DocumentKind::completion, "completion", "竣工评价表", "JG"},
    KindInfo{DocumentKind::rectification, "rectification", "整改指令单", "ZG"},
    KindInfo{DocumentKind::spot_check, "spot_check", "抽查比对记录", "CC"},
};
const KindInfo& info(DocumentKind k) { return kKinds[static_cast<std::size_t>(k)]; }
std::optional<DocumentKind> kind_from(std::string_view code) {
  for (const auto& k : kKinds)
    if (k.code == code) return k.kind;
  return std::nullopt;
}

constexpr std::size_t kCodeBytes = 16;  // 128 bits

bool well_formed(std::string_view code) {
  if (code.size() != 2 * kCodeBytes) return false;
  for (char ch : code)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}

std::string score_text(std::optional<std::int64_t> hundredths) {
  return hundredths ? domain::Points::from_hundredths(*hundredths).to_string() : std::string("—");
}

// The record a printout shows, as it is now; `check.exists` false when it is gone.
void read_live(store::Connection& c, const store::DocumentRow& d, DocumentKind kind, const app::App& app, DocumentCheck& check) {
  const domain::Scope everyone{.all = true, .sees_drafts = true};  // a printout may show a draft
  auto project = [&](const store::DeclarationRef& r) {
    check.registration_no = r.registration_no;
    check.project_name = r.project_name;
  };
  switch (kind) {
    case DocumentKind::declaration: {
      auto r = store::find_declaration(c, everyone, d.entity_id);
      if (!r) break;
      check.registration_no = r->registration_no;
      check.project_name = r->project_name;
      check.state_label = domain::declaration::state_label(r->status);
      check.current = r->version == d.entity_version;
      check.figures = {{"质量目标", r->quality_target}, {"计划开工", r->planned_start}, {"计划竣工", r->planned_finish}};
      return;
    }
    case DocumentKind::monthly:
    case DocumentKind::spot_check: {
      auto m = store::find_monthly(c, everyone, d.entity_id);
      if (!m) break;
      project(*m);
      check.state_label = domain::monthly::state_label(m->status);
      check.current = m->version == d.entity_version;
      check.figures = {{"评价期间", m->period}, {"自评得分", score_text(m->self_score)}, {"复核得分", score_text(m->review_score)}};
      if (kind == DocumentKind::spot_check)
        check.figures.emplace_back("抽查比对", m->spot_check_status ? std::string(domain::spot_check::state_label(*m->spot_check_status)) : "未开始");
      return;
    }
    case DocumentKind::completion: {
      auto r = store::find_completion(c, everyone, d.entity_id);
      if (!r) break;
      project(*r);
      check.state_label = domain::completion::state_label(r->status);
      check.current = r->version == d.entity_version;
      std::string conclusion = "—";
      if (r->conclusion)
        if (auto g = domain::grade_from(*r->conclusion)) conclusion = domain::label(*g);
      check.figures = {{"竣工日期", r->fields.completion_date}, {"总得分", score_text(r->score)}, {"评价结论", conclusion}};
      return;
    }
    case DocumentKind::rectification: {
      auto r = store::find_rectification(c, everyone, d.entity_id);
      if (!r) break;
      project(*r);
      namespace dr = domain::rectification;
      const int late = overdue_days(*r, domain::shanghai_date(app.clock.now()));
      check.state_label = dr::status_label(dr::state_from(r->status).value_or(dr::State::issued), late);
      check.current = r->version == d.entity_version;
      check.figures = {{"指令单编号", r->number},
                       {"整改期限", r->deadline},
                       {"问题项", std::to_string(r->items_count) + " 项，未销项 " + std::to_string(r->open_items) + " 项"}};
      return;
    }
  }
  check.exists = false;
  check.current = false;
  check.state_label = "记录已删除";
}

}  // namespace

std::string_view to_string(DocumentKind k) { return info(k).code; }
std::string_view label(DocumentKind k) { return info(k).label; }

IssuedDocument issue_document(app::App& app, const domain::Actor& actor, DocumentKind kind, std::int64_t entity_id,
                              std::int64_t version) {
  IssuedDocument out;
  out.code = crypto::random_hex(kCodeBytes);
  out.printed_at = app.clock.now();
  const std::string day = domain::format_date(domain::shanghai_date(out.printed_at));
  const std::string compact = day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2);
  const std::string by = actor.organisation.empty() || actor.organisation == actor.name ? actor.name : actor.organisation + " / " + actor.name;
  auto row = app.db->write([&](store::Connection& c) {
    return store::insert_document(c, crypto::sha256_hex(out.code), std::string(info(kind).prefix), compact, std::string(info(kind).code),
                                  entity_id, version, domain::to_millis(out.printed_at), by);
  });
  out.id = row.id;
  out.number = row.number;
  return out;
}

void seal_document(app::App& app, std::int64_t id, const std::string& sha256) {
  app.db->write([&](store::Connection& c) { store::set_document_sha256(c, id, sha256); });
}

std::optional<DocumentCheck> check_document(app::App& app, std::string_view code) {
  if (!well_formed(code)) return std::nullopt;
  return app.db->read([&](store::Connection& c) -> std::optional<DocumentCheck> {
    auto d = store::find_document(c, crypto::sha256_hex(code));
    if (!d) return std::nullopt;
    auto kind = kind_from(d->kind);
    if (!kind) return std::nullopt;
    DocumentCheck check;
    check.kind_label = info(*kind).label;
    check.number = d->number;
    check.sha256 = d->sha256.value_or("");
    check.printed_at = domain::from_millis(d->printed_at);
    read_live(c, *d, *kind, app, check);
    return check;
  });
}

}  // namespace qsm::service
