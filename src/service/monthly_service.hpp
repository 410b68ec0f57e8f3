// The monthly evaluation workflow (SPEC §3.3/§3.4): every change reads the record in the caller's
// scope, lets the domain decide, scores the sheet with the declaration's pinned template against
// the earlier months' deductions, writes with the version read and audits, in one transaction.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "domain/scoring/engine.hpp"
#include "domain/workflow/management.hpp"
#include "domain/workflow/monthly.hpp"
#include "service/photo_service.hpp"
#include "store/declaration_store.hpp"
#include "store/monthly_store.hpp"

namespace qsm::service {

// What the monthly calendar rule needs of an accepted declaration: its acceptance (ms), now, its
// evaluations {period, status}, its registered suspension intervals and its management status.
domain::monthly::Calendar month_calendar(std::int64_t accepted_ms, domain::Instant now,
                                         const std::vector<std::pair<std::string, std::string>>& existing,
                                         const std::vector<domain::management::Interval>& suspended,
                                         const std::optional<std::string>& management_status);

using domain::monthly::Sheet;

store::MonthlyRow get_monthly(app::App& app, const domain::Actor& actor, std::int64_t id);

// A month as its page shows it, read in one snapshot (one transaction, not one per part): the
// evaluation, the photos its viewer may see and, for whoever may edit one of its sheets now, each
// clause's count of earlier months that deducted it (the n a tick counts from; the page scores ticks
// itself with it).
struct MonthlyDetail {
  store::MonthlyRow month;
  MonthPhotos photos;
  std::optional<domain::scoring::History> history;
};
MonthlyDetail monthly_detail(app::App& app, const domain::Actor& actor, std::int64_t id);
// The same for a month just written (m as the write returned it, read within the actor's scope):
// its photos and history only.
MonthlyDetail monthly_detail(app::App& app, const domain::Actor& actor, store::MonthlyRow m);

struct DeclarationMonths {
  store::DeclarationRow declaration;
  std::vector<store::MonthlyRow> items;  // newest first
  domain::monthly::NextMonth next;       // what the contractor may create now
};
DeclarationMonths declaration_months(app::App& app, const domain::Actor& actor, std::int64_t declaration_id);

store::MonthlyRow create_monthly(app::App& app, const domain::Actor& actor, std::int64_t declaration_id, const std::string& period);
// Saves a sheet (the self sheet in draft; the review sheet while submitted or reviewed) and scores it;
// the month as its page shows it afterwards.
MonthlyDetail save_sheet(app::App& app, const domain::Actor& actor, std::int64_t id, Sheet sheet, std::int64_t version,
                             const domain::scoring::SheetInput& input);
// What saving would give, stored nowhere (problem texts may still be missing).
domain::scoring::SheetResult preview_sheet(app::App& app, const domain::Actor& actor, std::int64_t id, Sheet sheet,
                                           const domain::scoring::SheetInput& input);
// submit (the contractor's self sheet) and review_submit (the site supervisor's review sheet): the
// sheet is rescored against today's history and frozen.
store::MonthlyRow submit_sheet(app::App& app, const domain::Actor& actor, std::int64_t id, Sheet sheet, std::int64_t version);

struct DeductionHistory {
  std::vector<store::DeductionRecord> items;
  std::shared_ptr<const domain::scoring::Template> tmpl;  // for names and clause texts
};
DeductionHistory deduction_history(app::App& app, const domain::Actor& actor, std::int64_t declaration_id);

// The template a monthly evaluation is scored with.
std::shared_ptr<const domain::scoring::Template> template_of(app::App& app, const store::MonthlyRow& m);

}  // namespace qsm::service
