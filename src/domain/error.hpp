// The one catalogue of errors: a protocol-neutral code, its API token, a default Chinese message,
// and the HTTP status, decided here and nowhere else.
#pragma once
#include <array>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qsm {

enum class Error {
  bad_request,
  unauthenticated,
  forbidden,
  csrf_failed,
  not_found,
  method_not_allowed,
  invalid_transition,
  conflict,
  payload_too_large,
  unsupported_media_type,
  validation_failed,
  locked,
  rate_limited,
  internal,
  unavailable,
  account_disabled,
};

struct ErrorInfo {
  Error error;
  std::string_view token;
  std::string_view message;
  int http_status;
};

inline constexpr std::array kErrorCatalogue{
    ErrorInfo{Error::bad_request, "bad_request", "请求格式错误", 400},
    ErrorInfo{Error::unauthenticated, "unauthenticated", "请先登录", 401},
    ErrorInfo{Error::forbidden, "forbidden", "当前角色无权执行此操作", 403},
    ErrorInfo{Error::csrf_failed, "csrf_failed", "安全校验失败，请刷新页面后重试", 403},
    ErrorInfo{Error::not_found, "not_found", "记录不存在", 404},
    ErrorInfo{Error::method_not_allowed, "method_not_allowed", "不支持的请求方法", 405},
    ErrorInfo{Error::invalid_transition, "invalid_transition", "当前状态不允许此操作", 409},
    ErrorInfo{Error::conflict, "conflict", "记录已被他人修改，请刷新后重试", 409},
    ErrorInfo{Error::payload_too_large, "payload_too_large", "请求内容过大", 413},
    ErrorInfo{Error::unsupported_media_type, "unsupported_media_type", "请求内容须为 JSON（Content-Type: application/json）", 415},
    ErrorInfo{Error::validation_failed, "validation_failed", "提交的数据有误，请按提示修改", 422},
    ErrorInfo{Error::locked, "locked", "账号已锁定，请稍后再试", 423},
    ErrorInfo{Error::rate_limited, "rate_limited", "操作过于频繁，请稍后再试", 429},
    ErrorInfo{Error::internal, "internal", "服务器内部错误，请稍后重试", 500},
    ErrorInfo{Error::unavailable, "unavailable", "服务暂不可用，请稍后重试", 503},
    ErrorInfo{Error::account_disabled, "account_disabled", "账号已停用，请联系系统管理员", 403},
};

// Every enumerator appears exactly once, in enum order, so lookup is an index.
constexpr bool catalogue_is_complete() {
  for (std::size_t i = 0; i < kErrorCatalogue.size(); ++i)
    if (static_cast<std::size_t>(kErrorCatalogue[i].error) != i) return false;
  for (std::size_t i = 0; i < kErrorCatalogue.size(); ++i)
    for (std::size_t j = i + 1; j < kErrorCatalogue.size(); ++j)
      if (kErrorCatalogue[i].token == kErrorCatalogue[j].token) return false;
  return true;
}
static_assert(catalogue_is_complete(), "error catalogue out of order or with duplicate tokens");

constexpr const ErrorInfo& info(Error e) { return kErrorCatalogue[static_cast<std::size_t>(e)]; }

// A failure travelling from a domain rule or service to the one place that answers HTTP.
class Failure : public std::runtime_error {
 public:
  explicit Failure(Error e, std::string message = {}, boost::json::object details = {})
      : std::runtime_error(message.empty() ? std::string(info(e).message) : message),
        error_(e),
        details_(std::move(details)) {}
  Error error() const noexcept { return error_; }
  const boost::json::object& details() const noexcept { return details_; }

 private:
  Error error_;
  boost::json::object details_;
};

}  // namespace qsm
