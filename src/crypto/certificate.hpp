// Enterprise certificates: what a client certificate says about itself (from the TLS handshake or
// from a TLS-terminating proxy's header, nginx's $ssl_client_escaped_cert, verified again here), and
// the development CA (qsm dev-ca).
#pragma once
#include <openssl/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace qsm::crypto {

// What the TLS layer verified about the client's certificate (enterprise login).
struct PeerCertificate {
  bool presented = false;
  bool verified = false;         // chain to the client CA, dates valid
  std::string verify_error;      // OpenSSL's reason when not verified
  std::string subject;           // one-line subject, for logs
  std::string serial_number;     // the configured subject field (default serialNumber)
  std::string pem;               // the certificate, for the proxy header format and audit
};

// Subject, the configured subject field (the USCC) and PEM of a certificate: presented = true;
// verified and verify_error are left for the caller to set. Shared by the TLS handshake and the
// trusted-proxy header.
PeerCertificate describe_certificate(X509* cert, const std::string& subject_field);

// Decodes the URL-escaped PEM of the proxy header, verifies it against the CA file (chain, dates)
// and reads the subject field. `presented` is false when the header holds no certificate.
PeerCertificate verify_forwarded_certificate(std::string_view escaped_pem, const std::string& ca_file, const std::string& subject_field);

struct DevCaEnterprise {
  std::string uscc, name;
};
struct DevCaResult {
  std::string p12_password;
  std::vector<std::string> client_files;
};
// Writes DIR/ca.pem, ca.key, server.pem, server.key (localhost, 127.0.0.1, ::1 and `server_names`:
// host names or IP addresses, e.g. the machine's address on the LAN for a phone) and for every
// enterprise clients/<USCC>.pem, .key and .p12. Keeps an existing CA so certificates stay valid; the
// server certificate is made again when the names change. Throws std::invalid_argument for a name
// that is neither a host name nor an address.
DevCaResult make_dev_ca(const std::string& dir, const std::vector<DevCaEnterprise>& enterprises,
                        const std::vector<std::string>& server_names = {});

}  // namespace qsm::crypto
