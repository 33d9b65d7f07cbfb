// Go's float64 printing and Prometheus' humanize functions, written from their
// documented rules: strconv's shortest 'g' for %v, C's printf for a given
// precision (both round the exact binary value half to even, so the digits
// agree), and Go's spelling of NaN and the infinities.
#include "generator/model/template_functions.h"

#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace symptree {
namespace {

// NaN, +Inf or -Inf as Go prints them with any float verb.
std::optional<std::string> non_finite(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return std::nullopt;
}

// C's printf of one double with `verb` and `precision` (-1: the verb's default).
std::string c_format(char verb, int precision, double value) {
  std::string spec = precision < 0 ? std::string("%") + verb : "%." + std::to_string(precision) + verb;
  char buffer[512];
  int length = std::snprintf(buffer, sizeof buffer, spec.c_str(), value);
  if (length < 0) return "";
  if (static_cast<size_t>(length) < sizeof buffer) return std::string(buffer, static_cast<size_t>(length));
  std::string big(static_cast<size_t>(length) + 1, '\0');  // %f of 1e300: 300 digits and more
  std::snprintf(big.data(), big.size(), spec.c_str(), value);
  big.resize(static_cast<size_t>(length));
  return big;
}

// Go's %g (or %G) without precision: the shortest digits that read back, in
// exponent form when the exponent is below -4 or at least 6.
std::string shortest_g(double value, bool upper) {
  if (auto special = non_finite(value)) return *special;
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string text(buffer, result.ptr);  // "-1.2345e+06"
  bool negative = text[0] == '-';
  if (negative) text.erase(0, 1);
  size_t e = text.find('e');
  std::string digits = text.substr(0, 1) + (e > 2 ? text.substr(2, e - 2) : "");
  int exponent = std::stoi(text.substr(e + 1));
  std::string out;
  if (exponent < -4 || exponent >= 6) {
    std::string magnitude = std::to_string(exponent < 0 ? -exponent : exponent);
    if (magnitude.size() < 2) magnitude = "0" + magnitude;
    out = digits.substr(0, 1) + (digits.size() > 1 ? "." + digits.substr(1) : "") + (upper ? "E" : "e") +
          (exponent < 0 ? "-" : "+") + magnitude;
  } else if (exponent < 0) {
    out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  } else if (static_cast<size_t>(exponent) + 1 >= digits.size()) {
    out = digits + std::string(static_cast<size_t>(exponent) + 1 - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(exponent) + 1) + "." + digits.substr(static_cast<size_t>(exponent) + 1);
  }
  return (negative ? "-" : "") + out;
}

// Go's fmt.Sprintf("%<verb>") (or "%.<precision><verb>") of a float64.
std::string go_float(char verb, int precision, double value) {
  if (auto special = non_finite(value)) return *special;
  if (verb == 'v') return shortest_g(value, false);
  if ((verb == 'g' || verb == 'G') && precision < 0) return shortest_g(value, verb == 'G');
  if (verb == 'F') verb = 'f';
  return c_format(verb, precision, value);
}

std::string go_sprintf_4g(double value) { return go_float('g', 4, value); }

// Go's int64(v) on amd64: an out-of-range value (or NaN) gives the minimum.
int64_t go_int64(double value) {
  if (std::isnan(value) || value >= 9223372036854775808.0 || value < -9223372036854775808.0) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(value);
}

std::string humanize(double v) {
  if (v == 0 || std::isnan(v) || std::isinf(v)) return go_sprintf_4g(v);
  std::string prefix;
  if (std::fabs(v) >= 1) {
    for (const char* p : {"k", "M", "G", "T", "P", "E", "Z", "Y"}) {
      if (std::fabs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return go_sprintf_4g(v) + prefix;
  }
  for (const char* p : {"m", "u", "n", "p", "f", "a", "z", "y"}) {
    if (std::fabs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return go_sprintf_4g(v) + prefix;
}

std::string humanize1024(double v) {
  if (std::fabs(v) <= 1 || std::isnan(v) || std::isinf(v)) return go_sprintf_4g(v);
  std::string prefix;
  for (const char* p : {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"}) {
    if (std::fabs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return go_sprintf_4g(v) + prefix;
}

std::string humanize_duration(double v) {
  if (std::isnan(v) || std::isinf(v)) return go_sprintf_4g(v);
  if (v == 0) return go_sprintf_4g(v) + "s";
  if (std::fabs(v) >= 1) {
    std::string sign = v < 0 ? "-" : "";
    if (v < 0) v = -v;
    int64_t duration = go_int64(v);
    int64_t seconds = duration % 60, minutes = (duration / 60) % 60, hours = (duration / 60 / 60) % 24;
    int64_t days = duration / 60 / 60 / 24;
    auto n = [](int64_t x) { return std::to_string(x); };
    if (days != 0) return sign + n(days) + "d " + n(hours) + "h " + n(minutes) + "m " + n(seconds) + "s";
    if (hours != 0) return sign + n(hours) + "h " + n(minutes) + "m " + n(seconds) + "s";
    if (minutes != 0) return sign + n(minutes) + "m " + n(seconds) + "s";
    return sign + go_sprintf_4g(v) + "s";
  }
  std::string prefix;
  for (const char* p : {"m", "u", "n", "p", "f", "a", "z", "y"}) {
    if (std::fabs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return go_sprintf_4g(v) + prefix + "s";
}

}  // namespace

std::string go_value_text(double value) { return go_float('v', -1, value); }

std::string go_print(const TemplateValue& value) {
  if (const double* number = std::get_if<double>(&value)) return go_value_text(*number);
  return std::get<std::string>(value);
}

bool is_humanize_function(const std::string& name) {
  return name == "humanize" || name == "humanize1024" || name == "humanizeDuration" || name == "humanizePercentage";
}

std::optional<std::string> humanize_function(const std::string& name, double value) {
  if (name == "humanize") return humanize(value);
  if (name == "humanize1024") return humanize1024(value);
  if (name == "humanizeDuration") return humanize_duration(value);
  if (name == "humanizePercentage") return go_sprintf_4g(value * 100) + "%";
  return std::nullopt;
}

std::optional<std::vector<PrintfVerb>> parse_printf_format(const std::string& format, std::string& problem, size_t& at) {
  std::vector<PrintfVerb> verbs;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    PrintfVerb verb;
    verb.offset = i;
    size_t j = i + 1;
    if (j < format.size() && format[j] == '.') {
      size_t digits = ++j;
      while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])) && j - digits < 3) ++j;
      verb.precision = j == digits ? 0 : std::stoi(format.substr(digits, j - digits));
    }
    std::string known = verb.precision < 0 ? "%feEgGvsF" : "feEgGF";  // no precision on %v, %s, %%
    if (j >= format.size() || known.find(format[j]) == std::string::npos) {
      at = i;
      problem = j >= format.size() ? "printf format ends inside a conversion ('%' without a verb)"
                                   : std::string("printf verb '%") + format.substr(i + 1, j - i) + "' is not one symptree renders";
      return std::nullopt;
    }
    verb.verb = format[j];
    verbs.push_back(verb);
    i = j;
  }
  return verbs;
}

bool verb_accepts(const PrintfVerb& verb, bool is_number) {
  if (verb.verb == 'v') return true;
  return verb.verb == 's' ? !is_number : is_number;
}

std::string go_printf(const std::vector<PrintfVerb>& verbs, const std::string& format,
                      const std::vector<TemplateValue>& args) {
  std::string out;
  size_t from = 0, next_arg = 0;
  for (const PrintfVerb& verb : verbs) {
    out += format.substr(from, verb.offset - from);
    size_t end = format.find(verb.verb, verb.offset + 1);
    from = end + 1;
    if (verb.verb == '%') {
      out += '%';
      continue;
    }
    const TemplateValue& arg = args.at(next_arg++);
    if (const double* number = std::get_if<double>(&arg)) {
      out += go_float(verb.verb, verb.precision, *number);
    } else {
      out += std::get<std::string>(arg);
    }
  }
  return out + format.substr(from);
}

}  // namespace symptree
