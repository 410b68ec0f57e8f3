// The HTTP/1.1 server: plain and TLS listeners (optional client certificates), keep-alive,
// limits, a worker pool for handlers, graceful drain on SIGINT/SIGTERM.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace qsm::http {

struct TlsOptions {
  std::string listen;      // "0.0.0.0:8443"
  std::string cert, key;   // PEM files
  std::string client_ca;   // PEM; empty = no client certificates asked for
  std::string subject_field = "serialNumber";  // the subject field that carries the USCC
};

struct ServerOptions {
  std::string listen;  // "127.0.0.1:8080"; empty = no plain listener
  std::optional<TlsOptions> tls;
  int io_threads = 1;
  int workers = 2;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds drain_timeout{20};
  int max_connections = 4096;
  // Open connections from one address; beyond it a new one is closed at once. Addresses for which
  // `uncapped` says true (a trusted proxy carries many clients) are not capped.
  int max_connections_per_address = 64;
  std::function<bool(std::string_view ip)> uncapped;
  // Expensive requests (argon2id, PDF, workbooks; Handlers::heavy) run on their own pool of this
  // many threads, so reads stay fast under a login burst; at most heavy_queue of them wait or run
  // at once, beyond that 503 with Retry-After.
  int heavy_workers = 1;
  int heavy_queue = 32;
  // Bodies over kSmallBody (photos) held in memory at once, from the first byte read to the answer
  // written; the others wait unread, their bytes in the kernel's socket buffers (bounded memory).
  int large_bodies = 2;
};

// The body limit of every request until its caller is known.
inline constexpr std::size_t kSmallBody = 1u << 20;

struct Handlers {
  // Called once the headers are read: how large a body this request may carry (413 beyond).
  std::function<std::size_t(const Request&)> body_limit;
  // Produces the response; runs on a worker thread, never on an I/O thread.
  std::function<Response(Request&)> handle;
  // Optional: an answer known without blocking (a cached one), given on the I/O thread; nullopt
  // sends the request to `handle`.
  std::function<std::optional<Response>(const Request&)> fast;
  // Optional: true when the request is expensive (see ServerOptions::heavy_workers).
  std::function<bool(const Request&)> heavy;
  // Optional, for a request whose route allows more than kSmallBody: runs on a worker once the
  // headers are read and answers (401, 403) a caller who may not send a large body; it then gets
  // the small limit, and a larger declared body gets this answer without being read.
  std::function<std::optional<Response>(Request&)> refuse_large_body;
  // Optional: the 413 of a request whose body is over its limit, when the route words it itself
  // (a photo: how large it may be); nullopt for the plain one.
  std::function<std::optional<Response>(const Request&)> too_large;
  // One line per request, after the response is written.
  std::function<void(const Request&, const Response&, std::chrono::microseconds)> log;
};

// One request from raw bytes through the same parsing as a connection (header limit, origin-form
// target, per-route body limit), for the fuzzer and tests. `complete` when a handler would get it;
// otherwise `early_status` is the answer the server gives first (400, 413, 431) or 0 when it would
// close the connection without one (garbage, cut short).
struct ParsedRequest {
  bool complete = false;
  int early_status = 0;
  Request req;
};
ParsedRequest parse_request(std::string_view raw, std::size_t max_header_bytes, const std::function<std::size_t(const Request&)>& body_limit);

class Server {
 public:
  Server(ServerOptions options, Handlers handlers);
  ~Server();
  // Opens the listeners; throws std::runtime_error with a clear message (port taken, bad cert…).
  void bind();
  // "http://127.0.0.1:8080", "https://…", with the ports actually bound.
  std::vector<std::string> endpoints() const;
  // Serves until SIGINT/SIGTERM (or stop()), then finishes in-flight requests and returns.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qsm::http
