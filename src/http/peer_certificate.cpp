// Reading a certificate's subject and PEM with OpenSSL.
#include "http/peer_certificate.hpp"

#include <openssl/pem.h>
#include <openssl/x509.h>

namespace qsm::http {

PeerCertificate describe_certificate(X509* cert, const std::string& subject_field) {
  PeerCertificate p;
  p.presented = true;
  X509_NAME* subject = X509_get_subject_name(cert);
  char line[512];
  X509_NAME_oneline(subject, line, sizeof line);
  p.subject = line;
  int nid = OBJ_txt2nid(subject_field.c_str());
  int idx = nid == NID_undef ? -1 : X509_NAME_get_index_by_NID(subject, nid, -1);
  if (idx >= 0) {
    unsigned char* utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, idx)));
    if (len > 0) p.serial_number.assign(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
    OPENSSL_free(utf8);
  }
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  p.pem.assign(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return p;
}

}  // namespace qsm::http
