// The rectification order workflow (整改指令单, issue 24): the authority issues a numbered order for an
// accepted declaration of its district (free items, or the non-conforming clauses of a spot-check with
// their notes and photos); the contractor or its 项目部 replies per item with a measure and photos; the
// site supervisor confirms or sends it back with an opinion; the authority re-checks each item: all
// passed closes it, otherwise the rest is issued again with a new deadline. One transaction per step,
// through the spec's machine, audited.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/actor.hpp"
#include "domain/workflow/rectification.hpp"
#include "service/app.hpp"
#include "service/photo_service.hpp"
#include "store/rectification_store.hpp"

namespace qsm::service {

struct RectificationDetail {
  store::RectificationRow row;
  std::vector<store::RectificationItemRow> items;
  std::vector<store::RectificationRoundRow> rounds;
  std::vector<store::RectificationReplyRow> replies;  // every item's reply per round
  std::vector<store::RectificationPhotoRow> photos;
};

inline constexpr int kMaxRectificationItems = 50;
inline constexpr int kPhotosPerRectificationItem = 9;  // per item, side and round

struct IssueItem {
  std::optional<std::string> clause;
  std::string problem;
};
struct IssueRequest {
  std::int64_t declaration_id = 0;
  std::string kind, deadline, recheck_by, basis;
  std::optional<std::int64_t> spot_check;  // the monthly evaluation whose spot-check's non-conforming clauses become items
  std::vector<IssueItem> items;
};
RectificationDetail issue_rectification(app::App& app, const domain::Actor& actor, const IssueRequest& req);

RectificationDetail get_rectification(app::App& app, const domain::Actor& actor, std::int64_t id);
std::vector<store::RectificationRow> declaration_rectifications(app::App& app, const domain::Actor& actor, std::int64_t declaration_id);
store::RectificationPage list_rectifications(app::App& app, const domain::Actor& actor, const store::RectificationQuery& q);
void each_rectification(app::App& app, const domain::Actor& actor, const store::RectificationQuery& q,
                        const std::function<void(const store::RectificationRow&)>& on_row);
store::RectificationStats rectification_stats(app::App& app, const domain::Actor& actor);

struct ReplyItem {
  std::int64_t id = 0;
  std::string measure;
};
RectificationDetail reply_rectification(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                        const std::vector<ReplyItem>& items);
RectificationDetail confirm_rectification(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version, bool agree,
                                          const std::string& opinion);
struct RecheckItem {
  std::int64_t id = 0;
  bool passed = false;
  std::string note;
};
RectificationDetail recheck_rectification(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                          const std::vector<RecheckItem>& items, const std::optional<std::string>& deadline);

// Photos of an item: the side the actor may add now (domain::rectification::photo_side), else 403/409.
store::RectificationPhotoRow add_rectification_photo(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t item_id,
                                                     std::string_view content_type, std::string_view bytes);
PhotoImage rectification_photo_image(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t photo_id, bool thumbnail);
void delete_rectification_photo(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t photo_id);
// The thumbnails of the order's photos, for printing.
std::vector<std::pair<store::RectificationPhotoRow, std::string>> rectification_thumbnails(app::App& app, const RectificationDetail& d);

// Today's overdue state of an order (0 when not overdue).
int overdue_days(const store::RectificationRow& r, domain::Date today);

// One SMS per overdue order and day to the contractor's project manager (called by the daily reminder
// run, which holds the day's lease); returns {sent, failed}.
std::pair<int, int> send_rectification_reminders(app::App& app, domain::Date today);

}  // namespace qsm::service
