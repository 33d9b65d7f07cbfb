// Tests for emit/compact_json: the text is nlohmann::json's dump(), byte for byte.
#include "generator/emit/compact_json.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>

using namespace symptree;
using Json = nlohmann::ordered_json;

namespace {

std::string compact(const Json& value) {
  std::string out;
  append_compact_json(out, value);
  return out;
}

// A random document from a fixed seed: every JSON type, nested, strings with
// escapes and UTF-8, integers at the ends of their ranges, floats.
Json random_json(std::mt19937& random, int depth) {
  static const std::vector<std::string> texts = {"", "a", "quote \" back \\ slash", "line\nbreak\ttab",
                                                 std::string("nul\0in", 6), "\x01\x1f\x7f", "caf\xc3\xa9",
                                                 "$__all", "{{title}}", "\xe2\x80\xa8"};
  int kind = static_cast<int>(random() % (depth > 3 ? 7 : 9));
  switch (kind) {
    case 0: return nullptr;
    case 1: return random() % 2 == 0;
    case 2: return static_cast<int64_t>(random()) - (int64_t{1} << 31);
    case 3: return std::numeric_limits<int64_t>::min() + static_cast<int64_t>(random() % 3);
    case 4: return std::numeric_limits<uint64_t>::max() - random() % 3;
    case 5: return std::ldexp(static_cast<double>(random()), static_cast<int>(random() % 80) - 40);
    case 6: return texts[random() % texts.size()];
    case 7: {
      Json array = Json::array();
      for (size_t i = random() % 4; i > 0; --i) array.push_back(random_json(random, depth + 1));
      return array;
    }
    default: {
      Json object = Json::object();
      for (size_t i = random() % 4; i > 0; --i) object[texts[random() % texts.size()] + std::to_string(i)] = random_json(random, depth + 1);
      return object;
    }
  }
}

}  // namespace

TEST_CASE("compact JSON is dump()'s text for every type") {
  CHECK(compact(Json::object()) == "{}");
  CHECK(compact(Json::array()) == "[]");
  CHECK(compact({{"b", 1}, {"a", {1.5, 2.0, -0.0, 1e300, nullptr, true}}}) ==
        Json({{"b", 1}, {"a", {1.5, 2.0, -0.0, 1e300, nullptr, true}}}).dump());
  std::mt19937 random(20261201);
  for (int i = 0; i < 2000; ++i) {
    Json value = random_json(random, 0);
    REQUIRE(compact(value) == value.dump());
  }
}
