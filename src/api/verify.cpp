// GET /verify/{code} — the public page a printed document's QR code opens (no login), and
// GET /api/verify/{code}, the same as JSON. Any code that names no printout (forged, altered,
// malformed) gets the one "未找到" answer.
#include "api/handlers.hpp"
#include "api/values.hpp"
#include "service/document_service.hpp"
#include "util/html.hpp"

namespace qsm::api::verify {
namespace {

constexpr const char* kNotFound = "未找到该文件：二维码或链接可能被篡改，或该文件不是本平台打印的。请向出具单位核实。";

std::string when(domain::Instant t) {
  auto s = domain::format_instant(t);
  return s.substr(0, 10) + " " + s.substr(11, 8);
}

std::string page_html(const std::optional<service::DocumentCheck>& c) {
  using html::escape;
  std::string body;
  if (!c) {
    body = "<h1>文件核验</h1><p class=\"bad\">" + escape(kNotFound) + "</p>";
  } else {
    std::string verdict = !c->exists ? "<p class=\"bad\">该文件对应的记录已删除，打印件不再有效。</p>"
                          : c->current ? "<p class=\"ok\">打印件与平台当前记录一致：打印后记录未发生变更。</p>"
                                       : "<p class=\"warn\">打印后记录已发生变更，请以下列当前信息为准。</p>";
    body = "<h1>文件核验</h1>" + verdict + "<table>";
    auto row = [&](const std::string& k, const std::string& v) { body += "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>"; };
    row("文件类型", c->kind_label);
    row("文件编号", c->number);
    row("打印时间", when(c->printed_at));
    if (c->exists) {
      row("报监编号", c->registration_no);
      row("工程名称", c->project_name);
      row("当前状态", c->state_label);
      for (const auto& [k, v] : c->figures) row(k, v);
    }
    body += "</table>";
    if (!c->sha256.empty())
      body += "<p class=\"hash\">PDF 文件的 SHA-256：<code>" + escape(c->sha256) +
              "</code><br>可用 <code>sha256sum 文件名.pdf</code>（或 Windows 的 <code>certutil -hashfile 文件名.pdf SHA256</code>）核对电子文件是否被修改。</p>";
  }
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"robots\" content=\"noindex\"><title>文件核验 - 建筑工程施工质量标准化管理平台</title><style>"
         "body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:0;background:#f5f7fa;color:#303133}"
         "header{background:#1f4e8c;color:#fff;padding:12px 16px;font-size:16px;font-weight:600}"
         "main{max-width:640px;margin:16px auto;background:#fff;padding:16px;border-radius:8px}"
         "h1{font-size:20px;margin:0 0 12px}table{width:100%;border-collapse:collapse}"
         "th,td{border-bottom:1px solid #ebeef5;padding:8px 4px;text-align:left;vertical-align:top;font-size:15px}"
         "th{width:7em;color:#606266;font-weight:normal}.ok{color:#1a7f37}.warn{color:#b26a00}.bad{color:#c0392b}"
         ".hash{font-size:13px;color:#606266;word-break:break-all}code{font-size:12px}</style></head><body>"
         "<header>建筑工程施工质量标准化管理平台</header><main>" +
         body + "</main></body></html>";
}

}  // namespace

http::Response page(Context& ctx) {
  auto c = service::check_document(ctx.app, ctx.param("code"));
  http::Response r;
  r.status = c ? 200 : 404;
  r.content_type = "text/html; charset=utf-8";
  r.body = page_html(c);
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response json(Context& ctx) {
  auto c = service::check_document(ctx.app, ctx.param("code"));
  if (!c) throw Failure(Error::not_found, kNotFound);
  boost::json::array figures;
  for (const auto& [k, v] : c->figures) figures.push_back(boost::json::object{{"label", k}, {"value", v}});
  http::Response r = json_response(boost::json::object{{"kind", c->kind_label},
                                                       {"number", c->number},
                                                       {"printed_at", boost::json::string(domain::format_instant(c->printed_at))},
                                                       {"exists", c->exists},
                                                       {"current", c->current},
                                                       {"registration_no", c->registration_no},
                                                       {"project_name", c->project_name},
                                                       {"state_label", c->state_label},
                                                       {"figures", std::move(figures)},
                                                       {"sha256", c->sha256.empty() ? boost::json::value(nullptr) : boost::json::value(c->sha256)}});
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace qsm::api::verify
