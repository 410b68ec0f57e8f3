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
// What the write benchmarks (bench/mix/saves.mjs, the mix of bench/mix/run.sh) work with: sessions
// as the logins would start them, each with the month it acts on, and the clauses a sheet may deduct from.
struct BenchSessions {
  struct One {
    std::string token;
    std::int64_t monthly_id = 0, version = 0, declaration_id = 0;
  };
  std::vector<One> sessions;          // contractors, each with a new draft month of its own declaration
  std::vector<One> drafts;            // other draft months, each with its contractor's session (to submit)
  std::vector<One> reviews;           // submitted months, each with a site supervisor's session (to review)
  std::vector<One> site_contractors;  // the 项目部 of those months (reads)
  struct Inspector {
    std::string token, username, district;  // district: the authority's code
  };
  std::vector<Inspector> inspectors;  // authority accounts of their own, one session each
  std::vector<std::string> clauses;   // the first clause of each sub-item of the template
};
struct BenchSessionsOptions {
  int contractors = 32;  // construction enterprises (one accepted declaration each) with a new draft month
  int drafts = 0;        // draft months to submit: the existing ones, then new ones, up to this
  int site = 0;          // submitted months, each with a site supervisor's and a 项目部's session, at most
  int inspectors = 0;    // authority accounts jdz_<code>_<n> over the districts in turn, one session each
};
// The sessions are started as a certificate or SMS login would (a site user's bound to its contract),
// and the new months are created through the service.
BenchSessions bench_sessions(app::App& app, const BenchSessionsOptions& o);

BenchDataCounts generate_bench_data(app::App& app, const BenchDataOptions& o, const std::function<void(std::string_view)>& progress);

}  // namespace qsm::service
