// The one home for quoting strings into the languages symptree writes:
// - double_quote: the subset PromQL, Alertmanager matchers and DOT all accept
//   (backslash and quote escaped, newline as \n);
// - YAML scalars: plain when that reads back as the same string, otherwise
//   double-quoted with every control character (C0, DEL, C1 including U+0085)
//   and every YAML line break (U+2028, U+2029) escaped, so no reader folds or
//   refuses them.
#pragma once

#include <string>

namespace symptree {

// "text" with \\, \" and \n escapes, quotes included.
std::string double_quote(const std::string& text);
// The same, appended to `out`.
void append_double_quoted(std::string& out, const std::string& text);

// `text` as a regular expression matching itself, written for the inside of
// a PromQL double-quoted string (each regex escape's backslash doubled).
std::string regex_literal(const std::string& text);

// `value` as a YAML double-quoted scalar, quotes included: \" \\ \n \t, other
// C0 controls, DEL and C1 controls as \xNN, U+2028 as \L and U+2029 as \P.
std::string yaml_double_quote(const std::string& value);
void append_yaml_double_quoted(std::string& out, const std::string& value);

// `value` as a YAML scalar on one line: plain when safe, double-quoted otherwise.
std::string yaml_inline_scalar(const std::string& value);
void append_yaml_inline_scalar(std::string& out, const std::string& value);
// Whether append_yaml_inline_scalar writes `value` plain: it reads back as
// the same string (no line breaks among other things).
bool yaml_plain_safe(const std::string& value);

// True when `value` has a character YAML must see escaped (a control
// character, U+2028 or U+2029), newlines aside.
bool has_yaml_unprintable(const std::string& value);

}  // namespace symptree
