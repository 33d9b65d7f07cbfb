// Tests for common/build_info: the --version text and this build's facts.
#include "common/build_info.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("version text reads like promtool's") {
  BuildInfo info{"1.2.3", "main", "0123456789abcdef0123456789abcdef01234567", "20260101-12:00:00", "GCC 12.2.0",
                 "linux/amd64"};
  CHECK(version_text("symptree", info) ==
        "symptree, version 1.2.3 (branch: main, revision: 0123456789abcdef0123456789abcdef01234567)\n"
        "  build date:       20260101-12:00:00\n"
        "  compiler:         GCC 12.2.0\n"
        "  platform:         linux/amd64");
}

TEST_CASE("this build knows its version, date and platform") {
  const BuildInfo& info = build_info();
  CHECK(info.version == SYMPTREE_VERSION);  // the release version, as manifest.json records it
  CHECK(info.build_date.size() == 17);      // YYYYMMDD-HH:MM:SS
  CHECK(info.platform.rfind("linux/", 0) == 0);
  CHECK_FALSE(info.revision.empty());
}
