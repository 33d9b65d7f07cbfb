// Go's regexp/syntax (RE2, Perl flags) as far as PromQL needs it: whether a
// label matcher's regex compiles in Prometheus, and whether it matches the
// empty string (a selector needs one matcher that does not).
#pragma once

#include <optional>
#include <string>

namespace symptree::promql {

// Go's error text ("missing closing ): `(a`") or nullopt when `regex` is valid.
std::optional<std::string> regex_error(const std::string& regex);

// Whether the fully anchored regex matches "" (false for an invalid regex).
bool regex_matches_empty(const std::string& regex);

// Whether the fully anchored regex matches `value`, read with std::regex;
// nullopt when std::regex cannot read it (RE2 syntax it lacks: `(?i)`, `\pL`).
std::optional<bool> regex_full_match(const std::string& regex, const std::string& value);

}  // namespace symptree::promql
