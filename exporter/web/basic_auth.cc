// Basic auth: header decoding, bcrypt via libxcrypt's crypt_r, a verified cache.
#include "exporter/web/basic_auth.h"

#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
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

// The cost of a "$2y$NN$..." hash (validated by the web config reader); 4 when unreadable.
int bcrypt_cost(const std::string& hash) {
  int cost = hash.size() > 6 ? std::atoi(hash.substr(4, 2).c_str()) : 0;
  return cost >= 4 ? cost : 4;
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
  for (const auto& [user, hash] : users_) dummy_cost_ = std::max(dummy_cost_, bcrypt_cost(hash));
  dummy_hash_ = make_dummy_hash(dummy_cost_);
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
  auto found = users_.find(user);
  bool known = found != users_.end();
  bool match = bcrypt_matches(password, known ? found->second : dummy_hash_);
  if (known && match) return true;
  // A refusal costs at least one check at the highest configured cost, whoever the user: a
  // user with a cheaper hash is refused no sooner than an unknown one. Work, not a sleep
  // measured at start, so the two stay alike however loaded the machine is.
  if (known && bcrypt_cost(found->second) < dummy_cost_) bcrypt_matches(password, dummy_hash_);
  return false;
}

}  // namespace symptree
