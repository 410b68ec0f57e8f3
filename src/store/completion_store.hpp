// Completion evaluation persistence: one record per declaration, scoped reads, optimistic-version
// writes, and the declaration's management status that its registration ends.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"

namespace qsm::store {

struct CompletionFields {
  std::string completion_date, acceptance_info, self_assessment;
};

struct CompletionRow : DeclarationRef {
  std::int64_t id = 0, version = 0;
  std::string status;
  CompletionFields fields;
  std::optional<std::int64_t> score;  // hundredths
  std::optional<bool> review_agree;
  std::optional<std::string> review_opinion, reviewer;
  std::optional<std::int64_t> reviewed_at;
  std::optional<std::string> register_opinion, conclusion, registered_by;
  std::optional<std::int64_t> registered_at;
  std::int64_t applied_at = 0, submitted_at = 0, updated_at = 0;
};

std::optional<CompletionRow> find_completion(Connection& c, const domain::Scope& scope, std::int64_t id);
std::optional<CompletionRow> completion_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id);

bool valid_completion_sort(std::string_view sort);
using CompletionPage = Page<CompletionRow>;
CompletionPage list_completions(Connection& c, const domain::Scope& scope, const ListQuery& q);
void each_completion(Connection& c, const domain::Scope& scope, const ListQuery& q, const std::function<void(const CompletionRow&)>& on_row);

// A unique violation (DbError) when the declaration has a completion already. Every write takes the
// state it leads to (from the workflow's spec); each checks the version read, and false means someone
// else changed the row first.
std::int64_t insert_completion(Connection& c, std::int64_t declaration_id, const CompletionFields& f, std::optional<std::int64_t> score,
                               std::int64_t now_ms, const std::string& status);
bool save_completion_review(Connection& c, std::int64_t id, std::int64_t version, bool agree, const std::string& opinion,
                            const std::string& reviewer, std::int64_t now_ms);
bool set_completion_status(Connection& c, std::int64_t id, std::int64_t version, const std::string& status, std::int64_t now_ms);
// A submitted 竣工复核 (issue 26): every round kept, oldest first.
struct CompletionRound {
  int round = 0;
  bool agree = false;
  std::string opinion;
  std::optional<std::string> reviewer;
  std::optional<std::int64_t> reviewed_at;
  std::int64_t submitted_at = 0;
};
// The completion's saved review becomes its next round.
void insert_completion_round(Connection& c, const CompletionRow& row, std::int64_t now_ms);
std::vector<CompletionRound> completion_rounds(Connection& c, std::int64_t completion_id);
// The contractor's edited application goes back to review with the review cleared.
bool resubmit_completion(Connection& c, std::int64_t id, std::int64_t version, const CompletionFields& f,
                         std::optional<std::int64_t> score, std::int64_t now_ms, const std::string& status);
bool register_completion(Connection& c, std::int64_t id, std::int64_t version, const std::string& opinion, const std::string& conclusion,
                         const std::string& registered_by, std::optional<std::int64_t> score, std::int64_t now_ms, const std::string& status);

}  // namespace qsm::store
