// Block-style YAML output with correct quoting.
#include "generator/emit/yaml_writer.h"

#include <cctype>
#include <cstdio>

namespace symptree {
namespace {

bool is_reserved_word(const std::string& value) {
  if (value.size() > 5) return false;
  std::string lower;
  for (char c : value) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower == "true" || lower == "false" || lower == "null" || lower == "yes" || lower == "no" || lower == "on" ||
         lower == "off" || lower == "y" || lower == "n" || lower == "~" || lower == ".inf" || lower == ".nan";
}

// Whether `value` reads back as the same string when written plain, checked
// in one pass: no indicator first, no ": " or " #", no control characters,
// nothing a YAML 1.1 reader could take for a number, date or boolean.
bool is_plain_safe(const std::string& value) {
  if (value.empty() || value.front() == ' ' || value.back() == ' ') return false;
  // Indicators that start a non-plain scalar ("-x" could be plain, but quoting is simpler).
  static const std::string indicators = "-?:,[]{}#&*!|>'\"%@`+.";
  if (indicators.find(value.front()) != std::string::npos) return false;
  bool numeric_only = true;  // only digits and number punctuation so far
  const char* data = value.data();
  for (size_t i = 0, n = value.size(); i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(data[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == ':' && (i + 1 == n || data[i + 1] == ' ')) return false;
    if (c == '#' && i > 0 && data[i - 1] == ' ') return false;
    if (numeric_only && !std::isdigit(c) && c != '.' && c != '+' && c != '-' && c != 'e' && c != 'E' && c != '_' &&
        c != ':')
      numeric_only = false;
  }
  if (numeric_only) return false;
  if (value.size() > 1 && value[0] == '0' && std::string("xXoObB").find(value[1]) != std::string::npos) return false;
  return !is_reserved_word(value);
}

void append_double_quoted(std::string& out, const std::string& value) {
  out += '"';
  for (unsigned char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\x%02x", c);
          out += escape;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out += '"';
}

// Appends the scalar, plain when safe, double-quoted otherwise.
void append_inline_scalar(std::string& out, const std::string& value) {
  if (is_plain_safe(value)) out += value;
  else append_double_quoted(out, value);
}

// A literal block keeps the text exactly when it has no trailing newline, no
// leading space and no control characters other than newlines.
bool fits_literal_block(const std::string& value) {
  if (value.find('\n') == std::string::npos || value.back() == '\n' || value.front() == ' ') return false;
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string yaml_inline_scalar(const std::string& value) {
  std::string out;
  append_inline_scalar(out, value);
  return out;
}

void YamlWriter::scalar(int indent, const std::string& value) {
  if (!fits_literal_block(value)) {
    append_inline_scalar(out_, value);
    out_ += '\n';
    return;
  }
  out_ += "|-\n";
  std::string pad(indent + 2, ' ');
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find('\n', start);
    if (end == std::string::npos) end = value.size();
    if (end > start) out_ += pad;
    out_.append(value, start, end - start);
    out_ += '\n';
    start = end + 1;
  }
}

void YamlWriter::key(int indent, const std::string& name) {
  out_.append(indent, ' ');
  out_ += name;
  out_ += ":\n";
}

void YamlWriter::entry(int indent, const std::string& name, const std::string& value) {
  out_.append(indent, ' ');
  append_inline_scalar(out_, name);
  out_ += ": ";
  scalar(indent, value);
}

void YamlWriter::item_entry(int indent, const std::string& name, const std::string& value) {
  out_.append(indent, ' ');
  out_ += "- ";
  append_inline_scalar(out_, name);
  out_ += ": ";
  scalar(indent + 2, value);
}

void YamlWriter::item_key(int indent, const std::string& name) {
  out_.append(indent, ' ');
  out_ += "- ";
  append_inline_scalar(out_, name);
  out_ += ":\n";
}

void YamlWriter::item(int indent, const std::string& value) {
  out_.append(indent, ' ');
  out_ += "- ";
  scalar(indent + 2, value);
}

void YamlWriter::number_entry(int indent, const std::string& name, const std::string& number) {
  out_.append(indent, ' ');
  out_ += name + ": " + number + "\n";
}

void YamlWriter::empty_list(int indent, const std::string& name) {
  out_.append(indent, ' ');
  out_ += name + ": []\n";
}

void YamlWriter::string_map(int indent, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) entry(indent, name, value);
}

void YamlWriter::comment(const std::string& text) { out_ += "# " + text + "\n"; }

std::string generated_header(const Model& model, const std::string& comment_prefix) {
  return comment_prefix + "Generated by symptree from " + model.spec_name + "; do not edit.";
}

}  // namespace symptree
