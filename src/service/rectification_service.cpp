// Rectification order service.
#include "service/rectification_service.hpp"

#include <set>
#include <spdlog/spdlog.h>

#include "domain/checksum.hpp"
#include "domain/problems.hpp"
#include "domain/workflow/management.hpp"
#include "service/spot_check_service.hpp"
#include "service/workflow_step.hpp"
#include "store/declaration_store.hpp"
#include "store/identity_store.hpp"
#include "store/photo_store.hpp"

namespace qsm::service {

namespace dr = domain::rectification;

namespace {

constexpr const auto& kSpec = dr::kSpec;
using Request = workflow::Request<dr::Action, store::RectificationRow>;

store::RectificationRow load(store::Connection& c, const domain::Actor& actor, std::int64_t id) {
  auto row = store::find_rectification(c, domain::Scope::of(actor), id);
  if (!row) throw Failure(Error::not_found, "整改指令单不存在");
  return std::move(*row);
}

RectificationDetail detail(store::Connection& c, store::RectificationRow row) {
  RectificationDetail d{std::move(row), {}, {}, {}, {}};
  d.items = store::rectification_items(c, d.row.id);
  d.rounds = store::rectification_rounds(c, d.row.id);
  d.replies = store::rectification_replies(c, d.row.id);
  d.photos = store::rectification_photos(c, d.row.id);
  return d;
}

dr::State state_of(const store::RectificationRow& r) {
  auto s = dr::state_from(r.status);
  if (!s) throw Failure(Error::internal, "整改指令单状态未知：" + r.status);
  return *s;
}

// One step of the machine on a stored order; `write` does the step's own writing and returns the trail note.
template <class Write>
RectificationDetail step(app::App& app, const domain::Actor& actor, std::int64_t id, const Request& req, Write write) {
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    return detail(c, workflow::step(c, app.audit_key, actor, now, kSpec, [&] { return load(c, actor, id); }, req,
                                     [&](const store::RectificationRow& row, const auto& taken) { return write(c, row, taken); }));
  });
}

// The items of an order being issued, in order: the spot-check's non-conforming clauses, then the body's.
struct PlannedItem {
  std::optional<std::string> clause, clause_text;
  std::string problem;
  std::vector<store::PhotoRow> photos;  // a spot-check finding's, taken over
};

std::vector<PlannedItem> items_from_spot_check(app::App& app, const domain::Actor& actor, const IssueRequest& req, domain::Problems& problems) {
  std::vector<PlannedItem> out;
  const auto view = get_spot_check(app, actor, *req.spot_check);
  if (view.monthly.declaration_id != req.declaration_id) {
    problems.add("$.source.spot_check", "该月度评价不属于所选工程");
    return out;
  }
  if (!view.row) {
    problems.add("$.source.spot_check", view.monthly.period + " 尚未抽查比对（或抽查比对尚未保存）：请先在抽查比对页面记录并保存结论");
    return out;
  }
  for (const auto& [code, f] : view.findings) {
    if (f.conforms) continue;
    const auto* clause = view.tmpl->find_clause(code);
    PlannedItem item;
    item.clause = code;
    item.clause_text = clause ? std::optional<std::string>(clause->text) : std::nullopt;
    item.problem = !f.note.empty() ? f.note : clause ? clause->text : "条文 " + code + " 不符合";
    if (auto it = view.photos.find(code); it != view.photos.end()) item.photos = it->second;
    out.push_back(std::move(item));
  }
  if (out.empty() && req.items.empty()) problems.add("$.source.spot_check", view.monthly.period + " 的抽查比对中没有不符合的条文");
  return out;
}

store::DeclarationRow issuable_declaration(store::Connection& c, const domain::Actor& actor, std::int64_t declaration_id) {
  auto d = store::find_declaration(c, domain::Scope::of(actor), declaration_id);
  if (!d) throw Failure(Error::not_found, "申报不存在");
  if (!d->accepted_at)
    throw Failure(Error::invalid_transition, "申报尚未受理，不能下发整改指令单", boost::json::object{{"status", d->status}});
  namespace mg = domain::management;
  const auto status = mg::status_from(d->management_status.value_or(""));
  if (status == mg::Status::completed || status == mg::Status::terminated)
    throw Failure(Error::invalid_transition, "工程已结束质量标准化管理（" + std::string(mg::status_label(*d->management_status)) + "），不能下发整改指令单",
                  boost::json::object{{"management_status", *d->management_status}});
  return std::move(*d);
}

