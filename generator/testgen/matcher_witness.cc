// Label values for absence selectors' test series: candidates taken from the
// matchers themselves, each checked against every matcher on its label.
#include "generator/testgen/matcher_witness.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "generator/promql/regex_syntax.h"

namespace symptree {
namespace {

using promql::MatchOp;

using promql::regex_full_match;  // nullopt when std::regex cannot read the regex: then no value is claimed

bool accepts(const KeptMatcher& m, const std::string& value) {
  switch (m.op) {
    case MatchOp::Equal: return value == m.value;
    case MatchOp::NotEqual: return value != m.value;
    case MatchOp::Regex: return regex_full_match(m.value, value).value_or(false);
    case MatchOp::NotRegex: {
      std::optional<bool> hit = regex_full_match(m.value, value);
      return hit && !*hit;
    }
  }
  return false;
}

// `regex` split at its top-level `|` (not inside parentheses or brackets, not escaped).
std::vector<std::string> alternatives(const std::string& regex) {
  std::vector<std::string> parts(1);
  int depth = 0;
  bool in_class = false;
  for (size_t i = 0; i < regex.size(); ++i) {
    char c = regex[i];
    if (c == '\\' && i + 1 < regex.size()) {
      parts.back() += regex.substr(i++, 2);
      continue;
    }
    if (in_class) in_class = c != ']';
    else if (c == '[') in_class = true;
    else if (c == '(') ++depth;
    else if (c == ')') --depth;
    else if (c == '|' && depth == 0) {
      parts.emplace_back();
      continue;
    }
    parts.back() += c;
  }
  return parts;
}

// One string a regex matches, built as it is read: each group's first
// alternative, `?` and `*` atoms left out, `+` atoms once, `{n}` n times, a
// class's first character, `.` as "x". Anything else (a negated class, `(?i)`)
// gives up. Only a candidate: std::regex checks it before it is used.
class RegexExample {
 public:
  explicit RegexExample(const std::string& regex) : re_(regex) {}

  std::optional<std::string> build() {
    std::string out = alternation();
    if (!ok_ || at_ != re_.size()) return std::nullopt;
    return out;
  }

 private:
  bool more() const { return ok_ && at_ < re_.size(); }

  std::string alternation() {
    std::string first = sequence();
    while (more() && re_[at_] == '|') {
      ++at_;
      sequence();
    }
    return first;
  }

  std::string sequence() {
    std::string out;
    while (more() && re_[at_] != '|' && re_[at_] != ')') {
      std::string piece = atom();
      if (more() && (re_[at_] == '*' || re_[at_] == '?')) {
        piece.clear();
        ++at_;
      } else if (more() && re_[at_] == '+') {
        ++at_;
      } else if (more() && re_[at_] == '{') {
        piece = repeated(piece);
      }
      if (more() && re_[at_] == '?') ++at_;  // lazy
      out += piece;
    }
    return out;
  }

  // `{n}`, `{n,}` or `{n,m}` after `piece`: n copies of it.
  std::string repeated(const std::string& piece) {
    size_t close = re_.find('}', at_);
    if (close == std::string::npos || !std::isdigit(static_cast<unsigned char>(re_[at_ + 1]))) return fail();
    int count = std::atoi(re_.c_str() + at_ + 1);
    at_ = close + 1;
    std::string out;
    for (int k = 0; k < count && k < 64; ++k) out += piece;
    return out;
  }

  std::string atom() {
    char c = re_[at_++];
    if (c == '(') {
      if (re_.compare(at_, 2, "?:") == 0) at_ += 2;
      else if (at_ < re_.size() && re_[at_] == '?') return fail();
      std::string inner = alternation();
      if (!more() || re_[at_] != ')') return fail();
      ++at_;
      return inner;
    }
    if (c == '\\') return escaped();
    if (c == '[') return class_member();
    if (c == '.') return "x";
    if (c == '^' || c == '$') return "";
    if (c == '*' || c == '+' || c == '?' || c == '{' || c == ')') return fail();
    return std::string(1, c);
  }

  std::string escaped() {
    if (at_ >= re_.size()) return fail();
    char e = re_[at_++];
    if (e == 'd') return "0";
    if (e == 'w') return "x";
    if (std::isalnum(static_cast<unsigned char>(e))) return fail();
    return std::string(1, e);
  }

  // `[abc]`, `[a-z]`: its first character; a negated or escaped class gives up.
  std::string class_member() {
    if (at_ >= re_.size() || re_[at_] == '^' || re_[at_] == '\\' || re_[at_] == '[') return fail();
    char first = re_[at_];
    size_t close = re_.find(']', at_ + 1);
    if (close == std::string::npos) return fail();
    at_ = close + 1;
    return std::string(1, first);
  }

  std::string fail() {
    ok_ = false;
    return "";
  }

  const std::string& re_;
  size_t at_ = 0;
  bool ok_ = true;
};

// Values worth trying for a label: what its matchers name first, then plain ones.
std::vector<std::string> candidates(const std::vector<const KeptMatcher*>& on_label) {
  std::vector<std::string> values;
  for (const KeptMatcher* m : on_label) {
    if (m->op == MatchOp::Equal) values.push_back(m->value);
    if (m->op == MatchOp::Regex) {
      for (const std::string& alternative : alternatives(m->value)) {
        if (std::optional<std::string> example = RegexExample(alternative).build()) values.push_back(*example);
      }
    }
  }
  values.insert(values.end(), {"x", "symptree"});
  for (const KeptMatcher* m : on_label) {
    if (m->op == MatchOp::NotEqual || m->op == MatchOp::NotRegex) values.push_back(m->value + "x");
  }
  values.push_back("");
  return values;
}

}  // namespace

std::optional<std::map<std::string, std::string>> matcher_witness(const std::vector<KeptMatcher>& matchers) {
  std::map<std::string, std::vector<const KeptMatcher*>> by_label;
  for (const KeptMatcher& m : matchers) by_label[m.label].push_back(&m);
  std::map<std::string, std::string> witness;
  for (const auto& entry : by_label) {  // not a structured binding: clang's C++17 cannot capture one
    const std::vector<const KeptMatcher*>& on_label = entry.second;
    bool found = false;
    for (const std::string& value : candidates(on_label)) {
      found = std::all_of(on_label.begin(), on_label.end(), [&](const KeptMatcher* m) { return accepts(*m, value); });
      if (found) {
        witness[entry.first] = value;
        break;
      }
    }
    if (!found) return std::nullopt;
  }
  return witness;
}

}  // namespace symptree
