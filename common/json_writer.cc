// The JSON writer's layout and string escaping.
#include "common/json_writer.h"

namespace symptree {

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;  // the document's top value
  if (counts_.back()++ > 0) out_ += ',';
  out_ += '\n';
  indent(counts_.size());
}

void JsonWriter::indent(size_t depth) { out_.append(depth * 2, ' '); }

void JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  counts_.push_back(0);
}

void JsonWriter::close(char bracket) {
  bool empty = counts_.back() == 0;
  counts_.pop_back();
  if (!empty) {
    out_ += '\n';
    indent(counts_.size());
  }
  out_ += bracket;
}

void JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::string(std::string_view value) {
  separate();
  append_json_string(out_, value);
}

void JsonWriter::number(int64_t value) {
  separate();
  out_ += std::to_string(value);
}

void JsonWriter::field(std::string_view name, std::string_view value) {
  key(name);
  string(value);
}

void JsonWriter::field(std::string_view name, int64_t value) {
  key(name);
  number(value);
}

void append_json_string(std::string& out, std::string_view value) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  size_t plain_from = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(value, plain_from, i - plain_from);
    plain_from = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
  }
  out.append(value, plain_from, std::string_view::npos);
  out += '"';
}

}  // namespace symptree