// Which photos the actor may add or remove on the order now, with the refusal worded as for a step.
dr::PhotoSide photo_side_or_refuse(const store::RectificationRow& row, const domain::Actor& actor) {
  const auto state = state_of(row);
  if (auto side = dr::photo_side(state, row.round, row.ever_replied, actor.role)) return *side;
  const bool ever = actor.role == domain::Role::authority || actor.role == domain::Role::contractor || actor.role == domain::Role::site_contractor;
  if (!ever) throw Failure(Error::forbidden, "当前角色不能为整改指令单添加或删除照片");
  throw Failure(Error::invalid_transition,
                "整改指令单当前为「" + std::string(dr::label(state)) + "」，" +
                    (actor.role == domain::Role::authority ? "下发后施工单位回复前才能添加或删除问题照片" : "只有待整改时才能添加或删除整改照片"),
                boost::json::object{{"status", row.status}});
}

void audit_photo(store::Connection& c, const app::App& app, const domain::Actor& actor, domain::Instant now, const store::RectificationRow& row,
                 std::string_view event, const store::RectificationPhotoRow& p, const store::RectificationItemRow& item) {
  std::string note = std::string(p.side == "issue" ? "问题照片" : "整改照片") + "：第 " + std::to_string(item.position) + " 项 照片 #" +
                     std::to_string(p.id) + "（原图 SHA-256 " + p.original_sha256.substr(0, 16) + "…）";
  workflow::audit(c, app.audit_key, actor, now, kSpec, row.id, row.declaration_id, event, std::nullopt, std::nullopt, std::move(note));
}

const store::RectificationItemRow& item_of(const std::vector<store::RectificationItemRow>& items, std::int64_t item_id) {
  for (const auto& i : items)
    if (i.id == item_id) return i;
  throw Failure(Error::not_found, "整改项不存在");
}

// The open items a step's body names, each once, by id: a problem for an entry naming no item of the
// order, an item already closed or an item named before, or failing the step's own `check` (which
// adds its problem); and one for each open item the body leaves out. `step` is the step's word (回复, 复查).
template <class Entry, class Check>
std::map<std::int64_t, const Entry*> named_open_items(const std::vector<store::RectificationItemRow>& stored, const std::vector<Entry>& entries,
                                                      const std::string& step, domain::Problems& problems, Check check) {
  std::map<std::int64_t, const Entry*> out;
  std::set<std::int64_t> named;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string path = "$.items[" + std::to_string(i) + "]";
    const auto& e = entries[i];
    const auto it = std::find_if(stored.begin(), stored.end(), [&](const auto& s) { return s.id == e.id; });
    if (it == stored.end())
      problems.add(path + ".id", "整改指令单中没有这一项");
    else if (it->passed_round)
      problems.add(path + ".id", "第 " + std::to_string(it->position) + " 项已销项，无需再" + step);
    else if (!named.insert(e.id).second)
      problems.add(path + ".id", "同一项只能" + step + "一次");
    else if (check(e, *it, path))
      out[e.id] = &e;
  }
  for (const auto& s : stored)
    if (!s.passed_round && !named.count(s.id)) problems.add("$.items", "第 " + std::to_string(s.position) + " 项尚未" + step);
  return out;
}

}  // namespace

int overdue_days(const store::RectificationRow& r, domain::Date today) {
  auto s = dr::state_from(r.status);
  auto deadline = domain::parse_date(r.deadline);
  if (!s || !deadline) return 0;
  return dr::overdue_days(*s, *deadline, today);
}

