// Writing JSON text straight into a string, laid out as nlohmann::json's
// dump(2) lays it out (two-space indent, "key": value, empty containers as {}
// and []), for large documents (the manifest of a 10,000-branch spec) where
// building the nlohmann tree first costs more than writing it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace symptree {

// Appends to a string the caller owns (and must keep alive while writing).
// Calls must nest properly: key() only inside an object, before its value.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name);
  void string(std::string_view value);
  void number(int64_t value);
  // key(name) then string(value).
  void field(std::string_view name, std::string_view value);
  void field(std::string_view name, int64_t value);

 private:
  void open(char bracket);
  void close(char bracket);
  // Before a value: a comma after the previous one and the new line, except
  // for an object's value, which follows its key.
  void separate();
  void indent(size_t depth);

  std::string& out_;
  std::vector<size_t> counts_;  // values written in each open container
  bool after_key_ = false;
};

// Appends `value` as a JSON string: quoted, with '"', '\\' and the control
// characters escaped as nlohmann::json escapes them (\n, \t, ..., else
// \u00XX); other bytes, UTF-8 included, as they are.
void append_json_string(std::string& out, std::string_view value);

}  // namespace symptree
