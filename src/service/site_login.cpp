// Site-user and enterprise logins.
#include "service/site_login.hpp"

#include "service/auth_service.hpp"

#include <sodium.h>

#include "auth/certificate.hpp"
#include "domain/checksum.hpp"
#include "domain/error.hpp"
#include "domain/problems.hpp"
#include "domain/registry.hpp"

namespace qsm::service {
namespace {

std::string_view contract_kind_for(const std::string& role) {
  if (role == "site_contractor") return "general";
  if (role == "site_supervisor") return "supervision";
  throw domain::field_failure("role", "请选择 施工总包项目负责人 或 监理项目负责人（site_contractor 或 site_supervisor）");
}

using domain::field_failure;

std::string code_hash(const app::App& app, std::int64_t person_id, std::string_view code) {
  return app.secret.hmac_hex("sms-login:" + std::to_string(person_id) + ":" + std::string(code));
}

// The person behind name + ID number, who must manage a contract of the role's kind.
store::PersonRow identify(app::App& app, const std::string& role, const std::string& name, const std::string& id_number,
                          const std::string& ip) {
  auto kind = contract_kind_for(role);
  if (!domain::valid_id_number(id_number)) throw field_failure("id_number", "身份证号格式不正确（18 位，末位校验码）");
  const std::string who = name + " " + domain::mask_id_number(id_number);
  auto refuse = [&](const std::string& reason, const std::string& field, const std::string& message) -> Failure {
    app.db->write([&](store::Connection& c) { store::log_login(c, app.clock.now(), "sms", who, ip, false, reason); });
    return field_failure(field, message);
  };
  auto person = app.db->read([&](store::Connection& c) { return store::find_person_by_id_hash(c, app.secret.hmac_hex(id_number)); });
  if (!person || person->name != name)
    throw refuse("实名制系统中无此人员", "id_number", "姓名与身份证号在现场人员实名制系统中不匹配，请核对");
  auto contracts = app.db->read([&](store::Connection& c) { return store::contracts_of_person(c, person->id, kind); });
  if (contracts.empty())
    throw refuse("不是对应合同的项目负责人", "role",
                 std::string("该人员不是任何") + (kind == "general" ? "施工总包合同" : "监理合同") + "的项目负责人");
  return *person;
}

}  // namespace

CodeSent send_login_code(app::App& app, const std::string& role, const std::string& name, const std::string& id_number,
                         const std::string& ip) {
  const auto now = app.clock.now();
  const std::int64_t now_ms = domain::to_millis(now);
  // Every request counts, found or not, before anything about the person is looked up.
  app.db->write([&](store::Connection& c) {
    const auto window = std::chrono::duration_cast<std::chrono::milliseconds>(kSmsCodeWindow);
    const std::string key = "sms-codes:" + ip;
    refuse_over_limit(c, key, kSmsCodesPerAddress, window, now_ms, "动态密码请求");
    store::rate_hit(c, key, now_ms, window.count());
  });
  auto person = identify(app, role, name, id_number, ip);
  const std::int64_t resend_ms = std::chrono::duration_cast<std::chrono::milliseconds>(kResendInterval).count();
  // The Shanghai calendar day, for the 10-a-day limit.
  const std::int64_t day_start = domain::to_millis(domain::shanghai_time(domain::shanghai_date(now)));

  std::string code(6, '0');
  for (auto& ch : code) ch = static_cast<char>('0' + randombytes_uniform(10));
  const std::int64_t expires = now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(kCodeValidity).count();

  // The limits and the new code are one transaction, so two quick clicks cannot both pass.
  std::int64_t code_id = app.db->write([&](store::Connection& c) {
    if (auto last = store::last_code_sent_at(c, person.id); last && now_ms - *last < resend_ms) {
      auto wait = (resend_ms - (now_ms - *last) + 999) / 1000;
      throw Failure(Error::rate_limited, "动态密码发送过于频繁，请 " + std::to_string(wait) + " 秒后再试",
                    boost::json::object{{"retry_after", wait}});
    }
    if (store::codes_sent_since(c, person.id, day_start) >= kCodesPerDay) {
      auto wait = (day_start + 86'400'000 - now_ms + 999) / 1000;
      throw Failure(Error::rate_limited, "今日动态密码已发送 10 次，请明天再试", boost::json::object{{"retry_after", wait}});
    }
    return store::insert_code(c, person.id, role, code_hash(app, person.id, code), now_ms, expires);
  });
  try {
    app.sms->send(*app.db, person.mobile, "【质量标准化】您的登录动态密码为 " + code + "，5 分钟内有效，请勿告诉他人。", "login");
  } catch (const std::exception& e) {
    // Never delivered: forget it, so the user need not wait out the resend interval.
    app.db->write([&](store::Connection& c) { store::delete_code(c, code_id); });
    throw Failure(Error::unavailable, std::string("短信发送失败，请稍后重试（") + e.what() + "）");
  }
  return CodeSent{domain::mask_mobile(person.mobile), static_cast<int>(resend_ms / 1000),
                  static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(kCodeValidity).count())};
}

