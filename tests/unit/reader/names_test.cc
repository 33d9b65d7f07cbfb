// Tests for generator/reader/names: the naming rules and the one
// "defined twice" rule shared by priorities and receivers.
#include "generator/reader/names.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("names follow the ecosystem's rules") {
  CHECK(is_snake_case("server_wont_start"));
  CHECK_FALSE(is_snake_case("Server"));
  CHECK(is_camel_case("ServerWontStart"));
  CHECK(camel_case("server_wont-start") == "ServerWontStart");
  CHECK(is_metric_name("node:cpu:rate5m"));
  CHECK_FALSE(is_label_name("a:b"));
}

TEST_CASE("a name claimed twice is reported at the second place") {
  Diagnostics d;
  std::set<std::string> taken = {"pager"};
  CHECK(claim_name(taken, "slack", "receiver", SourcePosition{"f.yaml", 3, 5}, d));
  CHECK(d.count() == 0);
  CHECK_FALSE(claim_name(taken, "pager", "receiver", SourcePosition{"f.yaml", 7, 9}, d));
  CHECK(d.format() == "f.yaml:7:9: error: receiver 'pager' is defined twice\n");
  CHECK(taken.size() == 2);
}
