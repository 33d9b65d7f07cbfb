// Prometheus' alert template functions on a float64, and Go's printing of one,
// rendered as Prometheus 2.42 (Go's fmt and strconv) renders them, so that a
// generated promtool test can state an alert's text exactly: `{{ $value }}`
// (fmt's %v), humanize, humanize1024, humanizeDuration, humanizePercentage,
// and printf with the verbs %f %F %e %E %g %G %v %s (an optional precision,
// no flags or width).
// tests/tools/template_values.sh compares every one with promtool.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace symptree {

// A template value: $value (a float64) or a string ($labels.x, a literal, a function's result).
using TemplateValue = std::variant<double, std::string>;

// Go's fmt %v of a float64: strconv's 'g' with the shortest digits that read
// back, in exponent form when the decimal exponent is below -4 or at least 6
// ("1e+06", "123456", "1e-05", "0.0001"); NaN, +Inf, -Inf.
std::string go_value_text(double value);
// Go's fmt %v of a template value (a string as it is).
std::string go_print(const TemplateValue& value);

// The template functions of one float64 argument, by name; nullopt for another name.
std::optional<std::string> humanize_function(const std::string& name, double value);
// Whether `name` is one of them.
bool is_humanize_function(const std::string& name);

// One conversion of a printf format: `%`, an optional `.precision`, a verb.
struct PrintfVerb {
  size_t offset = 0;   // of the '%' in the format
  char verb = 'v';     // f F e E g G v s, or '%' for a literal percent sign
  int precision = -1;  // -1: none written
};

// The conversions of `format`, or nullopt with `problem` and `at` (its byte
// offset in the format) when symptree does not render one exactly.
std::optional<std::vector<PrintfVerb>> parse_printf_format(const std::string& format, std::string& problem, size_t& at);
// Whether `verb` formats a value of this kind (a float64, or a string).
bool verb_accepts(const PrintfVerb& verb, bool is_number);
// printf as Go formats it, the format already checked (parse_printf_format) and
// each argument of a kind its verb accepts.
std::string go_printf(const std::vector<PrintfVerb>& verbs, const std::string& format,
                      const std::vector<TemplateValue>& args);

}  // namespace symptree
