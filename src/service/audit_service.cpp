// The audit sealer, the checkpoint file and the read-only verification.
#include "service/audit_service.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace qsm::service {
namespace {

constexpr std::string_view kMarker = "qsm-audit-checkpoint v1 ";
constexpr std::string_view kMacField = " mac=";
constexpr std::size_t kMacLength = 64;  // hex of HMAC-SHA-256

// "time=… seq=… link=…": the text a checkpoint's MAC covers.
std::string checkpoint_body(const AuditCheckpoint& cp) {
  return "time=" + domain::format_instant(cp.at) + " seq=" + std::to_string(cp.seq) + " link=" + cp.link;
}

// The value of `name=` in a body of space-separated fields.
std::optional<std::string_view> field(std::string_view body, std::string_view name) {
  for (std::size_t pos = 0; pos < body.size();) {
    auto end = body.find(' ', pos);
    if (end == std::string_view::npos) end = body.size();
    auto item = body.substr(pos, end - pos);
    if (item.size() > name.size() && item.starts_with(name) && item[name.size()] == '=') return item.substr(name.size() + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

// A line that carries a checkpoint: the checkpoint, or nullopt when its MAC or its fields fail.
struct CarriedCheckpoint {
  std::optional<AuditCheckpoint> checkpoint;
};

std::optional<CarriedCheckpoint> parse_line(const store::AuditKey& key, std::string_view line) {
  const auto at = line.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  const auto rest = line.substr(at + kMarker.size());
  const auto mac_at = rest.find(kMacField);
  if (mac_at == std::string_view::npos) return CarriedCheckpoint{};
  const auto body = rest.substr(0, mac_at);
  const auto mac = rest.substr(mac_at + kMacField.size(), kMacLength);
  if (mac.size() != kMacLength || key.mac(store::AuditKey::Use::checkpoint, body) != mac) return CarriedCheckpoint{};
  // Signed by us, so well formed unless the format changed: checked all the same.
  const auto time = field(body, "time"), seq = field(body, "seq"), link = field(body, "link");
  if (!time || !seq || !link) return CarriedCheckpoint{};
  const auto instant = domain::parse_instant(*time);
  AuditCheckpoint cp;
  const auto [end, ec] = std::from_chars(seq->data(), seq->data() + seq->size(), cp.seq);
  if (!instant || ec != std::errc{} || end != seq->data() + seq->size()) return CarriedCheckpoint{};
  cp.at = *instant;
  cp.link = std::string(*link);
  return CarriedCheckpoint{std::move(cp)};
}

}  // namespace

std::string checkpoint_line(const store::AuditKey& key, const AuditCheckpoint& cp) {
  const auto body = checkpoint_body(cp);
  return std::string(kMarker) + body + std::string(kMacField) + key.mac(store::AuditKey::Use::checkpoint, body);
}

CheckpointsRead read_checkpoints(const store::AuditKey& key, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("无法读取检查点文件 " + path);
  CheckpointsRead out;
  std::string line;
  for (std::int64_t n = 1; std::getline(in, line); ++n) {
    auto carried = parse_line(key, line);
    if (!carried) continue;
    if (auto& cp = carried->checkpoint) {
      ++out.count;
      // An idle chain repeats its head every minute: one of a run of equal checkpoints is enough.
      if (out.valid.empty() || out.valid.back().seq != cp->seq || out.valid.back().link != cp->link) out.valid.push_back(std::move(*cp));
    } else {
      out.forged.push_back(path + " 第 " + std::to_string(n) + " 行");
    }
  }
  return out;
}

std::string default_checkpoint_path(const std::string& secret_path) {
  const std::filesystem::path p(secret_path);
  return (p.parent_path() / (p.stem().string() + ".audit-checkpoints")).string();
}

CheckpointFile::CheckpointFile(std::string path) : path_(std::move(path)) {
  const auto parent = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0)
    throw std::runtime_error("无法打开审计检查点文件 " + path_ + "：" + std::strerror(errno) + "（可用 --audit-checkpoints 指定一个可写的位置）");
  // A line cut short by a power loss is ended, so that the next checkpoint starts a line of its own.
  std::ifstream tail(path_, std::ios::binary | std::ios::ate);
  if (tail && tail.tellg() > 0) {
    tail.seekg(-1, std::ios::end);
    if (tail.get() != '\n') {
      try {
        append("");
      } catch (...) {
        ::close(fd_);
        throw;
      }
    }
  }
}

CheckpointFile::~CheckpointFile() {
  if (fd_ >= 0) ::close(fd_);
}

void CheckpointFile::append(std::string_view line) {
  // One write per line: O_APPEND puts it whole at the end even when several processes share the file.
  std::string text(line);
  text += '\n';
  const auto written = ::write(fd_, text.data(), text.size());
  if (written != static_cast<ssize_t>(text.size())) throw std::runtime_error("写入审计检查点文件 " + path_ + " 失败：" + std::strerror(errno));
  if (::fdatasync(fd_) != 0) throw std::runtime_error("审计检查点文件 " + path_ + " 落盘失败：" + std::strerror(errno));
}

AuditSealer::AuditSealer(app::App& app, const std::string& checkpoint_path, std::chrono::seconds checkpoint_every)
    : app_(app), file_(checkpoint_path), checkpoint_every_(checkpoint_every) {}

void AuditSealer::seal() {
  // Passes of up to 5000 records, each its own transaction, for at most a tick: a backlog (the first
  // start after V014 links every older record) never holds the writers or the checkpoint back for long.
  const auto until = std::chrono::steady_clock::now() + kTick;
  for (bool more = true; more && std::chrono::steady_clock::now() < until;) {
    // A cheap read first: while nothing waits, no write transaction is opened (on SQLite it would
    // take the writer's lock, every second).
    if (!app_.db->read([](store::Connection& c) { return store::audit_unlinked(c); })) return;
    auto s = app_.db->write([&](store::Connection& c) { return store::seal_audit(c, app_.audit_key, app_.clock.now()); });
    if (s.legacy) spdlog::info("audit: {} records from before the keyed chain (V014) given their MAC and linked, once", s.legacy);
    for (auto id : s.refused)
      if (refused_.insert(id).second)
        spdlog::warn("audit: record #{} refused by the sealer and left out of the chain: its MAC is missing or does not hold "
                     "(not written by qsm, or changed since); qsm audit verify names it",
                     id);
    if (s.key_suspect && !key_suspect_logged_)
      spdlog::error("audit: no MAC of the records waiting to be linked holds: the secret file is not the one they were written "
                    "with (a database copied without its qsm.secret?); nothing is linked or refused until the right secret is used");
    key_suspect_logged_ = key_suspect_logged_ || s.key_suspect;
    more = s.ran && s.more;
  }
}

void AuditSealer::checkpoint() {
  // The head as the database holds it now, and whether what this process saw before is still there.
  const auto [head, seen_still] = app_.db->read([&](store::Connection& c) {
    auto h = store::audit_head(c);
    return std::pair{h, seen_.seq == 0 || store::audit_link_at(c, seen_.seq) == seen_.link};
  });
  if (!seen_still || head.seq < seen_.seq)
    spdlog::error("audit: the chain no longer holds record {} as this process saw it (head now {}): records were removed or "
                  "changed in the database; qsm audit verify --checkpoints {} shows what is missing",
                  seen_.seq, head.seq, file_.path());
  seen_ = head;
  const auto line = checkpoint_line(app_.audit_key, {head.seq, head.link, app_.clock.now()});
  file_.append(line);
  spdlog::info("{}", line);
  last_checkpoint_ = std::chrono::steady_clock::now();
}

void AuditSealer::tick() {
  try {
    seal();
  } catch (const std::exception& e) {
    spdlog::error("audit sealer: {}", e.what());
  }
  if (std::chrono::steady_clock::now() - last_checkpoint_ < checkpoint_every_) return;
  try {
    checkpoint();
  } catch (const std::exception& e) {
    spdlog::error("audit checkpoint: {}", e.what());
  }
}

void AuditSealer::finish() {
  last_checkpoint_ = {};
  tick();
}

AuditReport verify_audit(store::Database& db, const store::AuditKey& key, const std::vector<std::string>& checkpoint_files) {
  // The files first, then the database: every checkpoint read was written after the records it
  // names were committed, so the snapshot below holds them unless they were removed since.
  std::vector<AuditCheckpoint> checkpoints;
  std::vector<std::string> forged;
  AuditReport out;
  for (const auto& f : checkpoint_files) {
    auto read = read_checkpoints(key, f);
    out.checkpoints += read.count;
    std::move(read.valid.begin(), read.valid.end(), std::back_inserter(checkpoints));
    std::move(read.forged.begin(), read.forged.end(), std::back_inserter(forged));
  }
  db.read([&](store::Connection& c) {
    out.verdict = store::verify_audit(c, key);
    auto& v = out.verdict;
    for (const auto& f : forged) v.add({0, 0, f + "：检查点的签名不符，被改动或伪造"});
    std::set<std::pair<std::int64_t, std::string>> checked;
    for (const auto& cp : checkpoints) {
      if (cp.seq == 0 || !checked.emplace(cp.seq, cp.link).second) continue;
      const auto link = store::audit_link_at(c, cp.seq);
      const auto seen = "检查点（" + domain::format_instant(cp.at) + "）";
      if (!link && cp.seq > v.head.seq)
        v.add({0, cp.seq, "第 " + std::to_string(v.head.seq) + " 条之后的记录缺失：" + seen + "时链已有 " + std::to_string(cp.seq) + " 条"});
      else if (!link)
        v.add({0, cp.seq, "链中第 " + std::to_string(cp.seq) + " 条缺失：" + seen + "时它在链中"});
      else if (*link != cp.link)
        v.add({0, cp.seq, "链中第 " + std::to_string(cp.seq) + " 条与" + seen + "不符：记录被删除或改动后重新入链"});
    }
    return 0;
  });
  return out;
}

}  // namespace qsm::service
