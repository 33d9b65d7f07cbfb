// Tests for generator/testgen/matcher_witness: the label values an absence
// selector's test series carry, each accepted by every matcher on its label.
#include "generator/testgen/matcher_witness.h"

#include <doctest/doctest.h>

using namespace symptree;
using promql::MatchOp;

namespace {

std::map<std::string, std::string> witness_of(const std::vector<KeptMatcher>& matchers) {
  std::optional<std::map<std::string, std::string>> witness = matcher_witness(matchers);
  REQUIRE(witness);
  return *witness;
}

}  // namespace

TEST_CASE("equality gives its value, inequality another one") {
  CHECK(witness_of({{"mountpoint", MatchOp::Equal, "/data"}}).at("mountpoint") == "/data");
  CHECK(witness_of({{"container", MatchOp::NotEqual, ""}}).at("container") == "x");
  CHECK(witness_of({{"c", MatchOp::NotEqual, "x"}, {"c", MatchOp::NotEqual, "symptree"}}).at("c") == "xx");
  CHECK(witness_of({{"fstype", MatchOp::Equal, ""}}).at("fstype").empty());  // the label is left out
  CHECK(witness_of({}).empty());
}

TEST_CASE("a regex gives an example of its alternatives that passes every matcher on the label") {
  CHECK(witness_of({{"phase", MatchOp::Regex, "Pending|Failed"}}).at("phase") == "Pending");
  CHECK(witness_of({{"m", MatchOp::Regex, "/var/lib/(rabbitmq|mnesia)"}}).at("m") == "/var/lib/rabbitmq");
  CHECK(witness_of({{"m", MatchOp::Regex, "/data/.+"}}).at("m") == "/data/x");
  CHECK(witness_of({{"m", MatchOp::Regex, "sd[a-z][0-9]?"}}).at("m") == "sda");
  CHECK(witness_of({{"m", MatchOp::Regex, R"(10\.0\.0\.\d{2})"}}).at("m") == "10.0.0.00");
  // The first alternative is refused by the other matcher: the second one.
  CHECK(witness_of({{"m", MatchOp::Regex, "tmpfs|ext4"}, {"m", MatchOp::NotRegex, "tmpfs|ramfs"}}).at("m") == "ext4");
  CHECK(witness_of({{"a", MatchOp::Equal, "1"}, {"b", MatchOp::NotRegex, "x|y"}}) ==
        std::map<std::string, std::string>{{"a", "1"}, {"b", "symptree"}});
}

TEST_CASE("no witness when no candidate is certain to match") {
  CHECK_FALSE(matcher_witness({{"m", MatchOp::Regex, "[^a-z]+"}}));               // a negated class
  CHECK_FALSE(matcher_witness({{"m", MatchOp::Regex, "(?i)data"}}));              // a flag std::regex lacks
  CHECK_FALSE(matcher_witness({{"m", MatchOp::Equal, "a"}, {"m", MatchOp::Equal, "b"}}));  // contradictory
}
