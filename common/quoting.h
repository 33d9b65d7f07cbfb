// Double-quoted strings in the syntax PromQL, Alertmanager matchers, DOT and
// YAML all accept: backslash and quote escaped, newline as \n.
#pragma once

#include <string>

namespace symptree {

// "text" with \\, \" and \n escapes, quotes included.
std::string double_quote(const std::string& text);

}  // namespace symptree
