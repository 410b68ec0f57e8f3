// Registry import and template loading: parse, check, write, audit — all in one transaction.
#pragma once
#include <boost/json/fwd.hpp>

#include "service/app.hpp"
#include "domain/actor.hpp"
#include "store/registry_store.hpp"

namespace qsm::service {

// Throws Failure(validation_failed) with details.problems listing every problem; writes nothing then.
store::ImportCounts import_registry(app::App& app, const boost::json::value& file, const domain::Actor& actor);

// What an import of this file would do (issue 27: the Excel import's preview): the same checks (the
// same 422) and the same writes, rolled back. `named`: the records the file names; `created`: how many of
// them are new (the rest exist and are updated, or left as they are when nothing differs).
struct ImportPreview {
  store::ImportCounts named;
  store::RegistryCounts created;
};
ImportPreview preview_registry(app::App& app, const boost::json::value& file);

struct TemplateLoaded {
  std::int64_t id = 0;
  std::string code, name;
  std::int64_t version = 0;
  std::size_t check_items = 0, sub_items = 0, clauses = 0;
  bool unchanged = false;  // the same version was already loaded with the same content
};
TemplateLoaded load_template(app::App& app, const boost::json::value& file, const domain::Actor& actor);

}  // namespace qsm::service
