// A city-sized generated dataset for the benchmarks (`qsm bench-data`, issue 10): a registry of
// 16 district authorities, enterprises, persons, projects and contracts with valid check characters,
// one declaration per project (most accepted twelve months ago), twelve months of self and review
// sheets scored by the real engine, and the quarters registered. Written through the store's own
// statements in large transactions; deterministic for a seed.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "service/app.hpp"

namespace qsm::service {

struct BenchDataOptions {
  int projects = 20'000;
  std::uint64_t seed = 1;
  std::string password;  // of the authorities' accounts jdz_<code>
  int batch = 250;       // declarations per write transaction
  domain::Actor by;      // who imports the registry and the template (the audit trail's actor)
};

struct BenchDataCounts {
  int authorities = 0, enterprises = 0, persons = 0, projects = 0, contracts = 0;
  int declarations = 0, accepted = 0, months = 0, sheets = 0, deductions = 0, quarters_registered = 0;
};

// Refuses (Failure conflict) a database that already has declarations. `progress` gets one line
// per step and per tenth of the declarations.
// What the write benchmark (bench/mix/saves.mjs) works with: contractor sessions, each with a new
// draft month of its own declaration, and the clauses a sheet may deduct from.
struct BenchSessions {
  struct One {
    std::string token;
    std::int64_t monthly_id = 0, version = 0;
  };
  std::vector<One> sessions;
  std::vector<std::string> clauses;  // the first clause of each sub-item of the template
};
// Up to `count` construction enterprises (one accepted declaration each) get a session started as a
// certificate login would, and their declaration's next month is created through the service.
BenchSessions bench_sessions(app::App& app, int count);

BenchDataCounts generate_bench_data(app::App& app, const BenchDataOptions& o, const std::function<void(std::string_view)>& progress);

}  // namespace qsm::service
