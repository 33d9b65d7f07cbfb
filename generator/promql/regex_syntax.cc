// A recursive-descent reader of Go's RE2 syntax (the Perl flavour Prometheus
// compiles label regexes with). It builds no program: it only checks the
// syntax, with Go's error codes, and computes whether the regex can match "".
#include "generator/promql/regex_syntax.h"

#include <cstring>
#include <regex>
#include <set>

#include "generator/promql/utf8.h"

namespace symptree::promql {

namespace {

struct RegexError {
  std::string message;
};

// The result of reading a piece of regex: can it match "", and its largest
// repeat nesting product (Go refuses more than 1000).
struct Piece {
  bool nullable;
  long repeat;
};

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

const std::set<std::string>& unicode_classes() {
  static const std::set<std::string> names = {
      "Any", "C",  "Cc", "Cf", "Co", "Cs", "L",  "Ll", "Lm", "Lo", "Lt", "Lu", "M",  "Mc", "Me", "Mn",
      "N",   "Nd", "Nl", "No", "P",  "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S",  "Sc", "Sk", "Sm",
      "So",  "Z",  "Zl", "Zp", "Zs", "Arabic", "Armenian", "Bengali", "Cyrillic", "Devanagari", "Georgian",
      "Greek", "Gujarati", "Han", "Hangul", "Hebrew", "Hiragana", "Katakana", "Latin", "Thai", "Tamil", "Common"};
  return names;
}

class RegexReader {
 public:
  explicit RegexReader(const std::string& re) : re_(re) {}

  Piece run() {
    if (!valid_utf8(re_)) throw RegexError{"invalid UTF-8: `" + re_ + "`"};
    Piece p = alternation();
    if (pos_ < re_.size()) throw RegexError{"unexpected ): `" + re_ + "`"};
    return p;
  }

 private:
  bool at_end() const { return pos_ >= re_.size(); }
  char cur() const { return re_[pos_]; }
  [[noreturn]] void fail(const char* code, size_t from, size_t to) const {
    throw RegexError{std::string(code) + ": `" + re_.substr(from, to - from) + "`"};
  }
  long rune() {
    Rune r = decode_rune(re_, pos_);
    pos_ += r.width;
    return r.value;
  }

  Piece alternation();
  Piece concatenation();
  Piece atom();
  Piece group(size_t start);
  bool repeat_bounds(long& min, long& max);
  void escape(bool in_class, bool& is_class, bool& empty_width, bool& word_boundary);
  void unicode_class(size_t start);
  void char_class(size_t start);
  long class_char(size_t class_start);

