// Enterprise certificates: verifying a certificate a TLS-terminating proxy forwarded (nginx's
// $ssl_client_escaped_cert), trusted-proxy address matching, and the development CA (qsm dev-ca).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace qsm::auth {

// "10.0.0.0/8", "127.0.0.1", "::1/128": does ip fall inside any of them? Bad entries never match.
bool ip_in_cidrs(std::string_view ip, const std::vector<std::string>& cidrs);
// The client an address limit counts: an IPv4 address as it is (also when v4-mapped), an IPv6
// address by its /64 ("2001:db8:1:2::/64"); anything else unchanged.
std::string rate_limit_address(std::string_view ip);
// Throws std::runtime_error naming the first entry that is not an address or CIDR.
void check_cidrs(const std::vector<std::string>& cidrs);

// Decodes the URL-escaped PEM of the proxy header, verifies it against the CA file (chain, dates)
// and reads the subject field. `presented` is false when the header holds no certificate.
http::PeerCertificate verify_forwarded_certificate(std::string_view escaped_pem, const std::string& ca_file,
                                                   const std::string& subject_field);

struct DevCaEnterprise {
  std::string uscc, name;
};
struct DevCaResult {
  std::string p12_password;
  std::vector<std::string> client_files;
};
// Writes DIR/ca.pem, ca.key, server.pem, server.key (localhost, 127.0.0.1, ::1) and for every
// enterprise clients/<USCC>.pem, .key and .p12. Keeps an existing CA so certificates stay valid.
DevCaResult make_dev_ca(const std::string& dir, const std::vector<DevCaEnterprise>& enterprises);

}  // namespace qsm::auth
