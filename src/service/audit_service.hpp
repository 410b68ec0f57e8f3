// The audit chain's sealer and its checkpoints outside the database (issue 21). `qsm serve` links
// new audit records every second and appends a signed checkpoint of the chain's head to a file at
// least once a minute; `qsm audit verify` checks every record, every link and, given those files,
// that the database still holds every record a checkpoint saw. Nothing here writes to the database
// except the sealer.
#pragma once
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "service/app.hpp"
#include "store/audit.hpp"

namespace qsm::service {

// "The chain held `seq` records, the last with `link`, at `at`", signed with the audit key.
struct AuditCheckpoint {
  std::int64_t seq = 0;
  std::string link;
  domain::Instant at;
};
// One line: "qsm-audit-checkpoint v1 time=… seq=… link=… mac=…" (no newline).
std::string checkpoint_line(const store::AuditKey& key, const AuditCheckpoint& cp);

// Checkpoints read from a file. A line may carry one anywhere (so the server's log, which repeats
// them, can be read too); lines without one are skipped, a checkpoint whose MAC fails is reported.
struct CheckpointsRead {
  std::int64_t count = 0;              // lines with a valid checkpoint
  std::vector<AuditCheckpoint> valid;  // in file order, a run of equal ones kept once
  std::vector<std::string> forged;     // "FILE 第 N 行", one per line that fails
};
CheckpointsRead read_checkpoints(const store::AuditKey& key, const std::string& path);

// "data/qsm.secret" → "data/qsm.audit-checkpoints": beside the secret, outside the database.
std::string default_checkpoint_path(const std::string& secret_path);

// An append-only file of checkpoint lines: opened O_APPEND, created 0600; each line is one write and
// reaches the disk before append returns.
class CheckpointFile {
 public:
  explicit CheckpointFile(std::string path);  // throws std::runtime_error naming the path
  ~CheckpointFile();
  CheckpointFile(const CheckpointFile&) = delete;
  CheckpointFile& operator=(const CheckpointFile&) = delete;
  void append(std::string_view line);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

// The sealer of one `qsm serve`: every tick links what waits (one process at a time across processes:
// the chain head's lock) and, once `checkpoint_every` has passed, appends a checkpoint of the head to
// the file and to the server's log. Records it refuses are logged once each; a head that moves back
// behind what this process saw is logged as an error at once.
class AuditSealer {
 public:
  static constexpr std::chrono::seconds kTick{1};
  AuditSealer(app::App& app, const std::string& checkpoint_path, std::chrono::seconds checkpoint_every);
  // Never throws: a failed pass is logged and tried again at the next tick.
  void tick();
  // At shutdown: a last pass and a checkpoint.
  void finish();

 private:
  void seal();
  void checkpoint();

  app::App& app_;
  CheckpointFile file_;
  std::chrono::seconds checkpoint_every_;
  std::chrono::steady_clock::time_point last_checkpoint_{};
  std::set<std::int64_t> refused_;  // already in the log
  bool key_suspect_logged_ = false;
  store::AuditHead seen_;           // the furthest head this process has seen
};

// qsm audit verify: the chain, then every checkpoint of the files against it; read only.
struct AuditReport {
  store::AuditVerdict verdict;  // the checkpoints' problems included
  std::int64_t checkpoints = 0;  // valid checkpoint lines read
};
AuditReport verify_audit(store::Database& db, const store::AuditKey& key, const std::vector<std::string>& checkpoint_files);

}  // namespace qsm::service
