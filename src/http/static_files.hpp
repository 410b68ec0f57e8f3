// The built web UI (web/dist), loaded into memory at start-up, with history-mode fallback.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace qsm::http {

class StaticFiles {
 public:
  // Loads every file under root; an absent root leaves the UI off (the API still works).
  explicit StaticFiles(const std::string& root);
  bool loaded() const { return !files_.empty(); }
  std::size_t size() const { return files_.size(); }
  // GET/HEAD of a non-API path: the file, or index.html for client-side routes.
  std::optional<Response> serve(const Request& req) const;

 private:
  struct File {
    std::string body, content_type;
    bool immutable;  // hashed asset names never change content
    std::string gzip, brotli;  // precompressed variants (scripts/precompress.mjs), empty when none
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace qsm::http