RectificationDetail issue_rectification(app::App& app, const domain::Actor& actor, const IssueRequest& req) {
  if (actor.role != domain::Role::authority) throw Failure(Error::forbidden, "只有监督机构可以下发整改指令单");
  const auto now = app.clock.now();
  const auto today = domain::shanghai_date(now);
  // The declaration first (404 / 409), then every problem of the body at once (422).
  app.db->read([&](store::Connection& c) { return issuable_declaration(c, actor, req.declaration_id); });
  domain::Problems problems;
  const auto kind = dr::kind_from(req.kind);
  if (!kind) problems.add("$.kind", "整改类型应为 rectify（限期整改）或 stop_work（停工整改）");
  if (auto why = dr::deadline_problem(domain::parse_date(req.deadline), today)) problems.add("$.deadline", *why);
  std::vector<PlannedItem> planned;
  if (req.spot_check) planned = items_from_spot_check(app, actor, req, problems);
  return app.db->write([&](store::Connection& c) {
    const auto d = issuable_declaration(c, actor, req.declaration_id);
    const auto tmpl = d.template_id ? app.templates->get(c, *d.template_id) : nullptr;
    for (std::size_t i = 0; i < req.items.size(); ++i) {
      const auto& in = req.items[i];
      PlannedItem item;
      item.problem = in.problem;
      const std::string path = "$.items[" + std::to_string(i) + "]";
      if (item.problem.empty()) problems.add(path + ".problem", "请填写存在的问题");
      if (in.clause && !in.clause->empty()) {
        const auto* clause = tmpl ? tmpl->find_clause(*in.clause) : nullptr;
        if (!clause)
          problems.add(path + ".clause", "该工程的评分标准中没有条文 " + *in.clause);
        else {
          item.clause = clause->code;
          item.clause_text = clause->text;
        }
      }
      planned.push_back(std::move(item));
    }
    if (planned.empty() && problems.empty()) problems.add("$.items", "请至少列出一项整改问题");
    if (planned.size() > static_cast<std::size_t>(kMaxRectificationItems))
      problems.add("$.items", "一份整改指令单最多 " + std::to_string(kMaxRectificationItems) + " 项，请分开下发");
    problems.throw_if_any("整改指令单内容有误，请按提示修改");

    const int year = static_cast<int>(today.year());
    const auto district = store::me_details(c, actor).authority_district;
    store::RectificationInsert x;
    x.declaration_id = d.id;
    x.authority_id = d.authority_id;
    x.year = year;
    x.seq = store::next_rectification_seq(c, d.authority_id, year);
    x.number = dr::number(district.empty() ? d.district : district, year, x.seq);
    x.kind = std::string(dr::to_string(*kind));
    x.status = std::string(kSpec.code(dr::State::issued));
    x.deadline = req.deadline;
    x.recheck_by = req.recheck_by.empty() ? actor.name : req.recheck_by;
    x.basis = req.basis;
    x.source_monthly_id = req.spot_check;
    x.issued_by = actor.ref;
    x.issuer_name = actor.organisation.empty() ? actor.name : actor.organisation;
    x.now_ms = domain::to_millis(now);
    const auto id = store::insert_rectification(c, x);
    store::insert_rectification_round(c, id, 1, req.deadline);
    int position = 0;
    for (const auto& item : planned) {
      const auto item_id = store::insert_rectification_item(c, id, ++position, item.clause, item.clause_text, item.problem);
      for (const auto& p : item.photos) {
        store::RectificationPhotoInsert in;
        auto& r = in.row;
        r.rectification_id = id;
        r.item_id = item_id;
        r.side = std::string(dr::to_string(dr::PhotoSide::issue));
        r.round = 1;
        copy_image_fields(r, p);
        r.uploaded_by = p.uploaded_by;
        r.uploader_name = p.uploader_name;
        r.uploaded_at = p.uploaded_at;
        store::insert_rectification_photo(c, in);
      }
    }
    auto row = load(c, actor, id);
    workflow::audit(c, app.audit_key, actor, now, kSpec, row.id, row.declaration_id, dr::spec::kIssue, std::nullopt, dr::State::issued,
                    row.number + "，" + std::string(dr::label(*kind)) + "，整改期限 " + row.deadline + "，共 " + std::to_string(position) + " 项" +
                        (row.source_period ? "（来自 " + *row.source_period + " 抽查比对）" : ""));
    return detail(c, std::move(row));
  });
}

