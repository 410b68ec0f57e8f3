// Boost.Beast server. Each connection is a coroutine on its own strand; the handler runs on the
// worker pool (co_spawn onto it, resume here), so a slow PDF never holds up another socket.
#include "http/server.hpp"

#include "crypto/certificate.hpp"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <map>
#include <unordered_map>
#include <random>
#include <spdlog/spdlog.h>

namespace qsm::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

tcp::endpoint parse_endpoint(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("监听地址 '" + text + "' 应为 HOST:PORT，例如 127.0.0.1:8080");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) throw std::runtime_error("监听地址 '" + text + "' 中的 IP 无效");
  int port = 0;
  try {
    port = std::stoi(text.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw std::runtime_error("监听地址 '" + text + "' 中的端口无效");
  return {addr, static_cast<unsigned short>(port)};
}

crypto::PeerCertificate describe(SSL* ssl, const std::string& field) {
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (!cert) return {};
  crypto::PeerCertificate p = crypto::describe_certificate(cert, field);
  X509_free(cert);
  long verify = SSL_get_verify_result(ssl);
  p.verified = verify == X509_V_OK;
  if (!p.verified) p.verify_error = X509_verify_cert_error_string(verify);
  return p;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Method, target, headers (names lower-cased), decoded path and query of a parsed head; false when
// the target is not an origin-form URL (answered 400).
template <class Header>
bool read_head(const Header& header, Request& req) {
  req.method = std::string(header.method_string());
  req.target = std::string(header.target());
  for (const auto& f : header) req.headers.emplace_back(lower(f.name_string()), std::string(f.value()));
  auto url = boost::urls::parse_origin_form(req.target);
  if (!url) return false;
  req.path = url->path();
  for (auto param : url->params()) req.query.emplace_back(param.key, param.value);
  return true;
}

// A handler-made refusal written before the body was read (the connection closes after it).
bhttp::response<bhttp::string_body> early_answer(const Response& r) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), 11};
  res.set(bhttp::field::content_type, r.content_type);
  for (const auto& [k, v] : r.headers) res.insert(k, v);
  res.body() = r.body;
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

Response busy_answer() {
  Response r;
  r.status = 503;
  r.body = R"({"error":{"code":"unavailable","message":"服务器正忙（登录或打印请求过多），请稍后重试","details":{"retry_after":2}}})";
  r.set_header("Retry-After", "2");
  return r;
}

// What makes a request ambiguous between this server and a proxy in front of it (request smuggling),
// or not HTTP/1.1 as it must be: nullopt when the head is sound.
template <class Header>
std::optional<std::string_view> unsound_head(const Header& header) {
  int lengths = 0, encodings = 0;
  for (const auto& f : header) {
    if (f.name() == bhttp::field::content_length) ++lengths;
    if (f.name() == bhttp::field::transfer_encoding) ++encodings;
  }
  if (lengths > 1 || encodings > 1 || (lengths && encodings)) return "请求头中的 Content-Length / Transfer-Encoding 有歧义";
  if (encodings && !beast::iequals(header[bhttp::field::transfer_encoding], "chunked")) return "不支持的 Transfer-Encoding";
  if (header.version() == 11 && header.find(bhttp::field::host) == header.end()) return "HTTP/1.1 请求缺少 Host 头";
  if (header.version() != 11 && header.version() != 10) return "不支持的 HTTP 版本";
  return std::nullopt;
}

