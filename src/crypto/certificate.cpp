// OpenSSL-backed certificate handling: what a client certificate says, the proxy-forwarded one
// verified, and the development CA.
#include "crypto/certificate.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <arpa/inet.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "crypto/secret.hpp"

namespace qsm::crypto {
namespace {

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

[[noreturn]] void openssl_fail(const std::string& what) {
  char buf[256];
  ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
  throw std::runtime_error(what + ": " + buf);
}

KeyPtr new_key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) openssl_fail("生成密钥失败");
  return key;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) openssl_fail("证书扩展失败");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

X509Ptr issue(EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key, const std::vector<std::pair<std::string, std::string>>& subject,
              int days, const std::vector<std::pair<int, std::string>>& exts) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  std::string hex = random_hex(8);
  BIGNUM* bn = nullptr;
  BN_hex2bn(&bn, hex.c_str());
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 86400);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& [field, value] : subject)
    X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  for (const auto& [nid, value] : exts) add_ext(cert.get(), issuer ? issuer : cert.get(), nid, value.c_str());
  if (!X509_sign(cert.get(), issuer_key, EVP_sha256())) openssl_fail("证书签名失败");
  return cert;
}

void write_file(const std::filesystem::path& path, const std::string& data, bool secret) {
  mode_t old = umask(secret ? 077 : 022);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
  umask(old);
  if (!out) throw std::runtime_error("无法写入 " + path.string());
}

std::string pem_of(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

X509Ptr read_cert(const std::filesystem::path& p) {
  BioPtr bio(BIO_new_file(p.c_str(), "r"));
  if (!bio) return nullptr;
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

KeyPtr read_key(const std::filesystem::path& p) {
  BioPtr bio(BIO_new_file(p.c_str(), "r"));
  if (!bio) return nullptr;
  return KeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

}  // namespace

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

PeerCertificate verify_forwarded_certificate(std::string_view escaped_pem, const std::string& ca_file,
                                                   const std::string& field) {
  PeerCertificate p;
  std::string pem = url_decode(escaped_pem);
  if (pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos) return p;
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    p.presented = true;
    p.verify_error = "证书格式无法解析";
    return p;
  }
  p = describe_certificate(cert.get(), field);
  if (ca_file.empty()) {
    p.verify_error = "服务器未配置客户端 CA（--client-ca）";
    return p;
  }
  // The proxy verified it already; checking again here means a misconfigured proxy cannot let a
  // self-made certificate through.
  StorePtr store(X509_STORE_new());
  if (X509_STORE_load_file(store.get(), ca_file.c_str()) != 1) {
    p.verify_error = "无法读取客户端 CA";
    return p;
  }
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr);
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT);
  if (X509_verify_cert(ctx.get()) == 1) {
    p.verified = true;
  } else {
    p.verify_error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  }
  return p;
}

DevCaResult make_dev_ca(const std::string& dir_text, const std::vector<DevCaEnterprise>& enterprises, const std::vector<std::string>& server_names) {
  namespace fs = std::filesystem;
  fs::path dir(dir_text);
  fs::create_directories(dir / "clients");
  X509Ptr ca = read_cert(dir / "ca.pem");
  KeyPtr ca_key = read_key(dir / "ca.key");
  if (!ca || !ca_key) {
    ca_key = new_key();
    ca = issue(ca_key.get(), nullptr, ca_key.get(), {{"C", "CN"}, {"O", "qsm 开发测试 CA"}, {"CN", "qsm dev CA (not for production)"}}, 3650,
               {{NID_basic_constraints, "critical,CA:TRUE"}, {NID_key_usage, "critical,keyCertSign,cRLSign"},
                {NID_subject_key_identifier, "hash"}});
    write_file(dir / "ca.key", pem_of(ca_key.get()), true);
    write_file(dir / "ca.pem", pem_of(ca.get()), false);
  }
  std::string names = "DNS:localhost,IP:127.0.0.1,IP:::1";
  for (const auto& n : server_names) {
    const bool plain = !n.empty() && n.size() <= 253 && std::all_of(n.begin(), n.end(), [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':';
    });
    if (!plain) throw std::invalid_argument("服务器名称应为主机名或 IP 地址：" + n);
    in6_addr v6{};
    in_addr v4{};
    const bool ip = inet_pton(AF_INET, n.c_str(), &v4) == 1 || inet_pton(AF_INET6, n.c_str(), &v6) == 1;
    names += (ip ? ",IP:" : ",DNS:") + n;
  }
  std::string had;
  if (std::ifstream in(dir / "server-names.txt"); in) std::getline(in, had);
  if (!fs::exists(dir / "server.pem") || !fs::exists(dir / "server.key") || had != names) {
    KeyPtr key = new_key();
    X509Ptr cert = issue(key.get(), ca.get(), ca_key.get(), {{"C", "CN"}, {"O", "qsm"}, {"CN", "localhost"}}, 825,
                         {{NID_basic_constraints, "critical,CA:FALSE"}, {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                          {NID_ext_key_usage, "serverAuth"}, {NID_subject_alt_name, names}});
    write_file(dir / "server.key", pem_of(key.get()), true);
    write_file(dir / "server.pem", pem_of(cert.get()), false);
    write_file(dir / "server-names.txt", names + "\n", false);
  }
  DevCaResult result;
  // One fixed password for every .p12 of this CA, kept beside it so re-runs print the same one.
  fs::path pw_file = dir / "clients" / "p12-password.txt";
  if (fs::exists(pw_file)) {
    std::ifstream in(pw_file);
    std::getline(in, result.p12_password);
  }
  if (result.p12_password.empty()) {
    result.p12_password = random_hex(4);
    write_file(pw_file, result.p12_password + "\n", true);
  }
  for (const auto& e : enterprises) {
    fs::path base = dir / "clients" / e.uscc;
    result.client_files.push_back(base.string() + ".pem");
    if (fs::exists(base.string() + ".pem") && fs::exists(base.string() + ".key") && fs::exists(base.string() + ".p12")) continue;
    KeyPtr key = new_key();
    X509Ptr cert = issue(key.get(), ca.get(), ca_key.get(),
                         {{"C", "CN"}, {"O", e.name}, {"CN", e.name}, {"serialNumber", e.uscc}}, 730,
                         {{NID_basic_constraints, "critical,CA:FALSE"}, {NID_key_usage, "critical,digitalSignature"},
                          {NID_ext_key_usage, "clientAuth"}});
    write_file(base.string() + ".key", pem_of(key.get()), true);
    write_file(base.string() + ".pem", pem_of(cert.get()), false);
    std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> chain(sk_X509_new_null(), [](STACK_OF(X509)* s) { sk_X509_free(s); });
    sk_X509_push(chain.get(), ca.get());
    PKCS12* p12 = PKCS12_create(result.p12_password.c_str(), e.name.c_str(), key.get(), cert.get(), chain.get(), 0, 0, 0, 0, 0);
    if (!p12) openssl_fail("生成 .p12 失败");
    BioPtr out(BIO_new(BIO_s_mem()));
    i2d_PKCS12_bio(out.get(), p12);
    PKCS12_free(p12);
    char* data = nullptr;
    long len = BIO_get_mem_data(out.get(), &data);
    write_file(base.string() + ".p12", std::string(data, static_cast<std::size_t>(len)), true);
  }
  return result;
}

}  // namespace qsm::crypto