RectificationDetail get_rectification(app::App& app, const domain::Actor& actor, std::int64_t id) {
  return app.db->read([&](store::Connection& c) { return detail(c, load(c, actor, id)); });
}

std::vector<store::RectificationRow> declaration_rectifications(app::App& app, const domain::Actor& actor, std::int64_t declaration_id) {
  return app.db->read([&](store::Connection& c) {
    if (!store::find_declaration(c, domain::Scope::of(actor), declaration_id)) throw Failure(Error::not_found, "申报不存在");
    return store::rectifications_of_declaration(c, domain::Scope::of(actor), declaration_id);
  });
}

store::RectificationPage list_rectifications(app::App& app, const domain::Actor& actor, const store::RectificationQuery& q) {
  return app.db->read([&](store::Connection& c) { return store::list_rectifications(c, domain::Scope::of(actor), q); });
}

void each_rectification(app::App& app, const domain::Actor& actor, const store::RectificationQuery& q,
                        const std::function<void(const store::RectificationRow&)>& on_row) {
  app.db->read([&](store::Connection& c) {
    store::each_rectification(c, domain::Scope::of(actor), q, on_row);
    return 0;
  });
}

store::RectificationStats rectification_stats(app::App& app, const domain::Actor& actor) {
  const auto today = domain::shanghai_date(app.clock.now());
  const auto month_start = domain::to_millis(domain::shanghai_time(domain::YearMonth::of(today).day(1)));
  return app.db->read(
      [&](store::Connection& c) { return store::rectification_stats(c, domain::Scope::of(actor), domain::format_date(today), month_start); });
}

RectificationDetail reply_rectification(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                        const std::vector<ReplyItem>& items) {
  return step(app, actor, id, Request{dr::Action::reply, version, {}},
              [&](store::Connection& c, const store::RectificationRow& row, const auto& taken) {
                domain::Problems problems;
                const auto measures = named_open_items(store::rectification_items(c, row.id), items, "回复", problems,
                                                       [&](const ReplyItem& e, const store::RectificationItemRow& item, const std::string& path) {
                                                         if (!e.measure.empty()) return true;
                                                         problems.add(path + ".measure", "请填写第 " + std::to_string(item.position) + " 项的整改措施");
                                                         return false;
                                                       });
                problems.throw_if_any("整改回复有误，请按提示修改");
                for (const auto& [item_id, e] : measures) store::save_rectification_reply(c, item_id, row.round, e->measure);
                store::round_replied(c, row.id, row.round, actor.name, taken.now_ms());
                if (!store::update_rectification(c, row.id, version, {std::string(taken.to_code()), row.deadline, row.round, true, std::nullopt},
                                                 taken.now_ms()))
                  throw Failure(Error::conflict);
                return "第 " + std::to_string(row.round) + " 轮，回复 " + std::to_string(measures.size()) + " 项整改措施";
              });
}

RectificationDetail confirm_rectification(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version, bool agree,
                                          const std::string& opinion) {
  const auto branch = [agree](const store::RectificationRow&) { return agree ? workflow::Branch::usual : workflow::Branch::other; };
  return step(app, actor, id, Request{dr::Action::confirm, version, {}, branch},
              [&](store::Connection& c, const store::RectificationRow& row, const auto& taken) {
                if (!agree && opinion.empty()) throw domain::field_failure("opinion", "不同意时必须填写意见，说明还需怎样整改");
                store::round_confirmed(c, row.id, row.round, agree, opinion, actor.name, taken.now_ms());
                if (!store::update_rectification(c, row.id, version, {std::string(taken.to_code()), row.deadline, row.round, true, std::nullopt},
                                                 taken.now_ms()))
                  throw Failure(Error::conflict);
                return std::string(agree ? "同意" : "不同意") + (opinion.empty() ? "" : "：" + opinion);
              });
}

