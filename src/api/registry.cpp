// Registry import, projects in scope, scoring templates.
#include <boost/json.hpp>
#include <charconv>

#include "api/handlers.hpp"
#include "domain/registry_sheets.hpp"
#include "print/xlsx.hpp"
#include "print/xlsx_reader.hpp"
#include "domain/checksum.hpp"
#include "service/registry_service.hpp"
#include "service/queries.hpp"
#include "util/json.hpp"
#include "util/net.hpp"

namespace qsm::api::registry {
namespace {

boost::json::value contract_json(const std::optional<store::ContractSummary>& c) {
  if (!c) return nullptr;
  return boost::json::object{{"id", c->id},
                             {"report_no", c->report_no},
                             {"enterprise", boost::json::object{{"uscc", c->enterprise_uscc}, {"name", c->enterprise_name}}},
                             {"manager", boost::json::object{{"name", c->manager_name}, {"mobile_masked", domain::mask_mobile(c->manager_mobile)}}}};
}

http::Response template_answer(const std::optional<store::StoredTemplate>& t) {
  if (!t) throw Failure(Error::not_found, "评分标准不存在");
  auto body = boost::json::parse(t->body).as_object();
  body["loaded_at"] = domain::format_instant(t->loaded_at);
  return json_response(body);
}

}  // namespace

http::Response import(Context& ctx) {
  auto counts = service::import_registry(ctx.app, ctx.body(), ctx.actor());
  return json_response(boost::json::object{{"counts", boost::json::object{{"authorities", counts.authorities},
                                                                           {"enterprises", counts.enterprises},
                                                                           {"persons", counts.persons},
                                                                           {"projects", counts.projects},
                                                                           {"contracts", counts.contracts}}}});
}

namespace {

boost::json::object counts_json(const store::ImportCounts& c) {
  return {{"authorities", c.authorities}, {"enterprises", c.enterprises}, {"persons", c.persons}, {"projects", c.projects}, {"contracts", c.contracts}};
}

// The 422 of a workbook: every problem with its sheet, row, column and header, worded in places.
[[noreturn]] void refuse_workbook(const std::string& message, std::vector<std::pair<domain::registry::CellPlace, std::string>> problems) {
  domain::registry::sort_by_place(problems);
  boost::json::array list;
  for (const auto& [place, reason] : problems) {
    boost::json::object p{{"sheet", place.sheet}, {"reason", reason}, {"where", domain::registry::place_text(place)}};
    p["row"] = place.row ? boost::json::value(place.row) : nullptr;
    p["column"] = place.column.empty() ? boost::json::value(nullptr) : boost::json::value(place.column);
    p["header"] = place.header;
    list.push_back(std::move(p));
  }
  throw Failure(Error::validation_failed, message + "（共 " + std::to_string(problems.size()) + " 处）", boost::json::object{{"problems", std::move(list)}});
}

}  // namespace

http::Response workbook_template(Context&) {
  using domain::registry::registry_sheets;
  std::vector<print::TextSheet> sheets;
  print::TextSheet notes{"说明", {{"说明", 100}}, {}, false};
  notes.rows = {{"登记数据导入模板：每类数据一个工作表，第 1 行为表头（带 * 的列必填），从第 2 行起每行一条记录；空行忽略。"},
                {"所有单元格请保持“文本”格式（模板已设置），以免身份证号、统一社会信用代码被 Excel 改写。"},
                {"同一编号的记录已在平台中时按文件内容更新；上传后先预览，确认无误再导入。有任何错误时不写入任何数据，并列出全部错误的位置。"},
                {"“监督机构”表可删除（平台已有的机构可直接引用）；企业、人员、工程、合同表不可删除，可为空。"},
                {""}};
  for (const auto& spec : registry_sheets()) {
    print::TextSheet sheet{std::string(spec.sheet), {}, {}, true};
    std::vector<std::string> example, note;
    for (const auto& c : spec.columns) {
      sheet.columns.push_back({domain::registry::header_text(c), std::max<double>(14, static_cast<double>(c.header.size()) / 1.5 + 4)});
      example.emplace_back(c.example);
      note.emplace_back(c.note);
    }
    notes.rows.push_back({"【" + std::string(spec.sheet) + "】示例（请填在“" + std::string(spec.sheet) + "”表中，不要填在这里）："});
    std::string header_line, example_line, note_line;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      const auto sep = i ? "　|　" : "";
      header_line += sep + domain::registry::header_text(spec.columns[i]);
      example_line += sep + std::string(spec.columns[i].example);
      if (!spec.columns[i].note.empty()) note_line += (note_line.empty() ? "" : "；") + std::string(spec.columns[i].header) + "：" + std::string(spec.columns[i].note);
    }
    notes.rows.push_back({"表头：" + header_line});
    notes.rows.push_back({"示例：" + example_line});
    notes.rows.push_back({"要求：" + note_line});
    notes.rows.push_back({""});
    sheets.push_back(std::move(sheet));
  }
  sheets.insert(sheets.begin(), std::move(notes));
  return file_response(print::write_text_workbook(sheets), kXlsxType,
                       "attachment; filename=\"registry-template.xlsx\"; filename*=UTF-8''%E7%99%BB%E8%AE%B0%E6%95%B0%E6%8D%AE%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx");
}

