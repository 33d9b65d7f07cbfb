// Escaping for double-quoted strings, and YAML's plain-or-quoted choice.
#include "common/quoting.h"

#include <cctype>
#include <cstdio>

namespace symptree {
namespace {

// The length of the UTF-8 sequence at `i` when it is a C1 control
// (U+0080..U+009F, among them U+0085 NEXT LINE) or a YAML line break
// (U+2028, U+2029); 0 otherwise.
size_t unicode_unprintable_length(const std::string& s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
  if (byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) return 2;
  if (byte(i) == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9)) return 3;
  return 0;
}

bool is_ascii_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

void append_hex_escape(std::string& out, unsigned value) {
  char escape[8];
  std::snprintf(escape, sizeof escape, "\\x%02x", value);
  out += escape;
}

// Appends the escape for the UTF-8 sequence of `length` bytes at `i`.
void append_unicode_escape(std::string& out, const std::string& s, size_t i, size_t length) {
  if (length == 2) {
    append_hex_escape(out, static_cast<unsigned char>(s[i + 1]));  // U+0080..U+009F is its second byte
  } else {
    out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\L" : "\\P";
  }
}

// What is_plain_safe asks of a byte, looked up in tables, since the writer
// runs every byte of every scalar through them.
struct PlainByteTable {
  // A control character, the lead byte of a possible C1 control or line
  // separator, ':' or '#': look at it and its neighbours (breaks_plain).
  bool needs_look[256] = {};
  bool number_like[256] = {};        // digits and number punctuation
  bool indicator[256] = {};          // starts a non-plain scalar ("-x" could be plain, but quoting is simpler)
  bool starts_reserved_word[256] = {};  // the first letter of a word is_reserved_word knows, in either case
  PlainByteTable() {
    for (int c = 0; c < 256; ++c) {
      needs_look[c] = is_ascii_control(static_cast<unsigned char>(c)) || c == 0xC2 || c == 0xE2 || c == ':' || c == '#';
      number_like[c] = std::isdigit(c) || std::string(".+-eE_:").find(static_cast<char>(c)) != std::string::npos;
    }
    for (unsigned char c : std::string("-?:,[]{}#&*!|>'\"%@`+.")) indicator[c] = true;
    for (unsigned char c : std::string("tfnyo~.TFNYO")) starts_reserved_word[c] = true;
  }
};

const PlainByteTable& plain_bytes() {
  static const PlainByteTable table;
  return table;
}

// Whether `value`, in any case, is a word a YAML 1.1 reader takes for a
// boolean, null, infinity or NaN. Compares in place: the writer asks for
// every scalar of every output.
bool is_reserved_word(const std::string& value) {
  static const char* const kWords[] = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", ".inf", ".nan"};
  if (value.empty() || value.size() > 5 || !plain_bytes().starts_reserved_word[static_cast<unsigned char>(value[0])]) {
    return false;
  }
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const char* word : kWords) {
    size_t i = 0;
    while (i < value.size() && word[i] != '\0' && lower(value[i]) == word[i]) ++i;
    if (i == value.size() && word[i] == '\0') return true;
  }
  return false;
}

// Whether the byte at `i`, one of the table's `needs_look` bytes, keeps
// `value` from being written plain.
bool breaks_plain(const std::string& value, size_t i) {
  unsigned char c = static_cast<unsigned char>(value[i]);
  if (is_ascii_control(c)) return true;
  if (c == 0xC2 || c == 0xE2) return unicode_unprintable_length(value, i) > 0;
  if (c == ':') return i + 1 == value.size() || value[i + 1] == ' ';
  return i > 0 && value[i - 1] == ' ';  // '#' after a space starts a comment
}

// Whether `value` reads back as the same string when written plain, checked
// in one pass: no indicator first, no ": " or " #", no control characters or
// line breaks, nothing a YAML 1.1 reader could take for a number, date or boolean.
bool is_plain_safe(const std::string& value) {
  const PlainByteTable& table = plain_bytes();
  if (value.empty() || value.front() == ' ' || value.back() == ' ') return false;
  if (table.indicator[static_cast<unsigned char>(value.front())]) return false;
  const unsigned char* data = reinterpret_cast<const unsigned char*>(value.data());
  size_t i = 0, n = value.size();
  for (; i < n && table.number_like[data[i]]; ++i) {  // digits and number punctuation so far
    if (table.needs_look[data[i]] && breaks_plain(value, i)) return false;
  }
  if (i == n) return false;  // nothing but those: it could read as a number or date
  for (; i < n; ++i) {
    if (table.needs_look[data[i]] && breaks_plain(value, i)) return false;
  }
  if (value.size() > 1 && value[0] == '0' && std::string("xXoObB").find(value[1]) != std::string::npos) return false;
  return !is_reserved_word(value);
}

}  // namespace

std::string regex_literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\\\\\\\";           // the regex's \\, each backslash escaped in the string
    else if (c == '"') out += "\\\"";          // the string's own quote
    else if (std::string(".+*?()[]{}|^$").find(c) != std::string::npos) out += "\\\\" + std::string(1, c);
    else out.push_back(c);
  }
  return out;
}

std::string double_quote(const std::string& text) {
  std::string out;
  append_double_quoted(out, text);
  return out;
}

void append_double_quoted(std::string& out, const std::string& text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  size_t plain_from = 0;  // runs without escapes are appended whole
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '\n' && c != '"' && c != '\\') continue;
    out.append(text, plain_from, i - plain_from);
    out += c == '\n' ? "\\n" : c == '"' ? "\\\"" : "\\\\";
    plain_from = i + 1;
  }
  out.append(text, plain_from, std::string::npos);
  out += '"';
}

void append_yaml_double_quoted(std::string& out, const std::string& value) {
  out.reserve(out.size() + value.size() + 2);
  out += '"';
  for (size_t i = 0; i < value.size(); ++i) {
    size_t run = i;  // printable ASCII that needs no escape, appended at once
    while (run < value.size() && value[run] >= 0x20 && value[run] < 0x7f && value[run] != '"' && value[run] != '\\') {
      ++run;
    }
    if (run > i) {
      out.append(value, i, run - i);
      i = run - 1;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (size_t length = unicode_unprintable_length(value, i)) {
      append_unicode_escape(out, value, i, length);
      i += length - 1;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (is_ascii_control(c)) append_hex_escape(out, c);
        else out.push_back(static_cast<char>(c));
    }
  }
  out += '"';
}

std::string yaml_double_quote(const std::string& value) {
  std::string out;
  append_yaml_double_quoted(out, value);
  return out;
}

void append_yaml_inline_scalar(std::string& out, const std::string& value) {
  if (is_plain_safe(value)) out += value;
  else append_yaml_double_quoted(out, value);
}

std::string yaml_inline_scalar(const std::string& value) {
  std::string out;
  append_yaml_inline_scalar(out, value);
  return out;
}

bool yaml_plain_safe(const std::string& value) { return is_plain_safe(value); }

bool has_yaml_unprintable(const std::string& value) {
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if ((is_ascii_control(c) && c != '\n') || unicode_unprintable_length(value, i) > 0) return true;
  }
  return false;
}

}  // namespace symptree
