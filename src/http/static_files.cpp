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

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string rel = "/" + fs::relative(entry.path(), root).generic_string();
    bool immutable = rel.rfind("/assets/", 0) == 0;
    files_.emplace(rel, File{buf.str(), content_type_for(entry.path().extension().string()), immutable});
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
  r.body = req.method == "HEAD" ? std::string{} : it->second.body;
  r.set_header("Cache-Control", it->second.immutable && !fallback ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace qsm::http