Login login_with_code(app::App& app, const std::string& role, const std::string& name, const std::string& id_number,
                      const std::string& code, const std::string& ip) {
  auto person = identify(app, role, name, id_number, ip);
  const std::string who = name + " " + domain::mask_id_number(id_number);
  const std::int64_t now_ms = domain::to_millis(app.clock.now());
  enum class Outcome { ok, none, wrong, burned };
  int left = 0;
  auto outcome = app.db->write([&](store::Connection& c) {
    auto live = store::live_code(c, person.id, role, now_ms);
    Outcome o;
    if (!live) {
      o = Outcome::none;
    } else if (sodium_memcmp(live->code_hash.data(), code_hash(app, person.id, code).data(), live->code_hash.size()) == 0) {
      store::use_code(c, live->id);
      o = Outcome::ok;
    } else {
      auto attempts = live->attempts + 1;
      bool burned = attempts >= kCodeAttempts;
      store::set_code_attempts(c, live->id, attempts, burned);
      left = static_cast<int>(kCodeAttempts - attempts);
      o = burned ? Outcome::burned : Outcome::wrong;
    }
    const char* reason = o == Outcome::ok ? "" : o == Outcome::none ? "无有效动态密码" : o == Outcome::wrong ? "动态密码错误" : "动态密码错误次数过多，已作废";
    store::log_login(c, app.clock.now(), "sms", who, ip, o == Outcome::ok, reason);
    return o;
  });
  switch (outcome) {
    case Outcome::ok: break;
    case Outcome::none: throw Failure(Error::unauthenticated, "动态密码已过期或未获取，请重新获取");
    case Outcome::wrong: throw Failure(Error::unauthenticated, "动态密码错误，还可尝试 " + std::to_string(left) + " 次");
    case Outcome::burned: throw Failure(Error::unauthenticated, "动态密码错误次数过多，已作废，请重新获取");
  }
  return start_session(app, role, "sms", ip, std::nullopt, std::nullopt, person.id);
}

std::vector<store::PersonContract> session_contracts(app::App& app, const Session& s, const std::string& report_no) {
  if (s.actor.person_id == 0) throw Failure(Error::forbidden, "只有现场用户需要选择合同");
  auto kind = contract_kind_for(std::string(domain::to_string(s.actor.role)));
  return app.db->read([&](store::Connection& c) { return store::contracts_of_person(c, s.actor.person_id, kind, report_no); });
}

void choose_contract(app::App& app, const Session& s, std::int64_t contract_id) {
  if (s.actor.person_id == 0) throw Failure(Error::forbidden, "只有现场用户需要选择合同");
  auto kind = contract_kind_for(std::string(domain::to_string(s.actor.role)));
  app.db->write([&](store::Connection& c) {
    if (!store::contract_of_person(c, s.actor.person_id, kind, contract_id)) throw Failure(Error::not_found, "合同不存在或您不是该合同的项目负责人");
    store::bind_session_contract(c, s.id, contract_id, std::string(domain::to_string(s.actor.role)));
  });
  app.sessions->forget(s.id);
}

http::PeerCertificate request_certificate(const app::App& app, const http::Request& req) {
  // Behind a TLS-terminating proxy the certificate arrives in a header, believed only from the proxy.
  if (!app.settings.trusted_proxies.empty() && auth::ip_in_cidrs(req.peer_ip, app.settings.trusted_proxies))
    if (auto h = req.header(app.settings.proxy_cert_header); h && !h->empty())
      return auth::verify_forwarded_certificate(*h, app.settings.client_ca, app.settings.certificate_field);
  return req.peer;
}

Login login_with_certificate(app::App& app, const http::PeerCertificate& cert, const std::string& ip) {
  auto refuse = [&](const std::string& who, const std::string& message) -> Failure {
    app.db->write([&](store::Connection& c) { store::log_login(c, app.clock.now(), "certificate", who, ip, false, message); });
    return Failure(Error::unauthenticated, message);
  };
  if (!cert.presented) throw refuse("-", "未检测到企业数字证书：请插入数字证书（KEY）后通过 HTTPS 访问平台并重试");
  if (!cert.verified) throw refuse(cert.subject, "数字证书无效（" + cert.verify_error + "）：证书已过期或不是平台认可的 CA 签发");
  if (cert.serial_number.empty()) throw refuse(cert.subject, "数字证书中没有统一社会信用代码（主题字段 " + app.settings.certificate_field + "）");
  auto enterprise = app.db->read([&](store::Connection& c) { return store::find_enterprise_by_uscc(c, cert.serial_number); });
  if (!enterprise) throw refuse(cert.serial_number, "证书对应的企业（统一社会信用代码 " + cert.serial_number + "）未在平台登记");
  std::string role = enterprise->kind == "construction" ? "contractor" : "supervisor";
  app.db->write([&](store::Connection& c) { store::log_login(c, app.clock.now(), "certificate", enterprise->uscc + " " + enterprise->name, ip, true, ""); });
  return start_session(app, role, "certificate", ip, std::nullopt, enterprise->id, std::nullopt);
}

}  // namespace qsm::service
