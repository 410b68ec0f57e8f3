// The API's answer cache: whole JSON answers of GET requests, kept while the database is unchanged.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace qsm::api {

// Whole JSON answers of GET requests, by session and target, for as long as the database's data
// version is unchanged (any commit anywhere changes it) and at most kTtl (answers that depend on the
// clock: waited days, overdue months). Bounded in entries' total size; larger answers are not kept.
class ResponseCache {
 public:
  static constexpr std::chrono::milliseconds kTtl{1000};
  static constexpr std::size_t kMaxBytes = 64u << 20;
  static constexpr std::size_t kMaxBody = 1u << 20;
  std::shared_ptr<const http::Response> get(const std::string& key, std::uint64_t version);
  void put(const std::string& key, std::uint64_t version, const http::Response& response);

 private:
  struct Entry {
    std::shared_ptr<const http::Response> response;
    std::uint64_t version = 0;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;
};

}  // namespace qsm::api
