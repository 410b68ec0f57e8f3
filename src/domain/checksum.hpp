// Check characters of Chinese identifiers: the unified social credit code (GB 32100-2015)
// and the resident ID-card number (GB 11643-1999, ISO 7064 MOD 11-2).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace qsm::domain {

bool valid_uscc(std::string_view code);
bool valid_id_number(std::string_view id);
// The check character for the first 17 characters of a code (nothing when one is not allowed).
std::optional<char> uscc_check_char(std::string_view first17);
std::optional<char> id_number_check_char(std::string_view first17);
// "310***********123X": the first 3 and last 4 characters of an 18-character ID number.
std::string mask_id_number(std::string_view id);
// "138****5678".
std::string mask_mobile(std::string_view mobile);
bool valid_mobile(std::string_view mobile);

}  // namespace qsm::domain
