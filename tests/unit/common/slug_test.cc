// Tests for common/slug: headings become GitHub's anchors.
#include "common/slug.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("lower case, spaces and dashes to '-', punctuation dropped, '_' and non-ASCII kept") {
  CHECK(github_slug("Port Conflict") == "port-conflict");
  CHECK(github_slug("TLS Error") == "tls-error");
  CHECK(github_slug("What's up? (v2.0)") == "whats-up-v20");
  CHECK(github_slug("wal_segment - bad") == "wal_segment---bad");  // each space and dash counts
  CHECK(github_slug("Überlauf") == "Überlauf");                  // bytes >= 0x80 are kept as they are
  CHECK(github_slug("") == "");
  CHECK(github_slug("!!!") == "");
}