RectificationDetail recheck_rectification(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t version,
                                          const std::vector<RecheckItem>& items, const std::optional<std::string>& deadline) {
  std::vector<dr::ItemResult> results;
  for (const auto& i : items) results.push_back({i.passed});
  const auto outcome = dr::recheck_branch(results);
  const auto branch = [outcome](const store::RectificationRow&) { return outcome; };
  return step(app, actor, id, Request{dr::Action::recheck, version, {}, branch},
              [&](store::Connection& c, const store::RectificationRow& row, const auto& taken) {
                domain::Problems problems;
                const auto by_id = named_open_items(store::rectification_items(c, row.id), items, "复查", problems,
                                                    [&](const RecheckItem& e, const store::RectificationItemRow& item, const std::string& path) {
                                                      if (e.passed || !e.note.empty()) return true;
                                                      problems.add(path + ".note", "第 " + std::to_string(item.position) + " 项不通过时请写明原因");
                                                      return false;
                                                    });
                int passed = 0, failed = 0;
                for (const auto& [item_id, r] : by_id) (r->passed ? passed : failed)++;
                const bool again = outcome == workflow::Branch::other;
                if (again) {
                  if (!deadline || deadline->empty())
                    problems.add("$.deadline", "有未通过的项目时，请给出新的整改期限");
                  else if (auto why = dr::deadline_problem(domain::parse_date(*deadline), domain::shanghai_date(taken.now)))
                    problems.add("$.deadline", *why);
                }
                problems.throw_if_any("复查内容有误，请按提示修改");
                for (const auto& [item_id, r] : by_id) store::save_recheck_result(c, item_id, row.round, r->passed, r->note);
                store::round_rechecked(c, row.id, row.round, actor.name, taken.now_ms());
                store::RectificationState next{std::string(taken.to_code()), row.deadline, row.round, true, std::nullopt};
                if (again) {
                  next.round = row.round + 1;
                  next.deadline = *deadline;
                  store::insert_rectification_round(c, row.id, next.round, next.deadline);
                } else {
                  next.closed_at = taken.now_ms();
                }
                if (!store::update_rectification(c, row.id, version, next, taken.now_ms())) throw Failure(Error::conflict);
                std::string note = "第 " + std::to_string(row.round) + " 轮复查：通过 " + std::to_string(passed) + " 项";
                if (again) note += "，未通过 " + std::to_string(failed) + " 项，重新整改期限 " + next.deadline;
                else note += "，全部通过，销项";
                return note;
              });
}

store::RectificationPhotoRow add_rectification_photo(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t item_id,
                                                     std::string_view content_type, std::string_view bytes) {
  struct Checked {
    store::RectificationRow row;
    store::RectificationItemRow item;
    dr::PhotoSide side;
  };
  auto check = [&](store::Connection& c) {
    auto row = load(c, actor, id);
    const auto side = photo_side_or_refuse(row, actor);
    auto item = item_of(store::rectification_items(c, row.id), item_id);
    if (side == dr::PhotoSide::reply && item.passed_round)
      throw Failure(Error::invalid_transition, "第 " + std::to_string(item.position) + " 项已销项，不能再添加整改照片");
    const int round = side == dr::PhotoSide::issue ? 1 : row.round;
    const auto n = store::count_rectification_photos(c, item.id, dr::to_string(side), round);
    if (n >= kPhotosPerRectificationItem)
      throw Failure(Error::conflict, "第 " + std::to_string(item.position) + " 项已有 " + std::to_string(n) + " 张照片，每项最多 " +
                                         std::to_string(kPhotosPerRectificationItem) + " 张：请先删除不需要的照片",
                    boost::json::object{{"limit", kPhotosPerRectificationItem}});
    return Checked{std::move(row), std::move(item), side};
  };
  // Nothing is decoded for a caller who could not store it.
  const auto first = app.db->read(check);
  const auto now = app.clock.now();
  auto rendered = render_photo(content_type, bytes, first.row.registration_no, actor, now);
  store::RectificationPhotoInsert in;
  auto& p = in.row;
  p.rectification_id = first.row.id;
  p.item_id = item_id;
  copy_image_fields(p, rendered);
  p.uploaded_by = actor.ref;
  p.uploader_name = actor.name;
  p.uploaded_at = domain::to_millis(now);
  in.display = std::move(rendered.display);
  in.thumbnail = std::move(rendered.thumbnail);
  return app.db->write([&](store::Connection& c) {
    // Checked again under the order's lock: it may have been replied to, or the last place taken.
    store::lock_rectification(c, id);
    const auto again = check(c);
    p.side = std::string(dr::to_string(again.side));
    p.round = again.side == dr::PhotoSide::issue ? 1 : again.row.round;
    p.id = store::insert_rectification_photo(c, in);
    audit_photo(c, app, actor, now, again.row, dr::spec::kPhotoAdd, p, again.item);
    return p;
  });
}

