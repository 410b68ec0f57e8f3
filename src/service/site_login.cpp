// Site-user and enterprise logins.
#include "service/site_login.hpp"

#include "store/audit.hpp"
#include "store/clerk_store.hpp"

#include "service/auth_service.hpp"

#include "crypto/secret.hpp"
#include "domain/checksum.hpp"
#include "domain/error.hpp"
#include "domain/problems.hpp"
#include "domain/registry.hpp"

namespace qsm::service {
namespace {

// The SMS login's third role (issue 27): an enterprise's clerk, who acts for it.
constexpr std::string_view kClerk = "clerk";

std::string_view contract_kind_for(const std::string& role) {
  if (role == "site_contractor") return "general";
  if (role == "site_supervisor") return "supervision";
  if (role == kClerk) return kClerk;
  throw domain::field_failure("role", "请选择 施工总包项目负责人、监理项目负责人 或 企业办事员（site_contractor、site_supervisor 或 clerk）");
}

using domain::field_failure;

std::string code_hash(const app::App& app, std::int64_t person_id, std::string_view code) {
  return app.secret.hmac_hex("sms-login:" + std::to_string(person_id) + ":" + std::string(code));
}

constexpr std::int64_t ms(auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); }

// One answer for every refusal before a code is compared and for every wrong code: whether the
// person exists, manages a contract of that kind, or has a live code is never told (it would let a
// stranger recover an ID-card number from a name and a birth date).
Failure refused_login() { return Failure(Error::unauthenticated, "姓名、身份证号或动态密码不正确，或动态密码已失效，请核对后重新获取"); }

// The person behind name + ID number who manages a contract of the role's kind, or nullopt with the
// reason for the login log.
std::optional<store::PersonRow> find_manager(store::Connection& c, const app::App& app, std::string_view kind, const std::string& name,
                                             const std::string& id_number, std::string& reason) {
  auto person = store::find_person_by_id_hash(c, app.secret.hmac_hex(id_number));
  if (!person || person->name != name) {
    reason = "实名制系统中无此人员";
    return std::nullopt;
  }
  if (kind == kClerk) {
    if (!store::enabled_clerk_of_person(c, person->id)) {
      reason = "不是任何企业的办事员，或已被停用";
      return std::nullopt;
    }
    return person;
  }
  if (store::contracts_of_person(c, person->id, kind).empty()) {
    reason = std::string("不是任何") + (kind == "general" ? "施工总包合同" : "监理合同") + "的项目负责人";
    return std::nullopt;
  }
  return person;
}

// What every request passes whoever it names, before anything is looked up: the fields' formats
// (public rules).
std::string_view checked_kind(const std::string& role, const std::string& id_number) {
  auto kind = contract_kind_for(role);
  if (!domain::valid_id_number(id_number)) throw field_failure("id_number", "身份证号格式不正确（18 位，末位校验码）");
  return kind;
}

}  // namespace

CodeSent send_login_code(app::App& app, const std::string& role, const std::string& name, const std::string& id_number,
                         const std::string& ip) {
  const auto kind = checked_kind(role, id_number);
  if (!app.sms->available()) throw Failure(Error::unavailable, "短信服务暂时不可用，请稍后再试");
  const auto now = app.clock.now();
  const std::int64_t now_ms = domain::to_millis(now);
  const std::string who = name + " " + domain::mask_id_number(id_number);
  const std::string id_key = app.secret.hmac_hex("sms-person:" + id_number);
  const auto today = domain::shanghai_date(now);
  const std::int64_t day_end = domain::to_millis(domain::shanghai_time(today)) + 86'400'000;

  const std::string code = crypto::random_digits(6);
  const std::int64_t expires = now_ms + ms(kCodeValidity);

  // Limits, lookup and the new code in one transaction. Every limit is counted by the address or by
  // the ID number's HMAC, never by a person found, so a refusal says nothing about who exists; a
  // refusal rolls the transaction back and writes nothing, not even a log row.
  auto found = app.db->write([&](store::Connection& c) -> std::optional<store::PersonRow> {
    take_address_slot(c, "sms-codes", ip, kSmsCodesPerAddress, std::chrono::duration_cast<std::chrono::milliseconds>(kSmsCodeWindow),
                      now_ms, "动态密码请求");
    if (auto w = store::rate_take(c, "sms-resend:" + id_key, now_ms, ms(kResendInterval)); w.hits > 1) {
      auto wait = (w.started_at + ms(kResendInterval) - now_ms + 999) / 1000;
      throw Failure(Error::rate_limited, "动态密码发送过于频繁，请 " + std::to_string(wait) + " 秒后再试",
                    boost::json::object{{"retry_after", wait}});
    }
    if (store::rate_take(c, "sms-day:" + domain::format_date(today) + ":" + id_key, now_ms, 86'400'000).hits > kCodesPerDay)
      throw Failure(Error::rate_limited, "今日动态密码已发送 " + std::to_string(kCodesPerDay) + " 次，请明天再试",
                    boost::json::object{{"retry_after", (day_end - now_ms + 999) / 1000}});
    std::string reason;
    auto person = find_manager(c, app, kind, name, id_number, reason);
    if (!person) {
      store::log_login(c, now, "sms", who, ip, false, "获取动态密码：" + reason);
      return std::nullopt;
    }
    store::insert_code(c, person->id, role, code_hash(app, person->id, code), now_ms, expires);
    return person;
  });
  // Handed to the gateway (the outbox writes it at once; an HTTP gateway delivers in the background),
  // so a slow or failing gateway does not tell a known person from an unknown one either.
  if (found) app.sms->send(*app.db, found->mobile, "【质量标准化】您的登录动态密码为 " + code + "，5 分钟内有效，请勿告诉他人。", "login");
  return CodeSent{static_cast<int>(ms(kResendInterval) / 1000), static_cast<int>(ms(kCodeValidity) / 1000)};
}

