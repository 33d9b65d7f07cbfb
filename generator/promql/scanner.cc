// The PromQL lexer: a state machine over the input with the same states as
// Prometheus's (statements, inside braces, inside brackets, strings, numbers
// and durations). Its quirks are Prometheus's: inside `[...]` any letter reads
// as the subquery colon, keywords are case-insensitive, `inf`/`nan` are numbers.
#include "generator/promql/scanner.h"

#include <cstdio>
#include <cstring>
#include <map>

#include "generator/promql/utf8.h"

namespace symptree::promql {

namespace {

constexpr long kEof = -1;

bool is_space(long r) { return r == ' ' || r == '\t' || r == '\n' || r == '\r'; }
bool is_digit(long r) { return r >= '0' && r <= '9'; }
bool is_alpha(long r) { return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'); }
bool is_alnum(long r) { return is_alpha(r) || is_digit(r); }

const std::map<std::string, Tok>& keywords() {
  static const std::map<std::string, Tok> table = {
      {"and", Tok::And},         {"or", Tok::Or},
      {"unless", Tok::Unless},   {"atan2", Tok::Atan2},
      {"sum", Tok::Sum},         {"avg", Tok::Avg},
      {"count", Tok::Count},     {"min", Tok::Min},
      {"max", Tok::Max},         {"group", Tok::Group},
      {"stddev", Tok::Stddev},   {"stdvar", Tok::Stdvar},
      {"topk", Tok::Topk},       {"bottomk", Tok::Bottomk},
      {"count_values", Tok::CountValues},
      {"quantile", Tok::Quantile},
      {"offset", Tok::Offset},   {"by", Tok::By},
      {"without", Tok::Without}, {"on", Tok::On},
      {"ignoring", Tok::Ignoring},
      {"group_left", Tok::GroupLeft},
      {"group_right", Tok::GroupRight},
      {"bool", Tok::Bool},       {"start", Tok::Start},
      {"end", Tok::EndKw},       {"inf", Tok::Number},
      {"nan", Tok::Number},
  };
  return table;
}

// Go's %q of one character, as Prometheus's messages print it.
std::string quote_rune(long r) {
  if (r == '\'') return "'\\''";
  if (r == '\\') return "'\\\\'";
  if (r == '\n') return "'\\n'";
  if (r == '\t') return "'\\t'";
  if (r == '\r') return "'\\r'";
  if (r >= 0x20 && r < 0x7f) return std::string("'") + char(r) + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, r <= 0xffff ? "'\\u%04lx'" : "'\\U%08lx'", r);
  return buf;
}

// Go's %#U: U+0071 'q'.
std::string unicode_name(long r) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "U+%04lX", r);
  return std::string(buf) + " " + quote_rune(r);
}

class Scanner {
 public:
  explicit Scanner(const std::string& input) : in_(input) {}

  std::vector<Token> run() {
    while (!done_) {
      if (brace_open_) {
        inside_braces();
      } else {
        statements();
      }
    }
    return std::move(out_);
  }

 private:
  long next() {
    if (pos_ >= in_.size()) {
      width_ = 0;
      return kEof;
    }
    Rune rune = decode_rune(in_, pos_);
    width_ = rune.width;
    pos_ += width_;
    return rune.value;
  }
  void backup() { pos_ -= width_; }
  long peek() {
    long r = next();
    backup();
    return r;
  }
  bool accept(const char* valid) {
    long r = next();
    if (r > 0 && r < 128 && std::strchr(valid, int(r))) return true;
    backup();
    return false;
  }
  void accept_run(const char* valid) {
    while (accept(valid)) {
    }
  }
  void emit(Tok kind) {
    out_.push_back({kind, in_.substr(start_, pos_ - start_), start_});
    start_ = pos_;
  }
  void ignore() { start_ = pos_; }
  void fail(const std::string& message) {
    out_.push_back({Tok::Error, message, start_});
    done_ = true;
  }
  std::string pending() const { return "\"" + in_.substr(start_, pos_ - start_) + "\""; }

  void statements();
  void inside_braces();
  void operator_after(long r);
  void comment();
  void quoted_string(long quote);
  bool escape(long quote);
  void raw_string();
  bool scan_number();
  bool accept_remaining_duration();
  void number_or_duration();
  void duration();
  void keyword_or_identifier();
  void identifier();
  void skip_spaces();

  const std::string& in_;
  size_t pos_ = 0, start_ = 0, width_ = 0;
  int paren_depth_ = 0;
  bool brace_open_ = false, bracket_open_ = false, got_colon_ = false, done_ = false;
  std::vector<Token> out_;
};

