// The quarterly registration workflow (SPEC §3.5): a month filed by the site supervisor opens (or
// reopens) its quarter in the same transaction; the authority registers it, which registers the
// quarter's filed months. Scores are the exact mean of the filed review scores.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "domain/grade.hpp"
#include "domain/period.hpp"
#include "store/quarterly_store.hpp"

namespace qsm::service {

struct QuarterlyDetail {
  store::QuarterlyRow row;
  std::vector<store::QuarterMonth> months;  // the evaluations of the quarter's months, oldest first
  std::optional<domain::YearMonth> accepted;  // the declaration's first due month
  domain::YearMonth current;                  // today's month: later months are not due yet
  std::set<domain::YearMonth> suspended;      // the quarter's wholly suspended months: not due
  std::vector<store::RegistrationRecord> registrations;  // newest first
};

QuarterlyDetail get_quarterly(app::App& app, const domain::Actor& actor, std::int64_t id);

struct RegistrationInput {
  std::int64_t version = 0;
  std::string inspection_date, inspectors, opinion;
  domain::Grade conclusion = domain::Grade::qualified;
};
QuarterlyDetail register_quarter(app::App& app, const domain::Actor& actor, std::int64_t id, const RegistrationInput& in);

// Inside the transaction that filed `period` of the declaration: its quarter becomes (or stays)
// pending with the score of its filed months, and the change is audited.
void quarter_month_filed(store::Connection& c, const store::AuditKey& key, const domain::Actor& actor, domain::Instant now,
                         std::int64_t declaration_id, const std::string& period);

// The months that count for a score — filed or registered — with their periods and the exact mean
// of their review scores (the quarter's score over its months, the completion's over all months).
struct FiledMonths {
  std::vector<std::string> periods;
  std::optional<domain::Points> score;
};
FiledMonths filed_months(const std::vector<store::QuarterMonth>& months);

}  // namespace qsm::service