  const std::string& re_;
  size_t pos_ = 0;
  int depth_ = 0;
};

Piece RegexReader::alternation() {
  Piece p = concatenation();
  while (!at_end() && cur() == '|') {
    ++pos_;
    Piece q = concatenation();
    p.nullable = p.nullable || q.nullable;
    p.repeat = std::max(p.repeat, q.repeat);
  }
  return p;
}

Piece RegexReader::concatenation() {
  Piece p{true, 1};
  bool have_operand = false;
  while (!at_end() && cur() != '|' && cur() != ')') {
    size_t start = pos_;
    char c = cur();
    long min = 0, max = 0;
    bool is_repeat = c == '*' || c == '+' || c == '?' || (c == '{' && repeat_bounds(min, max));
    if (is_repeat) fail("missing argument to repetition operator", start, c == '{' ? pos_ : start + 1);
    Piece a = atom();
    if (a.repeat == 0) {  // a flag group: a repetition after it applies to the operand before it
      if (!have_operand) continue;
      a = {true, 1};
    }
    have_operand = true;
    size_t repeat_start = pos_;
    bool repeated = false;
    while (!at_end()) {
      size_t op_start = pos_;
      c = cur();
      if (c == '*' || c == '+' || c == '?') {
        ++pos_;
        min = c == '+' ? 1 : 0;
        max = c == '*' || c == '+' ? -1 : 1;
      } else if (!(c == '{' && repeat_bounds(min, max))) {
        break;
      }
      if (c == '{' && (min > 1000 || max > 1000 || (max >= 0 && min > max))) {
        fail("invalid repeat count", op_start, pos_);
      }
      if (!at_end() && cur() == '?') ++pos_;
      if (repeated) fail("invalid nested repetition operator", repeat_start, pos_);
      repeated = true;
      a.nullable = a.nullable || min == 0;
      long bound = max >= 0 ? std::max(max, min) : std::max(min, 1L);
      a.repeat = a.repeat * std::max(bound, 1L);
      if (a.repeat > 1000 && (c == '{')) fail("invalid repeat count", start, pos_);
    }
    p.nullable = p.nullable && a.nullable;
    p.repeat = std::max(p.repeat, a.repeat);
  }
  return p;
}

// `{n}`, `{n,}`, `{n,m}` at pos_: consumes it and returns true, else leaves pos_ alone.
bool RegexReader::repeat_bounds(long& min, long& max) {
  size_t i = pos_ + 1;
  auto number = [&](long& out) {
    size_t start = i;
    while (i < re_.size() && std::isdigit(static_cast<unsigned char>(re_[i]))) ++i;
    if (i == start || (re_[start] == '0' && i - start > 1)) return false;
    out = i - start > 8 ? 100000000 : std::stol(re_.substr(start, i - start));
    return true;
  };
  if (!number(min)) return false;
  max = min;
  if (i < re_.size() && re_[i] == ',') {
    ++i;
    max = -1;
    if (i < re_.size() && re_[i] != '}' && !number(max)) return false;
  }
  if (i >= re_.size() || re_[i] != '}') return false;
  pos_ = i + 1;
  return true;
}

Piece RegexReader::atom() {
  size_t start = pos_;
  char c = cur();
  if (c == '(') return group(start);
  if (c == '[') {
    char_class(start);
    return {false, 1};
  }
  if (c == '^' || c == '$') {
    ++pos_;
    return {true, 1};
  }
  if (c == '.') {
    ++pos_;
    return {false, 1};
  }
  if (c == '\\') {
    if (re_.compare(pos_, 2, "\\Q") == 0) {
      size_t end = re_.find("\\E", pos_ + 2);
      size_t text_end = end == std::string::npos ? re_.size() : end;
      bool empty = text_end == pos_ + 2;
      pos_ = end == std::string::npos ? re_.size() : end + 2;
      return {empty, 1};
    }
    bool is_class = false, empty_width = false, word_boundary = false;
    escape(false, is_class, empty_width, word_boundary);
    return {empty_width && !word_boundary, 1};
  }
  rune();
  return {false, 1};
}

// `(re)`, `(?:re)`, `(?P<name>re)`, `(?flags)`, `(?flags:re)`. A flag group returns repeat 0.
Piece RegexReader::group(size_t start) {
  ++pos_;
  if (!at_end() && cur() == '?') {
    ++pos_;
    if (re_.compare(pos_, 2, "P<") == 0) {
      size_t end = re_.find('>', pos_);
      if (end == std::string::npos) fail("invalid named capture", start, re_.size());
      std::string name = re_.substr(pos_ + 2, end - pos_ - 2);
      bool ok = !name.empty();
      for (char ch : name) ok = ok && is_word(ch);
      if (!ok) fail("invalid named capture", start, end + 1);
      pos_ = end + 1;
    } else {
      bool negated = false, saw_flag = false;
      for (;;) {
        if (at_end()) fail("missing closing )", start, re_.size());
        char f = re_[pos_++];
        if (f == 'i' || f == 'm' || f == 's' || f == 'U') {
          saw_flag = true;
        } else if (f == '-' && !negated) {
          negated = true;
          saw_flag = false;
        } else if ((f == ':' || f == ')') && !(negated && !saw_flag)) {
          if (f == ')') return {true, 0};
          break;
        } else {
          fail("invalid or unsupported Perl syntax", start, pos_);
        }
      }
    }
  }
  if (++depth_ > 1000) fail("expression nests too deeply", start, re_.size());
  Piece inner = alternation();
  --depth_;
  if (at_end() || cur() != ')') fail("missing closing )", 0, re_.size());
  ++pos_;
  return inner;
}

// After a backslash (at pos_): what the escape is. Throws on an invalid one.
void RegexReader::escape(bool in_class, bool& is_class, bool& empty_width, bool& word_boundary) {
  size_t start = pos_++;
  if (at_end()) throw RegexError{"trailing backslash at end of expression: ``"};
  char c = re_[pos_];
  if (!in_class && std::strchr("AzbB", c)) {
    ++pos_;
    empty_width = true;
    word_boundary = c == 'b';
    return;
  }
  if (std::strchr("dDsSwW", c)) {
    ++pos_;
    is_class = true;
    return;
  }
  if (c == 'p' || c == 'P') {
    is_class = true;
    return unicode_class(start);
  }
  if (c >= '1' && c <= '7' && !(pos_ + 1 < re_.size() && re_[pos_ + 1] >= '0' && re_[pos_ + 1] <= '7')) {
    fail("invalid escape sequence", start, pos_ + 1);
  }
  if (c >= '0' && c <= '7') {
    ++pos_;
    for (int i = 0; i < 2 && !at_end() && cur() >= '0' && cur() <= '7'; ++i) ++pos_;
    return;
  }
  if (c == 'x') {
    ++pos_;
    if (!at_end() && cur() == '{') {
      size_t end = re_.find('}', pos_);
      std::string hex = end == std::string::npos ? "" : re_.substr(pos_ + 1, end - pos_ - 1);
      bool ok = !hex.empty() && hex.size() <= 8 && hex.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
      if (!ok || std::stoul(hex, nullptr, 16) > 0x10FFFF) fail("invalid escape sequence", start, end == std::string::npos ? re_.size() : end + 1);
      pos_ = end + 1;
      return;
    }
    for (int i = 0; i < 2; ++i) {
      if (at_end() || !std::isxdigit(static_cast<unsigned char>(cur()))) fail("invalid escape sequence", start, std::min(pos_ + 1, re_.size()));
      ++pos_;
    }
    return;
  }
  if (std::strchr("afnrtv", c) || (static_cast<unsigned char>(c) < 0x80 && !std::isalnum(static_cast<unsigned char>(c)))) {
    ++pos_;
    return;
  }
  rune();
  fail("invalid escape sequence", start, pos_);
}

// `\pL`, `\p{Greek}`, `\P{^Lu}` with pos_ at the p.
void RegexReader::unicode_class(size_t start) {
  ++pos_;
  if (at_end()) fail("invalid character class range", start, pos_);
  std::string name;
  if (cur() == '{') {
    size_t end = re_.find('}', pos_);
    if (end == std::string::npos) fail("invalid character class range", start, re_.size());
    name = re_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
  } else {
    size_t s = pos_;
    rune();
    name = re_.substr(s, pos_ - s);
  }
  if (!name.empty() && name[0] == '^') name.erase(0, 1);
  if (!unicode_classes().count(name)) fail("invalid character class range", start, pos_);
}

void RegexReader::char_class(size_t start) {
  ++pos_;
  if (!at_end() && cur() == '^') ++pos_;
  bool first = true;
  while (at_end() || cur() != ']' || first) {
    if (at_end()) fail("missing closing ]", start, re_.size());
    first = false;
    if (re_.compare(pos_, 2, "[:") == 0) {
      size_t end = re_.find(":]", pos_ + 2);
      if (end != std::string::npos) {
        std::string name = re_.substr(pos_ + 2, end - pos_ - 2);
        if (!name.empty() && name[0] == '^') name.erase(0, 1);
        static const std::set<std::string> posix = {"alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
                                                     "lower", "print", "punct", "space", "upper", "word", "xdigit"};
        if (!posix.count(name)) fail("invalid character class range", pos_, end + 2);
        pos_ = end + 2;
        continue;
      }
    }
    size_t range_start = pos_;
    if (cur() == '\\' && pos_ + 1 < re_.size() && std::strchr("dDsSwWpP", re_[pos_ + 1])) {
      bool is_class = false, e = false, w = false;
      escape(true, is_class, e, w);
      continue;
    }
    long lo = class_char(start);
    if (pos_ + 1 < re_.size() && cur() == '-' && re_[pos_ + 1] != ']') {
      ++pos_;
      long hi = class_char(start);
      if (hi < lo) fail("invalid character class range", range_start, pos_);
    }
  }
  ++pos_;
}

// One character of a class (plain or escaped); its code point.
long RegexReader::class_char(size_t class_start) {
  if (at_end()) fail("missing closing ]", class_start, re_.size());
  if (cur() != '\\') return rune();
  size_t start = pos_;
  bool is_class = false, e = false, w = false;
  escape(true, is_class, e, w);
  if (is_class) fail("invalid escape sequence", start, pos_);  // \d cannot end a range
  std::string text = re_.substr(start + 1, pos_ - start - 1);
  static const char* simple = "afnrtv";
  static const long values[] = {7, 12, 10, 13, 9, 11};
  if (const char* p = std::strchr(simple, text[0])) return values[p - simple];
  if (text[0] >= '0' && text[0] <= '7') return std::stol(text, nullptr, 8);
  if (text[0] == 'x') return std::stol(text[1] == '{' ? text.substr(2, text.size() - 3) : text.substr(1), nullptr, 16);
  return static_cast<unsigned char>(text[0]);
}

}  // namespace

// Prometheus compiles the anchored form ^(?:re)$ and also parses re alone:
// both must be valid (`a)|(b` passes the first, `\Qx` fails only the first).
std::optional<std::string> regex_error(const std::string& regex) {
  for (const std::string& form : {"^(?:" + regex + ")$", regex}) {
    try {
      RegexReader(form).run();
    } catch (const RegexError& e) {
      return e.message;
    }
  }
  return std::nullopt;
}

bool regex_matches_empty(const std::string& regex) {
  if (regex_error(regex)) return false;
  return RegexReader(regex).run().nullable;
}

std::optional<bool> regex_full_match(const std::string& regex, const std::string& value) {
  try {
    return std::regex_match(value, std::regex("^(?:" + regex + ")$"));
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

}  // namespace symptree::promql
