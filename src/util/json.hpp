// JSON helpers on Boost.JSON: a serializer that writes plain decimals (88.24, not 8.824E1), and
// the text checks every reader of client text shares. Reading request bodies into fields, with
// problems, is domain/json_input.hpp.
#pragma once
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace qsm::json {

std::string serialize(const boost::json::value& v);
// Number of Unicode code points of valid UTF-8 text.
std::size_t utf8_length(std::string_view s);
// Valid UTF-8 with no control characters: what query and path text must be before it reaches a
// statement (a NUL would cut it short, invalid bytes fail PostgreSQL).
bool is_plain_text(std::string_view s);
// A control character (DEL included); with `multiline`, \n, \t and \r are allowed.
bool has_control_chars(std::string_view s, bool multiline);
// Characters that change how text is shown without being seen (bidirectional controls, zero-width
// and direction marks): text holding one reads differently on screen, in a PDF and in the audit log.
bool has_invisible_format_chars(std::string_view s);

}  // namespace qsm::json
