// Passwords: argon2id (libsodium, INTERACTIVE limits ≈ 65 ms) and the password policy.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace qsm::crypto {

std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
// Chinese reason when the password breaks the policy (≥ 10 characters, 3 of 4 character classes).
std::optional<std::string> password_policy_problem(std::string_view password);

}  // namespace qsm::crypto
