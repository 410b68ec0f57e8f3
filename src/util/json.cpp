// Serializer and text checks.
#include "util/json.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <glib.h>

namespace qsm::json {
namespace {


void write(const boost::json::value& v, std::string& out) {
  switch (v.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_int64());
      out.append(buf, r.ptr);
      break;
    }
    case boost::json::kind::uint64: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_uint64());
      out.append(buf, r.ptr);
      break;
    }
    case boost::json::kind::double_: {
      double d = v.get_double();
      if (!std::isfinite(d)) { out += "null"; break; }
      char buf[32];
      // Shortest round-trip form in plain notation: 88.24, 52000.5, 100.
      auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
      out.append(buf, r.ptr);
      break;
    }
    case boost::json::kind::string: out += boost::json::serialize(v.get_string()); break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(e, out);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string_view(kv.key()));
        out += ':';
        write(kv.value(), out);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string serialize(const boost::json::value& v) {
  std::string out;
  out.reserve(256);
  write(v, out);
  return out;
}

bool has_control_chars(std::string_view s, bool multiline) {
  for (unsigned char c : s) {
    if (c == 0x7f) return true;
    if (c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) return true;
  }
  return false;
}

// Characters that change how text is shown without being seen: bidirectional embeddings, overrides
// and isolates (U+202A–202E, U+2066–2069), zero-width and direction marks (U+200B–200F, U+2060,
// U+FEFF). A name or opinion holding one reads differently on screen, in a PDF and in the audit log.
bool has_invisible_format_chars(std::string_view s) {
  // All of them are three bytes in UTF-8: E2 80 8B–8F, E2 80 AA–AE, E2 81 A0, E2 81 A6–A9, EF BB BF.
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]), c = static_cast<unsigned char>(s[i + 2]);
    if (a == 0xE2 && b == 0x80 && ((c >= 0x8B && c <= 0x8F) || (c >= 0xAA && c <= 0xAE))) return true;
    if (a == 0xE2 && b == 0x81 && (c == 0xA0 || (c >= 0xA6 && c <= 0xA9))) return true;
    if (a == 0xEF && b == 0xBB && c == 0xBF) return true;
  }
  return false;
}

bool is_plain_text(std::string_view s) {
  if (!g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return false;
  return !has_invisible_format_chars(s);
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace qsm::json