// Writes a bare error answer for failures before a request reaches the handlers (413, 400, 503).
bhttp::response<bhttp::string_body> early_error(int status, std::string_view code, std::string_view message) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), 11};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.body() = "{\"error\":{\"code\":\"" + std::string(code) + "\",\"message\":\"" + std::string(message) + "\",\"details\":{}}}";
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handlers handlers;
  asio::io_context ioc;
  asio::thread_pool workers;
  asio::thread_pool heavy;
  std::atomic<int> heavy_in_flight{0};
  std::atomic<int> large_in_flight{0};
  std::mutex per_address_mutex;
  std::unordered_map<std::string, int> per_address;  // open connections by client address
  std::optional<tcp::acceptor> plain;
  std::optional<tcp::acceptor> secure;
  std::optional<asio::ssl::context> ssl;
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  std::atomic<int> connections{0};
  std::atomic<bool> draining{false};
  std::atomic<std::uint64_t> next_request{0};
  std::string rid_prefix;

  // Connections waiting for their next request are closed on drain; busy ones finish first.
  // Closing happens on the connection's own strand; `alive` is cleared there when it ends.
  struct Live {
    std::function<void()> close;
    asio::any_io_executor executor;
    bool idle = true;
    bool alive = true;
  };
  std::mutex live_mutex;
  std::map<Live*, std::weak_ptr<Live>> live;

  Impl(ServerOptions o, Handlers h)
      : options(std::move(o)), handlers(std::move(h)), ioc(options.io_threads), workers(static_cast<std::size_t>(options.workers)),
        heavy(static_cast<std::size_t>(std::max(1, options.heavy_workers))) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04x", static_cast<unsigned>(std::random_device{}() & 0xffff));
    rid_prefix = buf;
  }

  std::string request_id() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s-%06llx", rid_prefix.c_str(), static_cast<unsigned long long>(++next_request));
    return buf;
  }

  void open(std::optional<tcp::acceptor>& acc, const std::string& where) {
    auto ep = parse_endpoint(where);
    acc.emplace(ioc);
    boost::system::error_code ec;
    acc->open(ep.protocol(), ec);
    if (!ec) acc->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acc->bind(ep, ec);
    if (!ec) acc->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      if (ec == asio::error::address_in_use)
        throw std::runtime_error("端口已被占用：" + where + "（换一个 --listen 端口，或先停止占用它的进程）");
      throw std::runtime_error("无法监听 " + where + "：" + ec.message());
    }
  }

  void setup_tls(const TlsOptions& t) {
    ssl.emplace(asio::ssl::context::tls_server);
    ssl->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                     asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    // TLS 1.2 with forward-secret AEAD suites only (TLS 1.3's are all AEAD).
    if (SSL_CTX_set_cipher_list(ssl->native_handle(),
                                "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                                "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1)
      throw std::runtime_error("无法设置 TLS 密码套件");
    try {
      ssl->use_certificate_chain_file(t.cert);
    } catch (const std::exception& e) {
      throw std::runtime_error("无法读取服务器证书 " + t.cert + "：" + e.what());
    }
    try {
      ssl->use_private_key_file(t.key, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      throw std::runtime_error("无法读取服务器私钥 " + t.key + "：" + e.what());
    }
    if (!t.client_ca.empty()) {
      try {
        ssl->load_verify_file(t.client_ca);
      } catch (const std::exception& e) {
        throw std::runtime_error("无法读取客户端 CA " + t.client_ca + "：" + e.what());
      }
      SSL_CTX* ctx = ssl->native_handle();
      SSL_CTX_set_client_CA_list(ctx, SSL_load_client_CA_file(t.client_ca.c_str()));
      static const unsigned char kSessionContext[] = "qsm";
      SSL_CTX_set_session_id_context(ctx, kSessionContext, sizeof kSessionContext - 1);
      // Ask for a certificate but never refuse the handshake: site and authority users have none,
      // and a bad certificate gets a clear 401 from the login endpoint instead of a TLS alert.
      ssl->set_verify_mode(asio::ssl::verify_peer);
      ssl->set_verify_callback([](bool, asio::ssl::verify_context&) { return true; });
    }
  }

  awaitable<void> accept_loop(tcp::acceptor& acc, bool tls) {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acc.async_accept(asio::make_strand(ioc), asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (draining || ec == asio::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      const std::string ip = socket.remote_endpoint(ec).address().to_string();
      if (connections.load() >= options.max_connections) {
        spdlog::warn("connection cap {} reached; refusing {}", options.max_connections, ip);
        socket.close(ec);
        continue;
      }
      // One address cannot hold every connection (a slow reader or a flood from one host).
      const bool capped = !options.uncapped || !options.uncapped(ip);
      if (capped) {
        std::lock_guard lock(per_address_mutex);
        int& open = per_address[ip];
        if (open >= options.max_connections_per_address) {
          if (open == options.max_connections_per_address) spdlog::warn("{} holds {} connections; refusing more", ip, open);
          socket.close(ec);
          continue;
        }
        ++open;
      }
      ++connections;
      auto done = [this, capped, ip](std::exception_ptr) {
        --connections;
        if (!capped) return;
        std::lock_guard lock(per_address_mutex);
        if (auto it = per_address.find(ip); it != per_address.end() && --it->second <= 0) per_address.erase(it);
      };
      auto exec = socket.get_executor();
      if (tls)
        asio::co_spawn(exec, session<beast::ssl_stream<beast::tcp_stream>>(std::move(socket)), done);
      else
        asio::co_spawn(exec, session<beast::tcp_stream>(std::move(socket)), done);
    }
  }

  template <class Stream>
  awaitable<void> session(tcp::socket socket) {
    constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
    boost::system::error_code ec;
    std::string ip = socket.remote_endpoint(ec).address().to_string();
    std::optional<Stream> holder;
    if constexpr (kTls)
      holder.emplace(std::move(socket), *ssl);
    else
      holder.emplace(std::move(socket));
    Stream& stream = *holder;
    auto& lowest = beast::get_lowest_layer(stream);

    auto me = std::make_shared<Live>();
    me->executor = lowest.get_executor();
    me->close = [&lowest] {
      boost::system::error_code ignore;
      lowest.socket().shutdown(tcp::socket::shutdown_both, ignore);
      lowest.socket().close(ignore);
    };
    {
      std::lock_guard lock(live_mutex);
      live.emplace(me.get(), me);
    }
    struct Unregister {
      Impl* self;
      std::shared_ptr<Live> live;
      ~Unregister() {
        std::lock_guard lock(self->live_mutex);
        live->alive = false;
        self->live.erase(live.get());
      }
    } unregister{this, me};

    crypto::PeerCertificate peer;
    if constexpr (kTls) {
      lowest.expires_after(std::chrono::seconds(10));
      co_await stream.async_handshake(asio::ssl::stream_base::server, asio::redirect_error(use_awaitable, ec));
      if (ec) co_return;
      if (options.tls) peer = describe(stream.native_handle(), options.tls->subject_field);
    }

    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      // The per-route limit is known only after the headers; until then the parser must not apply
      // its own 1 MiB default (it would fail the header read with no chance to answer 413).
      parser.body_limit(boost::none);
      lowest.expires_after(options.read_timeout);
      {
        std::lock_guard lock(live_mutex);
        me->idle = true;
      }
      if (draining) break;
      co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      {
        std::lock_guard lock(live_mutex);
        me->idle = false;
      }
      if (ec == bhttp::error::header_limit) {
        auto res = early_error(431, "header_too_large", "请求头过大");
        co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
        break;
      }
      if (ec) {
        // A head the parser refuses (a bad line, an ambiguous length, obsolete folding) gets a 400
        // before the connection closes; a closed or silent client gets nothing.
        if (&ec.category() == &bhttp::make_error_code(bhttp::error::bad_method).category() && ec != bhttp::error::end_of_stream &&
            ec != bhttp::error::partial_message) {
          auto res = early_error(400, "bad_request", "请求格式错误");
          co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
        }
        break;
      }

      auto start = std::chrono::steady_clock::now();
      Request req;
      req.request_id = request_id();
      req.client_ip = ip;
      req.peer_ip = ip;
      req.tls = kTls;
      req.peer = peer;
      auto& header = parser.get();
      if (auto problem = unsound_head(header)) {
        auto res = early_error(400, "bad_request", *problem);
        co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
        break;
      }
      if (!read_head(header, req)) {
        auto res = early_error(400, "bad_request", "请求地址无效");
        co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
        break;
      }

      std::size_t limit = handlers.body_limit(req);
      // A large body only from a caller allowed to send one: anybody else is held to the small
      // limit, checked on a worker (it reads the session) before a byte of the body is buffered.
      std::optional<Response> refused;
      if (limit > kSmallBody && handlers.refuse_large_body) {
        refused = co_await asio::co_spawn(workers, [&]() -> awaitable<std::optional<Response>> { co_return handlers.refuse_large_body(req); },
                                          use_awaitable);
        if (refused) limit = kSmallBody;
      }
      parser.body_limit(limit);
      auto declared = parser.content_length();
      // A large body waits for one of the few places to be read into memory (ServerOptions::large_bodies).
      struct Place {
        std::atomic<int>* held = nullptr;
        ~Place() {
          if (held) --*held;
        }
      } place;
      if (limit > kSmallBody && !(declared && *declared > limit) && (!declared || *declared > kSmallBody)) {
        const auto give_up = std::chrono::steady_clock::now() + options.read_timeout;
        for (;;) {
          int n = large_in_flight.load();
          if (n < options.large_bodies && large_in_flight.compare_exchange_weak(n, n + 1)) {
            place.held = &large_in_flight;
            break;
          }
          if (std::chrono::steady_clock::now() > give_up) break;
          asio::steady_timer wait(co_await asio::this_coro::executor, std::chrono::milliseconds(5));
          co_await wait.async_wait(asio::redirect_error(use_awaitable, ec));
        }
        if (!place.held) {
          auto res = early_answer(busy_answer());
          co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
          break;
        }
        lowest.expires_after(options.read_timeout);
      }
      if (declared && *declared > limit)
        ec = bhttp::error::body_limit;
      else
        co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      if (ec == bhttp::error::body_limit) {
        std::optional<Response> worded;
        if (!refused && handlers.too_large) worded = handlers.too_large(req);
        auto res = refused ? early_answer(*refused) : worded ? early_answer(*worded) : early_error(413, "payload_too_large", "请求内容过大");
        co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
        // Closing with unread upload in the socket makes the kernel send RST, and the client would
        // lose the 413; read and discard the rest (bounded in time and bytes) first.
        if constexpr (!kTls) {
          lowest.socket().shutdown(tcp::socket::shutdown_send, ec);
          lowest.expires_after(std::chrono::seconds(2));
          std::size_t discarded = 0;
          char sink[16384];
          while (!ec && discarded < (64u << 20)) {
            discarded += co_await lowest.async_read_some(asio::buffer(sink), asio::redirect_error(use_awaitable, ec));
          }
        }
        break;
      }
      if (ec) break;
      req.body = std::move(parser.get().body());
      bool keep_alive = parser.get().keep_alive();

      // A kept answer is given here; anything else runs on the worker pool and this coroutine
      // resumes on its strand afterwards.
      std::optional<Response> quick;
      if (handlers.fast) quick = handlers.fast(req);
      Response out;
      if (quick) {
        out = std::move(*quick);
      } else if (handlers.heavy && handlers.heavy(req)) {
        // Expensive work waits for its own small pool; when too many wait already, the caller is
        // told to come back instead of queueing without end.
        if (heavy_in_flight.fetch_add(1) >= options.heavy_queue) {
          --heavy_in_flight;
          out = busy_answer();
        } else {
          out = co_await asio::co_spawn(heavy, [&]() -> awaitable<Response> { co_return handlers.handle(req); }, use_awaitable);
          --heavy_in_flight;
        }
      } else {
        out = co_await asio::co_spawn(workers, [&]() -> awaitable<Response> { co_return handlers.handle(req); }, use_awaitable);
      }

      if (out.not_before > std::chrono::steady_clock::now()) {
        asio::steady_timer floor(co_await asio::this_coro::executor, out.not_before);
        co_await floor.async_wait(asio::redirect_error(use_awaitable, ec));
      }
      bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(out.status), parser.get().version()};
      res.set(bhttp::field::server, "qsm");
      res.set(bhttp::field::content_type, out.content_type);
      res.set("X-Request-Id", req.request_id);
      for (auto& [k, v] : out.headers) res.insert(k, v);
      std::size_t body_size = out.body.size();
      res.body() = std::move(out.body);
      res.keep_alive(keep_alive && !draining);
      res.prepare_payload();
      if (req.method == "HEAD") res.content_length(body_size);
      lowest.expires_after(options.read_timeout);
      co_await bhttp::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
      if (handlers.log) {
        out.body.clear();
        handlers.log(req, out, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start));
      }
      if (ec || !res.keep_alive()) break;
    }
    if constexpr (kTls) {
      lowest.expires_after(std::chrono::seconds(2));
      co_await stream.async_shutdown(asio::redirect_error(use_awaitable, ec));
    } else {
      lowest.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  }

  awaitable<void> drain() {
    auto deadline = std::chrono::steady_clock::now() + options.drain_timeout;
    asio::steady_timer timer(ioc);
    while (connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      {
        // Idle keep-alive connections would otherwise wait out their read timeout.
        std::lock_guard lock(live_mutex);
        for (auto& [ptr, weak] : live) {
          auto l = weak.lock();
          if (!l || !l->idle) continue;
          asio::post(l->executor, [this, weak] {
            auto l = weak.lock();
            std::lock_guard lock(live_mutex);
            if (l && l->alive && l->idle) l->close();
          });
        }
      }
      timer.expires_after(std::chrono::milliseconds(50));
      co_await timer.async_wait(use_awaitable);
    }
    if (connections.load() > 0) spdlog::warn("drain timeout: {} connections still open", connections.load());
    ioc.stop();
  }

  void begin_drain() {
    if (draining.exchange(true)) return;
    boost::system::error_code ec;
    if (plain) plain->close(ec);
    if (secure) secure->close(ec);
    signals.cancel(ec);
    asio::co_spawn(ioc, drain(), asio::detached);
  }
};

