// Static file serving with content types and cache headers.
#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace qsm::http {
namespace {

std::string content_type_for(const std::string& ext) {
  static const std::unordered_map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".ttf", "font/ttf"}, {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"}};
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Whether Accept-Encoding lists the coding without q=0 ("gzip, deflate, br;q=0.9").
bool accepts(std::string_view header, std::string_view coding) {
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    auto semi = item.find(';');
    auto name = item.substr(0, semi);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    if (semi == std::string_view::npos) return true;
    auto params = item.substr(semi + 1);
    auto q = params.find("q=");
    if (q == std::string_view::npos) return true;
    auto value = params.substr(q + 2);
    return !(value.rfind("0", 0) == 0 && value.find_first_of("123456789") == std::string_view::npos);
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  std::vector<fs::path> variants;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension().string();
    if (ext == ".gz" || ext == ".br") {
      variants.push_back(entry.path());
      continue;
    }
    std::string rel = "/" + fs::relative(entry.path(), root).generic_string();
    bool immutable = rel.rfind("/assets/", 0) == 0;
    files_.emplace(rel, File{read_file(entry.path()), content_type_for(ext), immutable, {}, {}});
  }
  // A variant belongs to the file it was made from; one without its file is ignored.
  for (const auto& v : variants) {
    auto it = files_.find("/" + fs::relative(v, root).replace_extension().generic_string());
    if (it == files_.end()) continue;
    (v.extension() == ".gz" ? it->second.gzip : it->second.brotli) = read_file(v);
  }
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  auto it = files_.find(req.path == "/" ? "/index.html" : req.path);
  bool fallback = false;
  if (it == files_.end()) {
    // A client-side route (no file extension in the last segment) gets the app shell.
    auto last = req.path.substr(req.path.rfind('/') + 1);
    if (last.find('.') != std::string::npos || req.path.rfind("/assets/", 0) == 0) return std::nullopt;
    it = files_.find("/index.html");
    fallback = true;
    if (it == files_.end()) return std::nullopt;
  }
  Response r;
  r.status = 200;
  r.content_type = it->second.content_type;
  // The smallest variant the client accepts.
  const File& f = it->second;
  const std::string* body = &f.body;
  const auto accepted = req.header("accept-encoding").value_or("");
  if (!f.brotli.empty() && accepts(accepted, "br")) {
    body = &f.brotli;
    r.set_header("Content-Encoding", "br");
  } else if (!f.gzip.empty() && accepts(accepted, "gzip")) {
    body = &f.gzip;
    r.set_header("Content-Encoding", "gzip");
  }
  if (!f.gzip.empty() || !f.brotli.empty()) r.set_header("Vary", "Accept-Encoding");
  r.body = req.method == "HEAD" ? std::string{} : *body;
  r.set_header("Cache-Control", f.immutable && !fallback ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace qsm::http