void Scanner::statements() {
  if (in_.compare(pos_, 1, "#") == 0) return comment();
  long r = next();
  if (r == kEof) {
    if (paren_depth_ != 0) return fail("unclosed left parenthesis");
    if (bracket_open_) return fail("unclosed left bracket");
    emit(Tok::End);
    done_ = true;
    return;
  }
  if (is_space(r)) return skip_spaces();
  if (is_digit(r) || (r == '.' && is_digit(peek()))) {
    backup();
    return number_or_duration();
  }
  if (r == '"' || r == '\'') return quoted_string(r);
  if (r == '`') return raw_string();
  if (is_alpha(r) || r == ':') {
    if (!bracket_open_) {
      backup();
      return keyword_or_identifier();
    }
    if (got_colon_) return fail("unexpected colon " + quote_rune(r));
    emit(Tok::Colon);
    got_colon_ = true;
    return;
  }
  operator_after(r);
}

// Punctuation and operators outside braces.
void Scanner::operator_after(long r) {
  switch (r) {
    case ',': return emit(Tok::Comma);
    case '*': return emit(Tok::Mul);
    case '/': return emit(Tok::Div);
    case '%': return emit(Tok::Mod);
    case '+': return emit(Tok::Add);
    case '-': return emit(Tok::Sub);
    case '^': return emit(Tok::Pow);
    case '@': return emit(Tok::At);
    case '=': {
      long t = peek();
      if (t == '=') {
        next();
        return emit(Tok::Eqlc);
      }
      if (t == '~') return fail("unexpected character after '=': " + quote_rune(t));
      return emit(Tok::Assign);
    }
    case '!': {
      long t = next();
      if (t == '=') return emit(Tok::Neq);
      return fail("unexpected character after '!': " + quote_rune(t));
    }
    case '<':
    case '>': {
      bool equal = peek() == '=';
      if (equal) next();
      return emit(r == '<' ? (equal ? Tok::Lte : Tok::Lss) : (equal ? Tok::Gte : Tok::Gtr));
    }
    case '(':
      paren_depth_++;
      return emit(Tok::LeftParen);
    case ')':
      if (--paren_depth_ < 0) return fail("unexpected right parenthesis ')'");
      return emit(Tok::RightParen);
    case '{':
      brace_open_ = true;
      return emit(Tok::LeftBrace);
    case '[':
      if (bracket_open_) return fail("unexpected left bracket '['");
      got_colon_ = false;
      emit(Tok::LeftBracket);
      skip_spaces();
      bracket_open_ = true;
      return duration();
    case ']':
      if (!bracket_open_) return fail("unexpected right bracket ']'");
      bracket_open_ = false;
      return emit(Tok::RightBracket);
    default:
      return fail("unexpected character: " + quote_rune(r));
  }
}

void Scanner::inside_braces() {
  if (in_.compare(pos_, 1, "#") == 0) return comment();
  long r = next();
  if (r == kEof) return fail("unexpected end of input inside braces");
  if (is_space(r)) return skip_spaces();
  if (is_alpha(r)) {
    backup();
    return identifier();
  }
  switch (r) {
    case ',': return emit(Tok::Comma);
    case '"':
    case '\'': return quoted_string(r);
    case '`': return raw_string();
    case '=':
      if (next() == '~') return emit(Tok::EqlRegex);
      backup();
      return emit(Tok::Assign);
    case '!': {
      long t = next();
      if (t == '~') return emit(Tok::NeqRegex);
      if (t == '=') return emit(Tok::Neq);
      return fail("unexpected character after '!' inside braces: " + quote_rune(t));
    }
    case '{': return fail("unexpected left brace '{'");
    case '}':
      brace_open_ = false;
      return emit(Tok::RightBrace);
    default: return fail("unexpected character inside braces: " + quote_rune(r));
  }
}

void Scanner::skip_spaces() {
  while (is_space(peek())) next();
  ignore();
}

void Scanner::comment() {
  pos_ += 1;
  for (long r = next(); r != '\n' && r != '\r' && r != kEof; r = next()) {
  }
  backup();
  ignore();
}

void Scanner::quoted_string(long quote) {
  for (;;) {
    long r = next();
    if (r == '\\') {
      if (!escape(quote)) return;
    } else if (r == kRuneError) {
      return fail("invalid UTF-8 rune");
    } else if (r == kEof || r == '\n') {
      return fail("unterminated quoted string");
    } else if (r == quote) {
      return emit(Tok::String);
    }
  }
}

