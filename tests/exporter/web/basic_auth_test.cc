// BasicAuth: bcrypt hashes checked through libxcrypt, and the cache of verified pairs.
#include <doctest/doctest.h>

#include "exporter/web/basic_auth.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("bcrypt: $2y$ and $2b$ hashes verify through crypt_r; basic auth caches a verified pair") {
  std::string hash = bcrypt_hash("secret");
  REQUIRE(hash.rfind("$2b$", 0) == 0);
  CHECK(bcrypt_matches("secret", hash));
  CHECK_FALSE(bcrypt_matches("Secret", hash));
  std::string y_hash = "$2y$" + hash.substr(4);
  CHECK(bcrypt_matches("secret", y_hash));
  CHECK_FALSE(bcrypt_matches("secret", "not a hash"));

  BasicAuth auth({{"alice", y_hash}});
  CHECK(auth.accepts("Basic YWxpY2U6c2VjcmV0"));          // alice:secret
  CHECK(auth.accepts("Basic YWxpY2U6c2VjcmV0"));          // cached
  CHECK_FALSE(auth.accepts("Basic YWxpY2U6d3Jvbmc="));    // alice:wrong
  CHECK_FALSE(auth.accepts("Basic Ym9iOnNlY3JldA=="));    // bob:secret
  CHECK_FALSE(auth.accepts("Bearer abc"));
  CHECK_FALSE(auth.accepts("Basic !!!!"));
}
