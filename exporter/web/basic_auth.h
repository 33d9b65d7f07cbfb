// HTTP basic authentication against bcrypt hashes, as node_exporter's
// basic_auth_users. A verified user/password pair is cached (by its SHA-256),
// so only the first request pays bcrypt's deliberate cost. A refusal takes
// the same work whether the user exists or not: an unknown user is checked
// against a dummy hash of the highest configured cost, and a known user whose
// hash is cheaper is checked against the dummy too after a wrong password.
#pragma once

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
  std::string dummy_hash_;  // at the highest cost in users_
  int dummy_cost_ = 4;
  std::mutex mutex_;
  std::set<std::string> verified_;  // SHA-256 of "user:password"
};

// Whether `password` matches a bcrypt `hash` ($2a$, $2b$ or $2y$).
bool bcrypt_matches(const std::string& password, const std::string& hash);

}  // namespace symptree