Server::Server(ServerOptions options, Handlers handlers) : impl_(std::make_unique<Impl>(std::move(options), std::move(handlers))) {}

Server::~Server() {
  impl_->workers.join();
  impl_->heavy.join();
}

void Server::bind() {
  if (!impl_->options.listen.empty()) impl_->open(impl_->plain, impl_->options.listen);
  if (impl_->options.tls) {
    impl_->setup_tls(*impl_->options.tls);
    impl_->open(impl_->secure, impl_->options.tls->listen);
  }
  if (!impl_->plain && !impl_->secure) throw std::runtime_error("没有任何监听地址：请给出 --listen 或 --tls-listen");
}

std::vector<std::string> Server::endpoints() const {
  std::vector<std::string> out;
  auto text = [](const tcp::acceptor& a, const char* scheme) {
    auto ep = a.local_endpoint();
    std::string host = ep.address().to_string();
    if (ep.address().is_v6()) host = "[" + host + "]";
    return std::string(scheme) + "://" + host + ":" + std::to_string(ep.port());
  };
  if (impl_->plain) out.push_back(text(*impl_->plain, "http"));
  if (impl_->secure) out.push_back(text(*impl_->secure, "https"));
  return out;
}

void Server::run() {
  Impl& s = *impl_;
  s.signals.async_wait([&s](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: finishing in-flight requests, then exiting", sig);
    s.begin_drain();
  });
  if (s.plain) asio::co_spawn(s.ioc, s.accept_loop(*s.plain, false), asio::detached);
  if (s.secure) asio::co_spawn(s.ioc, s.accept_loop(*s.secure, true), asio::detached);
  std::vector<std::thread> extra;
  for (int i = 1; i < s.options.io_threads; ++i) extra.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : extra) t.join();
  s.workers.join();
  s.heavy.join();
}

