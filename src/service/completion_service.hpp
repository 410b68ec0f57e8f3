// The completion evaluation workflow (SPEC §3.6): the contractor applies when the evaluation
// record is complete (the 15th-day rule), the site supervisor reviews (同意/不同意), a rejected
// application is edited and resubmitted, and the authority's registration ends quality-
// standardization management (declaration → completed). One transaction per step, audited.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "domain/grade.hpp"
#include "domain/workflow/completion.hpp"
#include "store/completion_store.hpp"
#include "store/declaration_store.hpp"
#include "store/quarterly_store.hpp"

namespace qsm::service {

struct CompletionDetail {
  store::CompletionRow row;
  std::vector<store::QuarterMonth> months;       // every evaluation of the declaration, oldest first
  std::vector<store::QuarterlyRow> quarters;     // oldest first
  std::vector<store::CompletionRound> rounds;    // the submitted reviews, oldest first
};

// Whether the contractor may apply now, and if not, exactly why.
struct CompletionCheck {
  bool ready = false;
  std::optional<domain::YearMonth> last_due;
  std::vector<std::string> missing_months, unregistered_quarters;
  std::string message;
};

struct DeclarationCompletion {
  store::DeclarationRow declaration;
  std::optional<CompletionDetail> completion;
  CompletionCheck check;
};
DeclarationCompletion declaration_completion(app::App& app, const domain::Actor& actor, std::int64_t declaration_id);

CompletionDetail get_completion(app::App& app, const domain::Actor& actor, std::int64_t id);

CompletionDetail apply_completion(app::App& app, const domain::Actor& actor, std::int64_t declaration_id,
                                  const store::CompletionFields& fields);
CompletionDetail save_completion_review(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version, bool agree,
                                        const std::string& opinion);
CompletionDetail submit_completion_review(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version);
CompletionDetail resubmit_completion(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                     const store::CompletionFields& fields);
CompletionDetail register_completion(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                     const std::string& opinion, domain::Grade conclusion);

}  // namespace qsm::service
