// Registry and template services.
#include "service/registry_service.hpp"

#include <boost/json.hpp>

#include "store/audit.hpp"
#include "store/template_store.hpp"
#include "util/json.hpp"

namespace qsm::service {

store::ImportCounts import_registry(app::App& app, const boost::json::value& file, const domain::Actor& actor) {
  auto parsed = domain::registry::parse(file);
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    // Reference problems are listed beside format problems, so one round trip names them all.
    domain::Problems& problems = parsed.problems;
    auto existing = store::lookup_existing(c, domain::registry::unresolved(parsed.file), app.secret);
    domain::registry::check_references(parsed.file, existing, problems);
    problems.throw_if_any("登记数据有误，未写入任何数据");
    auto counts = store::upsert_registry(c, parsed.file, app.secret, now);
    std::string summary = "监督机构 " + std::to_string(counts.authorities) + "，企业 " + std::to_string(counts.enterprises) +
                          "，人员 " + std::to_string(counts.persons) + "，工程 " + std::to_string(counts.projects) + "，合同 " +
                          std::to_string(counts.contracts);
    store::append_audit(c, app.audit_key, {"registry", 0, std::nullopt, "import", std::nullopt, std::nullopt, summary}, actor, now);
    return counts;
  });
}

namespace {
// Thrown out of the write transaction to roll the preview back, carrying what it found.
struct PreviewDone {
  ImportPreview preview;
};
}  // namespace

ImportPreview preview_registry(app::App& app, const boost::json::value& file) {
  auto parsed = domain::registry::parse(file);
  const auto now = app.clock.now();
  try {
    app.db->write([&](store::Connection& c) {
      domain::Problems& problems = parsed.problems;
      auto existing = store::lookup_existing(c, domain::registry::unresolved(parsed.file), app.secret);
      domain::registry::check_references(parsed.file, existing, problems);
      problems.throw_if_any("登记数据有误，未写入任何数据");
      const auto before = store::registry_counts(c);
      ImportPreview p;
      p.named = store::upsert_registry(c, parsed.file, app.secret, now);
      const auto after = store::registry_counts(c);
      p.created = {after.authorities - before.authorities, after.enterprises - before.enterprises, after.persons - before.persons,
                   after.projects - before.projects, after.contracts - before.contracts};
      throw PreviewDone{p};
    });
  } catch (const PreviewDone& done) {
    return done.preview;
  }
  throw Failure(Error::internal);
}

TemplateLoaded load_template(app::App& app, const boost::json::value& file, const domain::Actor& actor) {
  auto parsed = domain::scoring::parse_template(file);
  parsed.problems.throw_if_any("评分标准有误，未导入");
  const auto& t = parsed.tmpl;
  const std::string body = json::serialize(domain::scoring::to_json(t));
  const auto now = app.clock.now();
  return app.db->write([&](store::Connection& c) {
    TemplateLoaded out{0, t.code, t.name, t.version, t.check_items.size(), t.sub_item_count(), t.clause_count(), false};
    auto saved = store::save_template(c, t, body, now, out.id);
    if (saved == store::TemplateSave::version_taken)
      throw Failure(Error::conflict, "评分标准 " + t.code + " 第 " + std::to_string(t.version) + " 版已存在且内容不同；修改后请使用新的版本号",
                    boost::json::object{{"code", t.code}, {"version", t.version}});
    out.unchanged = saved == store::TemplateSave::unchanged;
    if (!out.unchanged)
      store::append_audit(c, app.audit_key, {"template", out.id, std::nullopt, "load", std::nullopt, std::nullopt, t.code + " v" + std::to_string(t.version)},
                          actor, now);
    return out;
  });
}

}  // namespace qsm::service