ParsedRequest parse_request(std::string_view raw, std::size_t max_header_bytes, const std::function<std::size_t(const Request&)>& body_limit) {
  ParsedRequest out;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
  parser.body_limit(boost::none);
  boost::system::error_code ec;
  std::size_t used = 0;
  while (!ec && !parser.is_header_done() && used < raw.size())
    used += parser.put(asio::buffer(raw.data() + used, raw.size() - used), ec);
  if (ec == bhttp::error::header_limit) return out.early_status = 431, out;
  if (ec && ec != bhttp::error::need_more) return out.early_status = 400, out;  // a head the parser refuses
  if (ec || !parser.is_header_done()) return out;  // cut short: the server closes without an answer
  if (unsound_head(parser.get())) return out.early_status = 400, out;
  if (!read_head(parser.get(), out.req)) return out.early_status = 400, out;
  std::size_t limit = body_limit(out.req);
  parser.body_limit(limit);
  auto declared = parser.content_length();
  if (declared && *declared > limit) return out.early_status = 413, out;
  parser.eager(true);
  while (!ec && !parser.is_done() && used < raw.size()) used += parser.put(asio::buffer(raw.data() + used, raw.size() - used), ec);
  if (ec == bhttp::error::body_limit) return out.early_status = 413, out;
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return out;
  out.req.body = std::move(parser.get().body());
  out.complete = true;
  return out;
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_drain(); });
}

}  // namespace qsm::http
