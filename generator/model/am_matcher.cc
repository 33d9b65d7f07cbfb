// Alertmanager matchers: parse, format, evaluate.
#include "generator/model/am_matcher.h"

#include "common/quoting.h"

#include <cctype>
#include <regex>

namespace symptree {
namespace {

bool is_label_char(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (!first && std::isdigit(static_cast<unsigned char>(c)));
}

std::string trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t");
  size_t last = text.find_last_not_of(" \t");
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

// The value after the operator: a double-quoted string with \" \\ \n escapes, or the bare rest.
std::optional<std::string> parse_value(const std::string& text, std::string& error) {
  if (text.empty() || text[0] != '"') {
    if (text.find_first_of("\",{}") != std::string::npos) {
      error = "an unquoted value cannot contain '\"', ',', '{' or '}'; quote it";
      return std::nullopt;
    }
    return text;
  }
  std::string value;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      char next = text[++i];
      value.push_back(next == 'n' ? '\n' : next);
    } else if (text[i] == '"') {
      if (i + 1 != text.size()) {
        error = "unexpected text after the closing quote; write one matcher per list item";
        return std::nullopt;
      }
      return value;
    } else {
      value.push_back(text[i]);
    }
  }
  error = "the value's quote is never closed";
  return std::nullopt;
}

}  // namespace

std::optional<AmMatcher> parse_matcher(const std::string& raw, std::string& error) {
  std::string text = trim(raw);
  if (!text.empty() && text.front() == '{') {
    error = "write one matcher per list item, without braces";
    return std::nullopt;
  }
  size_t end = 0;
  while (end < text.size() && is_label_char(text[end], end == 0)) ++end;
  if (end == 0) {
    error = "a matcher starts with a label name, as in severity=\"critical\"";
    return std::nullopt;
  }
  AmMatcher matcher;
  matcher.label = text.substr(0, end);
  std::string rest = trim(text.substr(end));
  for (const char* op : {"=~", "!~", "!=", "="}) {
    if (rest.compare(0, std::char_traits<char>::length(op), op) == 0) {
      matcher.op = op;
      break;
    }
  }
  if (matcher.op.empty()) {
    error = "expected one of =, !=, =~, !~ after '" + matcher.label + "'";
    return std::nullopt;
  }
  std::optional<std::string> value = parse_value(trim(rest.substr(matcher.op.size())), error);
  if (!value) return std::nullopt;
  matcher.value = *value;
  if (matcher.op[1] == '~') {
    try {
      std::regex check(matcher.value);
    } catch (const std::regex_error& e) {
      error = "invalid regular expression '" + matcher.value + "'";
      return std::nullopt;
    }
  }
  return matcher;
}

std::string format_matcher(const AmMatcher& matcher) { return matcher.label + matcher.op + double_quote(matcher.value); }

AmMatcher label_equals(const std::string& label, const std::string& value) { return {label, "=", value, {}}; }

AmMatcher one_of(const std::string& label, const std::vector<std::string>& values) {
  if (values.size() == 1) return label_equals(label, values.front());
  std::string pattern;
  for (const std::string& value : values) {
    if (!pattern.empty()) pattern += "|";
    for (char c : value) {
      if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos) pattern.push_back('\\');
      pattern.push_back(c);
    }
  }
  return {label, "=~", pattern, {}};
}

bool matches_all(const std::vector<AmMatcher>& matchers, const LabelSet& labels) {
  for (const AmMatcher& m : matchers) {
    auto it = labels.find(m.label);
    const std::string value = it == labels.end() ? "" : it->second;
    bool hit = m.op[1] == '~' ? std::regex_match(value, std::regex(m.value)) : value == m.value;
    if (hit != (m.op[0] == '=')) return false;
  }
  return true;
}

}  // namespace symptree
