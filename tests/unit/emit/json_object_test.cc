// Tests for emit/json_object: object_of gives the object nlohmann's
// initializer list gives, members in the order written, values moved in.
#include "generator/emit/json_object.h"

#include <doctest/doctest.h>

using namespace symptree;
using Json = nlohmann::ordered_json;

TEST_CASE("object_of is the initializer list's object, in the order written") {
  std::string text = "a long text that a move leaves behind empty, not copied";
  Json nested = Json::array({1, "two", nullptr});
  Json built = object_of("z", 1, "a", "text", "m", false, "n", nullptr, "s", std::string("str"), "nested",
                         std::move(nested), "moved", std::move(text), "empty", Json::object());
  Json listed = {{"z", 1}, {"a", "text"}, {"m", false}, {"n", nullptr}, {"s", "str"},
                 {"nested", Json::array({1, "two", nullptr})},
                 {"moved", "a long text that a move leaves behind empty, not copied"}, {"empty", Json::object()}};
  CHECK(built == listed);
  CHECK(built.dump() == listed.dump());
  CHECK(built.begin().key() == "z");  // not sorted
  CHECK(object_of().dump() == "{}");
}
