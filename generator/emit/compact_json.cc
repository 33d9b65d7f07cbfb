// Walking an ordered_json tree into compact text.
#include "generator/emit/compact_json.h"

#include "common/json_writer.h"

namespace symptree {

void append_compact_json(std::string& out, const nlohmann::ordered_json& value) {
  using Type = nlohmann::ordered_json::value_t;
  switch (value.type()) {
    case Type::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_ref<const nlohmann::ordered_json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, key);
        out += ':';
        append_compact_json(out, member);
      }
      out += '}';
      return;
    }
    case Type::array: {
      out += '[';
      bool first = true;
      for (const nlohmann::ordered_json& item : value) {
        if (!first) out += ',';
        first = false;
        append_compact_json(out, item);
      }
      out += ']';
      return;
    }
    case Type::string:
      append_json_string(out, value.get_ref<const std::string&>());
      return;
    case Type::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Type::number_integer:
      out += std::to_string(value.get<int64_t>());
      return;
    case Type::number_unsigned:
      out += std::to_string(value.get<uint64_t>());
      return;
    case Type::null:
      out += "null";
      return;
    default:  // floating point (and binary, which the dashboard never holds)
      out += value.dump();
      return;
  }
}

}  // namespace symptree