Login login_with_code(app::App& app, const std::string& role, const std::string& name, const std::string& id_number,
                      const std::string& code, const std::string& ip) {
  const auto kind = checked_kind(role, id_number);
  const auto now = app.clock.now();
  const std::int64_t now_ms = domain::to_millis(now);
  const std::string who = name + " " + domain::mask_id_number(id_number);
  const auto window = std::chrono::duration_cast<std::chrono::milliseconds>(kSmsLoginFailureWindow);
  enum class Outcome { ok, refused, name_limited };
  std::optional<store::PersonRow> person;
  std::optional<store::ClerkLogin> clerk;  // a clerk's login: the clerk, read with the code's use
  // The address's failures and the name's are counted before anything is looked up; a refusal by the
  // address's limit rolls back and writes nothing. A right code is never refused by the name's limit:
  // a stranger guessing numbers for a name cannot lock its owner out, who has the code on the phone.
  auto outcome = app.db->write([&](store::Connection& c) {
    auto slot = take_address_slot(c, "sms-login-failures", ip, kSmsLoginFailuresPerAddress, window, now_ms, "动态密码登录失败次数");
    const auto name_window = store::rate_take(c, "sms-login-name:" + app.secret.hmac_hex("sms-name:" + name), now_ms, window.count());
    std::string reason;
    person = find_manager(c, app, kind, name, id_number, reason);
    if (person) {
      // The try is counted in the statement that reads the code: at most kCodeAttempts comparisons per code.
      if (auto live = store::take_code_attempt(c, person->id, role, now_ms, kCodeAttempts)) {
        const auto expected = code_hash(app, person->id, code);
        if (crypto::equal_in_constant_time(live->code_hash, expected) && store::use_code(c, live->id)) {
          give_back(c, slot);
          if (kind == kClerk) clerk = store::enabled_clerk_of_person(c, person->id);
          store::log_login(c, now, "sms", who, ip, true, "");
          return Outcome::ok;
        }
        reason = live->attempts >= kCodeAttempts ? "动态密码错误次数过多，已作废" : "动态密码错误";
      } else {
        reason = "无有效动态密码";
      }
    }
    if (name_window.hits > kSmsLoginFailuresPerName) return Outcome::name_limited;
    store::log_login(c, now, "sms", who, ip, false, reason);
    return Outcome::refused;
  });
  if (outcome == Outcome::name_limited)
    throw Failure(Error::rate_limited, "该姓名的登录尝试过多，请稍后再试；已收到动态密码的可直接登录",
                  boost::json::object{{"retry_after", ms(kSmsLoginFailureWindow) / 1000}});
  if (outcome == Outcome::refused) throw refused_login();
  if (clerk) {
    // The enterprise's session under the clerk's name: the enterprise's role, narrowed to the clerk.
    const auto enterprise_role = clerk->enterprise_kind == "construction" ? domain::Role::contractor : domain::Role::supervisor;
    return start_session(app, std::string(domain::to_string(enterprise_role)), "sms", ip, std::nullopt, clerk->enterprise_id, std::nullopt,
                         domain::Setup::none, clerk->id);
  }
  return start_session(app, role, "sms", ip, std::nullopt, std::nullopt, person->id);
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
    auto contract = store::contract_of_person(c, s.actor.person_id, kind, contract_id);
    if (!contract) throw Failure(Error::not_found, "合同不存在或您不是该合同的项目负责人");
    store::bind_session_contract(c, s.id, contract_id, std::string(domain::to_string(s.actor.role)));
    // A security event (issue 21): who acts for which contract, from where.
    store::append_audit(c, app.audit_key,
                        {"session", s.id, std::nullopt, "choose_contract", std::nullopt, std::nullopt,
                         "选择合同 " + contract->report_no + "（" + contract->project_name + "）"},
                        s.actor, app.clock.now());
  });
  app.sessions->forget(s.id);
}

Login login_with_certificate(app::App& app, const crypto::PeerCertificate& cert, const std::string& ip) {
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
