// HTTP basic authentication against bcrypt hashes, as node_exporter's
// basic_auth_users. A verified user/password pair is cached (by its SHA-256),
// so only the first request pays bcrypt's deliberate cost. A refusal takes
// the same time whether the user exists or not: an unknown user is checked
// against a dummy hash of the highest configured cost, and every refusal
// lasts at least as long as one check at that cost.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace symptree {

class BasicAuth {
 public:
  explicit BasicAuth(std::map<std::string, std::string> users);

  bool enabled() const { return !users_.empty(); }
  // Whether an Authorization header value ("Basic base64(user:password)") is accepted.
  bool accepts(const std::string& authorization);

 private:
  bool verify(const std::string& user, const std::string& password) const;

  std::map<std::string, std::string> users_;
  std::string dummy_hash_;                    // at the highest cost in users_
  std::chrono::nanoseconds refusal_time_{0};  // one check of dummy_hash_, measured at start
  std::mutex mutex_;
  std::set<std::string> verified_;  // SHA-256 of "user:password"
};

// Whether `password` matches a bcrypt `hash` ($2a$, $2b$ or $2y$).
bool bcrypt_matches(const std::string& password, const std::string& hash);

}  // namespace symptree
