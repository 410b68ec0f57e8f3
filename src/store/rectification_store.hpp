// Rectification order persistence (整改指令单, issue 24): the orders within the declaration scope, their
// items, rounds, per-round replies and re-check results, photos, the gapless numbering per authority
// and year, the statistics of a scope and the overdue orders the daily reminder reads. Every write of
// an order checks the version read; false means someone else changed it first.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.hpp"
#include "store/db.hpp"
#include "store/declaration_scope.hpp"

namespace qsm::store {

struct RectificationRow : DeclarationRef {
  std::int64_t id = 0, authority_id = 0, version = 0;
  int year = 0, seq = 0, round = 1;
  std::string number, kind, status, deadline, recheck_by, basis;
  std::optional<std::int64_t> source_monthly_id;
  std::optional<std::string> source_period;
  std::string issued_by, issuer_name;  // the actor's reference and its organisation (or name)
  std::int64_t issued_at = 0, updated_at = 0;
  bool ever_replied = false;
  std::optional<std::int64_t> closed_at;
  int items_count = 0, open_items = 0;
};

struct RectificationItemRow {
  std::int64_t id = 0, rectification_id = 0;
  int position = 0;
  std::optional<std::string> clause, clause_text;
  std::string problem;
  std::optional<int> passed_round;  // the round whose re-check passed it
};

struct RectificationRoundRow {
  int round = 1;
  std::string deadline;
  std::optional<std::int64_t> replied_at, confirmed_at, rechecked_at;
  std::optional<std::string> replied_by, confirm_opinion, confirmed_by, rechecked_by;
  std::optional<bool> confirm_agree;
};

struct RectificationReplyRow {
  std::int64_t item_id = 0;
  int round = 1;
  std::string measure;
  std::optional<bool> passed;
  std::optional<std::string> note;
};

struct RectificationPhotoRow {
  std::int64_t id = 0, rectification_id = 0, item_id = 0;
  std::string side;  // issue or reply
  int round = 1;
  std::string display_sha256, thumbnail_sha256;
  int width = 0, height = 0;
  std::string original_sha256, original_format;
  std::int64_t original_bytes = 0;
  std::optional<std::string> taken_at, gps;
  std::string uploaded_by, uploader_name;
  std::int64_t uploaded_at = 0;
};

std::optional<RectificationRow> find_rectification(Connection& c, const domain::Scope& scope, std::int64_t id);
std::vector<RectificationRow> rectifications_of_declaration(Connection& c, const domain::Scope& scope, std::int64_t declaration_id);

struct RectificationQuery : ListQuery {
  std::string kind;        // rectify, stop_work or empty
  std::string overdue_on;  // "YYYY-MM-DD": only issued orders due before this day; empty for any
};
bool valid_rectification_sort(std::string_view sort);
using RectificationPage = Page<RectificationRow>;
RectificationPage list_rectifications(Connection& c, const domain::Scope& scope, const RectificationQuery& q);
void each_rectification(Connection& c, const domain::Scope& scope, const RectificationQuery& q,
                        const std::function<void(const RectificationRow&)>& on_row);

// The next number of the authority's year, raised in the caller's transaction (its row lock orders
// concurrent issuers; a rolled-back issue gives its number back with the rest of the transaction).
int next_rectification_seq(Connection& c, std::int64_t authority_id, int year);

struct RectificationInsert {
  std::int64_t declaration_id = 0, authority_id = 0;
  int year = 0, seq = 0;
  std::string number, kind, status, deadline, recheck_by, basis, issued_by, issuer_name;
  std::optional<std::int64_t> source_monthly_id;
  std::int64_t now_ms = 0;
};
std::int64_t insert_rectification(Connection& c, const RectificationInsert& r);
std::int64_t insert_rectification_item(Connection& c, std::int64_t rectification_id, int position, const std::optional<std::string>& clause,
                                       const std::optional<std::string>& clause_text, const std::string& problem);
void insert_rectification_round(Connection& c, std::int64_t rectification_id, int round, const std::string& deadline);

std::vector<RectificationItemRow> rectification_items(Connection& c, std::int64_t rectification_id);
std::vector<RectificationRoundRow> rectification_rounds(Connection& c, std::int64_t rectification_id);
std::vector<RectificationReplyRow> rectification_replies(Connection& c, std::int64_t rectification_id);

// The order's state after a step: status, round, deadline, whether it was ever replied, when closed.
struct RectificationState {
  std::string status, deadline;
  int round = 1;
  bool ever_replied = false;
  std::optional<std::int64_t> closed_at;
};
bool update_rectification(Connection& c, std::int64_t id, std::int64_t version, const RectificationState& s, std::int64_t now_ms);
// The round's reply per item (a reply sent back by the supervision office is replaced by the next).
void save_rectification_reply(Connection& c, std::int64_t item_id, int round, const std::string& measure);
void round_replied(Connection& c, std::int64_t rectification_id, int round, const std::string& by, std::int64_t at);
void round_confirmed(Connection& c, std::int64_t rectification_id, int round, bool agree, const std::string& opinion, const std::string& by,
                     std::int64_t at);
void save_recheck_result(Connection& c, std::int64_t item_id, int round, bool passed, const std::string& note);
void round_rechecked(Connection& c, std::int64_t rectification_id, int round, const std::string& by, std::int64_t at);

// Photos: serialised per order (PostgreSQL: a row lock on the order; SQLite has one writer).
void lock_rectification(Connection& c, std::int64_t rectification_id);
int count_rectification_photos(Connection& c, std::int64_t item_id, std::string_view side, int round);
struct RectificationPhotoInsert {
  RectificationPhotoRow row;  // id ignored
  std::string display, thumbnail;  // JPEG bytes, or empty when the images are stored already (a spot-check's photo taken over)
};
std::int64_t insert_rectification_photo(Connection& c, const RectificationPhotoInsert& p);
std::optional<RectificationPhotoRow> find_rectification_photo(Connection& c, std::int64_t rectification_id, std::int64_t photo_id);
std::vector<RectificationPhotoRow> rectification_photos(Connection& c, std::int64_t rectification_id);
void delete_rectification_photo(Connection& c, const RectificationPhotoRow& p);

// The statistics of a scope on `today` ("YYYY-MM-DD"), orders closed since `month_start_ms` this month.
struct RectificationCounts {
  std::int64_t open = 0, overdue = 0, closed = 0, closed_this_month = 0;
  std::int64_t close_ms_total = 0;  // the sum of (closed − issued) over the closed orders
};
struct RectificationGroup {
  std::string key, name;  // district, or the enterprise's USCC and name
  RectificationCounts counts;
};
struct ClauseCount {
  std::string clause, clause_text;
  std::int64_t count = 0;
};
struct RectificationStats {
  RectificationCounts total;
  std::vector<RectificationGroup> by_district, by_enterprise;
  std::vector<ClauseCount> top_clauses;
};
RectificationStats rectification_stats(Connection& c, const domain::Scope& scope, const std::string& today, std::int64_t month_start_ms);

// The issued orders due before `today`, city-wide, with the contractor's project manager.
struct OverdueRectification {
  std::int64_t id = 0, declaration_id = 0;
  std::string number, deadline, registration_no, project_name, manager, mobile;
};
std::vector<OverdueRectification> overdue_rectifications(Connection& c, const std::string& today);
// Records the day's reminder of the order; false when it was recorded already.
bool record_rectification_reminder(Connection& c, std::int64_t id, const std::string& day, const std::string& recipient,
                                   const std::string& mobile_masked, std::int64_t now_ms);
void forget_rectification_reminder(Connection& c, std::int64_t id, const std::string& day);

}  // namespace qsm::store
