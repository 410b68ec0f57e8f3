// The spot-check comparison (抽查比对, SPEC §3.9): the authority records per clause whether the site
// conforms, saves repeatedly (with versions) until it finishes; each save stores the agreement figures
// and is audited; finishing records the disputed clauses. The analytics turn the finished spot-checks
// in the authority's scope into a measure per construction and per supervision enterprise.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "domain/spot_check.hpp"
#include "store/monthly_store.hpp"
#include "store/photo_store.hpp"
#include "store/spot_check_store.hpp"

namespace qsm::service {

// What the comparison page needs; compare(*tmpl, self, review, findings) gives the clause rows.
struct SpotCheckView {
  store::MonthlyRow monthly;
  std::shared_ptr<const domain::scoring::Template> tmpl;
  domain::scoring::SheetInput self;
  std::optional<domain::scoring::SheetInput> review;
  std::map<std::string, domain::spot_check::Finding> findings;
  std::optional<store::SpotCheckRow> row;
  // The authority's photos of its findings, by clause (issue 23).
  std::map<std::string, std::vector<store::PhotoRow>> photos;
};

SpotCheckView get_spot_check(app::App& app, const domain::Actor& actor, std::int64_t monthly_id);
// version 0 for the first save; `finished` makes it final.
SpotCheckView save_spot_check(app::App& app, const domain::Actor& actor, std::int64_t monthly_id, std::int64_t version,
                              const std::vector<domain::spot_check::Finding>& findings, bool finished);

struct EnterpriseAgreementRow {
  std::string uscc, name;
  domain::spot_check::EnterpriseAgreement agreement;
};
struct AgreementAnalytics {
  domain::Points threshold;
  int spot_checks = 0;
  std::vector<EnterpriseAgreementRow> contractors, supervisors;  // lowest mean first
};
AgreementAnalytics agreement_analytics(app::App& app, const domain::Actor& actor, const store::AgreementQuery& q, domain::Points threshold);

}  // namespace qsm::service
