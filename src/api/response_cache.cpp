// The answer cache.
#include "api/response_cache.hpp"

namespace qsm::api {

std::shared_ptr<const http::Response> ResponseCache::get(const std::string& key, std::uint64_t version) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.version != version || std::chrono::steady_clock::now() - it->second.at > kTtl) {
    bytes_ -= it->second.response->body.size();
    entries_.erase(it);
    return nullptr;
  }
  return it->second.response;
}

void ResponseCache::put(const std::string& key, std::uint64_t version, const http::Response& response) {
  if (response.body.size() > kMaxBody) return;
  auto kept = std::make_shared<const http::Response>(response);
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.response->body.size();
    entries_.erase(it);
  }
  if (bytes_ + response.body.size() > kMaxBytes) {
    // Out of date first; if that is not enough, start afresh (a cache, not a store).
    std::erase_if(entries_, [&](const auto& e) {
      const bool stale = e.second.version != version || now - e.second.at > kTtl;
      if (stale) bytes_ -= e.second.response->body.size();
      return stale;
    });
    if (bytes_ + response.body.size() > kMaxBytes) {
      entries_.clear();
      bytes_ = 0;
    }
  }
  bytes_ += response.body.size();
  entries_.insert_or_assign(key, Entry{std::move(kept), version, now});
}

}  // namespace qsm::api