PhotoImage rectification_photo_image(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t photo_id, bool thumbnail) {
  return app.db->read([&](store::Connection& c) {
    const auto row = store::find_rectification(c, domain::Scope::of(actor), id);
    auto p = row ? store::find_rectification_photo(c, id, photo_id) : std::nullopt;
    if (!p) throw Failure(Error::not_found, "照片不存在");
    const auto& sha = thumbnail ? p->thumbnail_sha256 : p->display_sha256;
    auto bytes = store::photo_blob(c, sha);
    if (!bytes) throw Failure(Error::internal, "照片数据缺失");
    return PhotoImage{std::move(*bytes), sha};
  });
}

void delete_rectification_photo(app::App& app, const domain::Actor& actor, std::int64_t id, std::int64_t photo_id) {
  const auto now = app.clock.now();
  app.db->write([&](store::Connection& c) {
    store::lock_rectification(c, id);
    const auto row = load(c, actor, id);
    auto p = store::find_rectification_photo(c, id, photo_id);
    if (!p) throw Failure(Error::not_found, "照片不存在");
    const auto side = photo_side_or_refuse(row, actor);
    if (p->side != dr::to_string(side) || (side == dr::PhotoSide::reply && p->round != row.round))
      throw Failure(Error::invalid_transition, "这张照片已随" + std::string(p->side == "issue" ? "整改指令单下发" : "上一轮整改回复提交") + "，不能删除");
    const auto items = store::rectification_items(c, row.id);
    store::delete_rectification_photo(c, *p);
    audit_photo(c, app, actor, now, row, dr::spec::kPhotoRemove, *p, item_of(items, p->item_id));
    return 0;
  });
}

std::vector<std::pair<store::RectificationPhotoRow, std::string>> rectification_thumbnails(app::App& app, const RectificationDetail& d) {
  std::vector<std::pair<store::RectificationPhotoRow, std::string>> out;
  app.db->read([&](store::Connection& c) {
    for (const auto& p : d.photos)
      if (auto bytes = store::photo_blob(c, p.thumbnail_sha256)) out.emplace_back(p, std::move(*bytes));
    return 0;
  });
  return out;
}

std::pair<int, int> send_rectification_reminders(app::App& app, domain::Date today) {
  const auto day = domain::format_date(today);
  int sent = 0, failed = 0;
  const auto orders = app.db->read([&](store::Connection& c) { return store::overdue_rectifications(c, day); });
  for (const auto& o : orders) {
    const bool fresh = app.db->write([&](store::Connection& c) {
      return store::record_rectification_reminder(c, o.id, day, o.manager, domain::mask_mobile(o.mobile), domain::to_millis(app.clock.now()));
    });
    if (!fresh) continue;
    const std::string text = "【建筑工程施工质量标准化】" + o.project_name + "（" + o.registration_no + "）整改指令单 " + o.number +
                             " 已逾期未整改（整改期限 " + o.deadline + "），请尽快完成整改并登录平台回复。";
    try {
      app.sms->send(*app.db, o.mobile, text, "reminder");
      ++sent;
    } catch (const std::exception& e) {
      spdlog::warn("reminder for {} not sent: {}", o.number, e.what());
      app.db->write([&](store::Connection& c) {
        store::forget_rectification_reminder(c, o.id, day);
        return 0;
      });
      ++failed;
    }
  }
  return {sent, failed};
}

}  // namespace qsm::service
