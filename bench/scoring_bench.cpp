// Scoring a 120-clause sheet against 36 months of history (target < 50 µs, issue 5/10).
#include <benchmark/benchmark.h>

#include "domain/scoring/engine.hpp"

namespace {

using namespace qsm::domain;
using namespace qsm::domain::scoring;

// 10 check items × 3 sub-items × 4 clauses = 120 clauses, standard scores 10 each.
Template big_template() {
  Template t{"B", 1, "bench", {}};
  for (int i = 1; i <= 10; ++i) {
    CheckItem item{std::to_string(i), "item", Points::whole(10), {}};
    for (int s = 1; s <= 3; ++s) {
      SubItem sub{item.code + "." + std::to_string(s), "sub", Points::from_hundredths(s == 3 ? 334 : 333), {}};
      for (int c = 1; c <= 4; ++c) sub.clauses.push_back({sub.code + "." + std::to_string(c), "clause text"});
      item.sub_items.push_back(std::move(sub));
    }
    t.check_items.push_back(std::move(item));
  }
  return t;
}

void BM_Score120ClauseSheetWith36MonthsHistory(benchmark::State& state) {
  const Template t = big_template();
  // 36 earlier months, each deducting 6 clauses in rotation: the history is the per-clause count.
  History history;
  for (int month = 0; month < 36; ++month)
    for (int k = 0; k < 6; ++k) {
      int n = (month * 6 + k) % 120;
      history[std::to_string(n / 12 + 1) + "." + std::to_string(n % 12 / 4 + 1) + "." + std::to_string(n % 4 + 1)]++;
    }
  SheetInput sheet{{"10"}, {}};
  for (int k = 0; k < 8; ++k) sheet.deductions.push_back({std::to_string(k + 1) + ".1." + std::to_string(k % 4 + 1), "问题描述"});
  for (auto _ : state) {
    Problems problems;
    auto r = evaluate(t, sheet, history, problems);
    benchmark::DoNotOptimize(r.score);
  }
}
BENCHMARK(BM_Score120ClauseSheetWith36MonthsHistory)->Unit(benchmark::kMicrosecond);

}  // namespace
