// Building an nlohmann::ordered_json object member by member, in place: the
// `{{"key", value}, ...}` initializer list makes each member a two-element
// array first and searches the object's keys on every insert, which was most
// of the time a 10,000-branch dashboard took to render.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace symptree {

namespace json_object_detail {
inline void add_members(nlohmann::ordered_json::object_t&) {}
template <typename Value, typename... Rest>
void add_members(nlohmann::ordered_json::object_t& object, const char* key, Value&& value, Rest&&... rest) {
  object.emplace_back(std::piecewise_construct, std::forward_as_tuple(key),
                      std::forward_as_tuple(std::forward<Value>(value)));
  add_members(object, std::forward<Rest>(rest)...);
}
}  // namespace json_object_detail

// The object of `members` ("key", value, "key", value, ...) in that order.
// The keys must be distinct (none is looked for among the earlier ones).
template <typename... Members>
nlohmann::ordered_json object_of(Members&&... members) {
  static_assert(sizeof...(Members) % 2 == 0, "object_of takes key, value pairs");
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  auto& entries = object.get_ref<nlohmann::ordered_json::object_t&>();
  entries.reserve(sizeof...(Members) / 2);
  json_object_detail::add_members(entries, std::forward<Members>(members)...);
  return object;
}

}  // namespace symptree