// One escape sequence after a backslash; false (after failing) when it is invalid.
bool Scanner::escape(long quote) {
  long ch = next();
  int n = 0;
  unsigned base = 0;
  unsigned long max = 0;
  if (std::strchr("abfnrtv\\", int(ch > 0 && ch < 128 ? ch : 1)) || ch == quote) return true;
  if (ch >= '0' && ch <= '7') {
    n = 3, base = 8, max = 255;
  } else if (ch == 'x') {
    ch = next(), n = 2, base = 16, max = 255;
  } else if (ch == 'u') {
    ch = next(), n = 4, base = 16, max = 0x10FFFF;
  } else if (ch == 'U') {
    ch = next(), n = 8, base = 16, max = 0x10FFFF;
  } else if (ch == kEof) {
    fail("escape sequence not terminated");
    return false;
  } else {
    fail("unknown escape sequence " + unicode_name(ch));
    return false;
  }
  unsigned long x = 0;
  while (n > 0) {
    unsigned d = is_digit(ch) ? unsigned(ch - '0')
                 : (ch >= 'a' && ch <= 'f') ? unsigned(ch - 'a' + 10)
                 : (ch >= 'A' && ch <= 'F') ? unsigned(ch - 'A' + 10)
                                            : 16;
    if (d >= base) {
      fail(ch == kEof ? "escape sequence not terminated" : "illegal character " + unicode_name(ch) + " in escape sequence");
      return false;
    }
    x = x * base + d;
    if (--n > 0) ch = next();
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    fail("escape sequence is an invalid Unicode code point");
    return false;
  }
  return true;
}

void Scanner::raw_string() {
  for (;;) {
    long r = next();
    if (r == kRuneError) return fail("invalid UTF-8 rune");
    if (r == kEof) return fail("unterminated raw string");
    if (r == '`') return emit(Tok::String);
  }
}

// Digits, hex after 0x, a fraction and an exponent; true when no letter follows.
bool Scanner::scan_number() {
  const char* digits = "0123456789";
  if (accept("0") && accept("xX")) digits = "0123456789abcdefABCDEF";
  accept_run(digits);
  if (accept(".")) accept_run(digits);
  if (accept("eE")) {
    accept("+-");
    accept_run("0123456789");
  }
  return !is_alnum(peek());
}

// The unit letters (and further number-unit pairs) of a duration.
bool Scanner::accept_remaining_duration() {
  if (!accept("smhdwy")) return false;
  accept("s");
  while (accept("0123456789")) {
    accept_run("0123456789");
    if (!accept("smhdw")) return false;
    accept("s");
  }
  return !is_alnum(next());
}

void Scanner::number_or_duration() {
  if (scan_number()) return emit(Tok::Number);
  if (accept_remaining_duration()) {
    backup();
    return emit(Tok::Duration);
  }
  fail("bad number or duration syntax: " + pending());
}

// The duration right after '['.
void Scanner::duration() {
  if (scan_number()) return fail("missing unit character in duration");
  if (!accept_remaining_duration()) return fail("bad duration syntax: " + pending());
  backup();
  emit(Tok::Duration);
}

void Scanner::keyword_or_identifier() {
  for (long r = next(); is_alnum(r) || r == ':'; r = next()) {
  }
  backup();
  std::string word = in_.substr(start_, pos_ - start_);
  std::string lower = word;
  for (char& c : lower) c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  auto it = keywords().find(lower);
  if (it != keywords().end()) return emit(it->second);
  emit(word.find(':') == std::string::npos ? Tok::Identifier : Tok::MetricIdentifier);
}

void Scanner::identifier() {
  for (long r = next(); is_alnum(r); r = next()) {
  }
  backup();
  emit(Tok::Identifier);
}

}  // namespace

std::vector<Token> scan(const std::string& input) { return Scanner(input).run(); }

bool is_aggregation(Tok kind) { return kind >= Tok::Avg && kind <= Tok::Topk; }

bool may_be_label(Tok kind) {
  return kind == Tok::Identifier || kind == Tok::MetricIdentifier || is_aggregation(kind) ||
         (kind >= Tok::Bool && kind <= Tok::EndKw && kind != Tok::Without) || kind == Tok::And ||
         kind == Tok::Or || kind == Tok::Unless || kind == Tok::Atan2;
}

bool may_be_metric_name(Tok kind) {
  return kind == Tok::Identifier || kind == Tok::MetricIdentifier || is_aggregation(kind) ||
         kind == Tok::By || kind == Tok::Without || kind == Tok::And || kind == Tok::Or ||
         kind == Tok::Unless || kind == Tok::Offset || kind == Tok::Start || kind == Tok::EndKw;
}

bool is_label_name(const std::string& text) {
  if (text.empty() || !is_alpha(text[0])) return false;
  for (char c : text) {
    if (!is_alnum(c)) return false;
  }
  return true;
}

std::string describe(const Token& token) {
  switch (token.kind) {
    case Tok::End: return "end of input";
    case Tok::Error: return token.text;
    case Tok::Identifier: return "identifier \"" + token.text + "\"";
    case Tok::MetricIdentifier: return "metric identifier \"" + token.text + "\"";
    case Tok::Number: return "number \"" + token.text + "\"";
    case Tok::Duration: return "duration \"" + token.text + "\"";
    case Tok::String: return "string " + token.text;
    default: break;
  }
  if (is_aggregation(token.kind)) return "<aggr:" + token.text + ">";
  if (token.kind >= Tok::Bool) return "<" + token.text + ">";
  if (token.kind >= Tok::Add) return "<op:" + token.text + ">";
  return "\"" + token.text + "\"";
}

}  // namespace symptree::promql
