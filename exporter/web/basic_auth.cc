// Basic auth: header decoding, bcrypt via libxcrypt's crypt_r, a verified cache.
#include "exporter/web/basic_auth.h"

#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <memory>

namespace symptree {
namespace {

bool decode_base64(const std::string& text, std::string& out) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::string decoded(text.size() / 4 * 3, '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                               reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (length < 0) return false;
  size_t padding = text[text.size() - 1] == '=' ? (text[text.size() - 2] == '=' ? 2 : 1) : 0;
  decoded.resize(static_cast<size_t>(length) - padding);
  out = decoded;
  return true;
}

std::string sha256(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return std::string(reinterpret_cast<char*>(digest), sizeof digest);
}

// A bcrypt hash of a random password at `cost`.
std::string make_dummy_hash(int cost) {
  char salt[64];
  if (!crypt_gensalt_rn("$2y$", static_cast<unsigned long>(cost), nullptr, 0, salt, sizeof salt)) return "";
  auto data = std::make_unique<crypt_data>();
  std::memset(data.get(), 0, sizeof(crypt_data));
  const char* hash = crypt_r("symptree dummy password", salt, data.get());
  return hash && hash[0] != '*' ? hash : "";
}

}  // namespace

BasicAuth::BasicAuth(std::map<std::string, std::string> users) : users_(std::move(users)) {
  if (users_.empty()) return;
  int cost = 4;
  for (const auto& [user, hash] : users_) cost = std::max(cost, std::atoi(hash.substr(4, 2).c_str()));
  dummy_hash_ = make_dummy_hash(cost);
  auto start = std::chrono::steady_clock::now();
  bcrypt_matches("another password", dummy_hash_);
  refusal_time_ = std::chrono::steady_clock::now() - start;
}

bool bcrypt_matches(const std::string& password, const std::string& hash) {
  auto data = std::make_unique<crypt_data>();
  std::memset(data.get(), 0, sizeof(crypt_data));
  const char* result = crypt_r(password.c_str(), hash.c_str(), data.get());
  if (!result || result[0] == '*' || std::strlen(result) != hash.size()) return false;
  return CRYPTO_memcmp(result, hash.data(), hash.size()) == 0;
}

bool BasicAuth::accepts(const std::string& authorization) {
  const std::string scheme = "Basic ";
  std::string credentials;
  if (authorization.compare(0, scheme.size(), scheme) != 0 ||
      !decode_base64(authorization.substr(scheme.size()), credentials)) {
    return false;
  }
  size_t colon = credentials.find(':');
  if (colon == std::string::npos) return false;
  std::string user = credentials.substr(0, colon);
  std::string password = credentials.substr(colon + 1);
  std::string key = sha256(credentials);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (verified_.count(key)) return true;
  }
  if (!verify(user, password)) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  verified_.insert(key);
  return true;
}

bool BasicAuth::verify(const std::string& user, const std::string& password) const {
  auto start = std::chrono::steady_clock::now();
  auto found = users_.find(user);
  bool match = bcrypt_matches(password, found == users_.end() ? dummy_hash_ : found->second);
  if (found != users_.end() && match) return true;
  // A user with a cheaper hash than the dummy's is refused no sooner than an unknown one.
  std::this_thread::sleep_until(start + refusal_time_);
  return false;
}

}  // namespace symptree
