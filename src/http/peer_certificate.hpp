// What a client certificate says about itself: subject, the configured subject field (the USCC),
// and its PEM. Shared by the TLS handshake and the trusted-proxy header; verification is the caller's.
#pragma once
#include <openssl/types.h>

#include <string>

#include "http/message.hpp"

namespace qsm::http {

// presented = true; verified and verify_error are left for the caller to set.
PeerCertificate describe_certificate(X509* cert, const std::string& subject_field);

}  // namespace qsm::http
