// Blocking client over Beast's tcp_stream with one deadline for connect, write and read.
#include "http/client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <stdexcept>

namespace qsm::http {

ClientResponse post_json(const std::string& url, const std::string& body, std::chrono::milliseconds timeout) {
  namespace beast = boost::beast;
  namespace bhttp = beast::http;
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http") throw std::runtime_error("网关地址应为 http://HOST[:PORT]/PATH：" + url);
  std::string host(parsed->host());
  std::string port = parsed->has_port() ? std::string(parsed->port()) : "80";
  std::string target(parsed->encoded_target());
  if (target.empty()) target = "/";

  boost::asio::io_context ioc;
  boost::asio::ip::tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  stream.expires_after(timeout);
  stream.connect(resolver.resolve(host, port));
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
  req.set(bhttp::field::host, host);
  req.set(bhttp::field::content_type, "application/json; charset=utf-8");
  req.set(bhttp::field::user_agent, "qsm");
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  beast::error_code ec;
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  return {static_cast<int>(res.result_int()), std::move(res.body())};
}

}  // namespace qsm::http
