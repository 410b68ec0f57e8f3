// IP addresses and CIDR ranges: which peers are trusted proxies, and which client an address limit counts.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace qsm::net {

// "10.0.0.0/8", "127.0.0.1", "::1/128": does ip fall inside any of them? Bad entries never match.
bool ip_in_cidrs(std::string_view ip, const std::vector<std::string>& cidrs);
// The client an address limit counts: an IPv4 address as it is (also when v4-mapped), an IPv6
// address by its /64 ("2001:db8:1:2::/64"); anything else unchanged.
std::string rate_limit_address(std::string_view ip);
// Throws std::runtime_error naming the first entry that is not an address or CIDR.
void check_cidrs(const std::vector<std::string>& cidrs);
// A Content-Type header's media type, lower case, without parameters: "Image/JPEG; q=1" → "image/jpeg".
std::string media_type(std::string_view content_type);

}  // namespace qsm::net
