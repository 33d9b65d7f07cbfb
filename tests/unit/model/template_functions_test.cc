// Tests for model/template_functions: Go's printing of a float64 and
// Prometheus' humanize functions (tool_template_values compares them all with
// promtool; these pin the rules down one by one).
#include "generator/model/template_functions.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using namespace symptree;

TEST_CASE("go_value_text is fmt's %v: shortest digits, exponent form below 1e-4 and from 1e6") {
  CHECK(go_value_text(0) == "0");
  CHECK(go_value_text(-0.0) == "-0");
  CHECK(go_value_text(0.26000000000000006) == "0.26000000000000006");
  CHECK(go_value_text(123456) == "123456");
  CHECK(go_value_text(999999.5) == "999999.5");
  CHECK(go_value_text(1e6) == "1e+06");
  CHECK(go_value_text(1234567) == "1.234567e+06");
  CHECK(go_value_text(0.0001) == "0.0001");
  CHECK(go_value_text(0.00001) == "1e-05");
  CHECK(go_value_text(1e21) == "1e+21");
  CHECK(go_value_text(5e-324) == "5e-324");
  CHECK(go_value_text(std::nan("")) == "NaN");
  CHECK(go_value_text(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(go_value_text(-std::numeric_limits<double>::infinity()) == "-Inf");
}

TEST_CASE("humanize: SI prefixes up and down, four significant digits") {
  CHECK(*humanize_function("humanize", 0) == "0");
  CHECK(*humanize_function("humanize", 1234567) == "1.235M");
  CHECK(*humanize_function("humanize", 999) == "999");
  CHECK(*humanize_function("humanize", 0.0012) == "1.2m");
  CHECK(*humanize_function("humanize", -2500) == "-2.5k");
  CHECK(*humanize_function("humanize", 1e30) == "1e+06Y");
  CHECK(*humanize_function("humanize1024", 1048576) == "1Mi");
  CHECK(*humanize_function("humanize1024", 0.5) == "0.5");
  CHECK(*humanize_function("humanizePercentage", 0.93124) == "93.12%");
  CHECK_FALSE(humanize_function("title", 1));
}

TEST_CASE("humanizeDuration: days to seconds, sub-second prefixes, Go's int64 conversion") {
  CHECK(*humanize_function("humanizeDuration", 0) == "0s");
  CHECK(*humanize_function("humanizeDuration", 90061.7) == "1d 1h 1m 1s");
  CHECK(*humanize_function("humanizeDuration", -90061.7) == "-1d 1h 1m 1s");
  CHECK(*humanize_function("humanizeDuration", 59.999) == "60s");
  CHECK(*humanize_function("humanizeDuration", 61.5) == "1m 1s");
  CHECK(*humanize_function("humanizeDuration", 0.0015) == "1.5ms");
  CHECK(*humanize_function("humanizeDuration", 1e19) == "-106751991167300d -15h -30m -8s");  // as amd64 Go prints it
}

TEST_CASE("printf: the formats symptree renders, the ones it refuses, and the kinds each verb takes") {
  std::string problem;
  size_t at = 0;
  auto verbs = parse_printf_format("%.2f%% of %s (%v, %e, %g, %.3G)", problem, at);
  REQUIRE(verbs);
  CHECK(verbs->size() == 7);
  CHECK(go_printf(*verbs, "%.2f%% of %s (%v, %e, %g, %.3G)", {0.93124, std::string("db1"), 1e6, 1.5, 0.1, 12345.0}) ==
        "0.93% of db1 (1e+06, 1.500000e+00, 0.1, 1.23E+04)");
  CHECK_FALSE(parse_printf_format("%5.1f", problem, at));
  CHECK(at == 0);
  CHECK(problem.find("'%5'") != std::string::npos);
  CHECK_FALSE(parse_printf_format("ab %d", problem, at));
  CHECK(at == 3);
  CHECK_FALSE(parse_printf_format("50%", problem, at));
  CHECK(problem.find("ends inside a conversion") != std::string::npos);
  CHECK_FALSE(parse_printf_format("%.2s", problem, at));
  CHECK(verb_accepts({0, 'v', -1}, true));
  CHECK(verb_accepts({0, 'v', -1}, false));
  CHECK_FALSE(verb_accepts({0, 's', -1}, true));
  CHECK_FALSE(verb_accepts({0, 'f', -1}, false));
}