http::Response import_workbook(Context& ctx) {
  namespace reg = domain::registry;
  if (net::media_type(ctx.req.header("content-type").value_or("")) != kXlsxType)
    throw Failure(Error::unsupported_media_type, "请上传 .xlsx 工作簿（Content-Type: " + std::string(kXlsxType) + "）");
  std::vector<reg::SheetRows> sheets;
  for (auto& s : print::read_xlsx(ctx.req.body)) sheets.push_back({std::move(s.name), std::move(s.rows)});
  auto read = reg::read_registry_workbook(sheets);
  // The workbook's own problems (headers, numbers, choices) and the import's, all in one answer.
  std::vector<std::pair<reg::CellPlace, std::string>> problems = read.problems;
  const boost::json::value file(read.file);
  const auto translate = [&](const Failure& f) {
    if (f.error() != Error::validation_failed) throw;
    if (const auto* list = f.details().if_contains("problems"); list && list->is_array())
      for (const auto& p : list->as_array()) {
        const auto path = std::string(p.as_object().at("path").as_string());
        auto place = reg::place_of(path, read.places);
        // A cell the workbook's reading refused already (a choice or number it could not take) is said once.
        bool said = false;
        for (const auto& [q, reason] : read.problems)
          said = said || (q.sheet == place.sheet && q.row == place.row && q.column == place.column && !q.column.empty());
        if (!said) problems.emplace_back(std::move(place), reg::with_places(std::string(p.as_object().at("reason").as_string()), read.places));
      }
  };
  if (ctx.preview()) {
    try {
      auto preview = service::preview_registry(ctx.app, file);
      if (!problems.empty()) refuse_workbook("工作簿有误，未写入任何数据", problems);
      return json_response(boost::json::object{
          {"preview", true},
          {"counts", counts_json(preview.named)},
          {"created", boost::json::object{{"authorities", preview.created.authorities}, {"enterprises", preview.created.enterprises},
                                          {"persons", preview.created.persons}, {"projects", preview.created.projects},
                                          {"contracts", preview.created.contracts}}}});
    } catch (const Failure& f) {
      translate(f);
      refuse_workbook("工作簿有误，未写入任何数据", problems);
    }
  }
  if (!problems.empty()) {
    // The import's own checks too, so that one answer lists everything.
    try {
      service::preview_registry(ctx.app, file);
    } catch (const Failure& f) {
      translate(f);
    }
    refuse_workbook("工作簿有误，未写入任何数据", problems);
  }
  try {
    auto counts = service::import_registry(ctx.app, file, ctx.actor());
    return json_response(boost::json::object{{"counts", counts_json(counts)}});
  } catch (const Failure& f) {
    translate(f);
    refuse_workbook("工作簿有误，未写入任何数据", problems);
  }
}

http::Response load_template(Context& ctx) {
  auto t = service::load_template(ctx.app, ctx.body(), ctx.actor());
  return json_response(boost::json::object{{"id", t.id},
                                           {"code", t.code},
                                           {"version", t.version},
                                           {"name", t.name},
                                           {"check_items", t.check_items},
                                           {"sub_items", t.sub_items},
                                           {"clauses", t.clauses},
                                           {"unchanged", t.unchanged}},
                       t.unchanged ? 200 : 201);
}

http::Response get_template(Context& ctx) {
  std::int64_t version = 0;
  auto v = ctx.param("version");
  auto r = std::from_chars(v.data(), v.data() + v.size(), version);
  if (r.ec != std::errc{} || r.ptr != v.data() + v.size()) throw Failure(Error::not_found, "评分标准不存在");
  std::string code(ctx.param("code"));
  return template_answer(service::query::template_of(ctx.app, code, version));
}

http::Response current_template(Context& ctx) {
  return template_answer(service::query::current_template(ctx.app));
}

http::Response projects(Context& ctx) {
  auto p = paging(ctx.req);
  store::ProjectQuery q;
  q.page = p.page;
  q.page_size = p.page_size;
  domain::Problems problems;
  auto filters = list_filters(ctx.req, problems);
  q.q = std::move(filters.q);
  q.district = std::move(filters.district);
  if (auto v = ctx.req.query_param("sort"); v && !v->empty()) {
    if (!service::query::valid_project_sort(*v)) problems.add("sort", "可选 registration_no、name、planned_start，前加 - 为倒序");
    q.sort = *v;
  }
  bool declarable = false;
  if (auto v = ctx.req.query_param("declarable"); v && !v->empty()) {
    if (*v != "true" && *v != "false") problems.add("declarable", "应为 true 或 false");
    declarable = *v == "true";
  }
  problems.throw_if_any("查询条件有误");
  // Declarable: the contractor's projects (its scope is its general contracts) not yet declared.
  if (declarable && ctx.actor().role != domain::Role::contractor) throw Failure(Error::forbidden, "只有施工企业可以申报工程");
  q.undeclared_only = declarable;
  auto page = service::query::projects(ctx.app, ctx.actor(), q);
  boost::json::array items;
  for (const auto& r : page.items) {
    items.push_back(boost::json::object{{"id", r.id},
                                        {"registration_no", r.registration_no},
                                        {"name", r.name},
                                        {"address", r.address},
                                        {"district", r.district},
                                        {"authority", boost::json::object{{"code", r.authority_code}, {"name", r.authority_name}}},
                                        {"structure_type", r.structure_type},
                                        {"floor_area", domain::Points::from_hundredths(r.floor_area_centi).to_double()},
                                        {"planned_start", r.planned_start},
                                        {"planned_finish", r.planned_finish},
                                        {"general", contract_json(r.general)},
                                        {"supervision", contract_json(r.supervision)}});
  }
  return json_response(page_json(std::move(items), page.total, p));
}

}  // namespace qsm::api::registry
