// Tests for model/alert_template: parsing, checking and rendering alert templates.
#include "generator/model/alert_template.h"

#include <doctest/doctest.h>

using namespace symptree;

namespace {

// The error of `text` ("" when it parses), as "offset: message".
std::string error_of(const std::string& text) {
  TemplateError error;
  if (parse_alert_template(text, error)) return "";
  return std::to_string(error.offset) + ": " + error.message;
}

std::string rendered(const std::string& text, double value) {
  return expand_template(text, {{"host", "db1"}, {"datname", "orders"}}, value);
}

}  // namespace

TEST_CASE("operands and functions, in call and pipe form, render as Prometheus does") {
  CHECK(rendered("On {{ $labels.host }}: {{ $value }}", 0.25) == "On db1: 0.25");
  CHECK(rendered("{{ humanize $value }} / {{ $value | humanize }}", 1234567) == "1.235M / 1.235M");
  CHECK(rendered("{{ $value | humanizePercentage }}", 0.5) == "50%");
  CHECK(rendered("{{ $value|humanizeDuration }}", 3600) == "1h 0m 0s");
  CHECK(rendered("{{ printf \"%.1f%% on %s\" $value $labels.datname }}", 93.14) == "93.1% on orders");
  CHECK(rendered("{{ $value | printf \"%.2f\" | printf \"<%s>\" }}", 2) == "<2.00>");
  CHECK(rendered("{{ \"{{\" }} and }} and {{ `a\\n` }}", 0) == "{{ and }} and a\\n");
  CHECK(rendered("{{ $labels.missing }}|", 0) == "|");  // Prometheus' missingkey=zero
}

TEST_CASE("template_literal makes any text render verbatim") {
  CHECK(template_literal("a {{b}} c") == "a {{ \"{{\" }}b}} c");
  CHECK(rendered(template_literal("{{{ x }} {{"), 0) == "{{{ x }} {{");
}

TEST_CASE("the labels and the value a template reads, with their offsets") {
  TemplateError error;
  auto parsed = parse_alert_template("x {{ $labels.host }} {{ printf \"%s %v\" $labels.datname $value }}", error);
  REQUIRE(parsed);
  CHECK(parsed->labels() == std::vector<std::pair<std::string, size_t>>{{"host", 5}, {"datname", 39}});
  CHECK(parsed->value_use() == size_t{55});
  CHECK_FALSE(parse_alert_template("no templates", error)->value_use());
}

TEST_CASE("each mistake is an error at its byte") {
  CHECK(error_of("a {{ humanise $value }}") == "5: unknown template function 'humanise'");
  CHECK(error_of("a {{ $value") == "2: '{{' opens a template action that is never closed with '}}'");
  CHECK(error_of("a {{}}") == "2: empty template action '{{}}'");
  CHECK(error_of("{{- $value }}").find("0: '{{' opens a template action, and symptree does not support trim") == 0);
  CHECK(error_of("{{ humanize }}") == "3: humanize takes one argument, got 0");
  CHECK(error_of("{{ humanize $value $value }}") == "3: humanize takes one argument, got 2");
  CHECK(error_of("{{ humanize $labels.host }}") == "12: humanize takes a number ($value), not a string");
  CHECK(error_of("{{ $labels.host | humanize }}") == "18: humanize takes a number ($value), not a string");
  CHECK(error_of("{{ printf \"%d\" $value }}") == "11: printf verb '%d' is not one symptree renders");
  CHECK(error_of("{{ printf \"%s\" $value }}") == "11: printf verb '%s' does not format a number");
  CHECK(error_of("{{ printf \"%f %f\" $value }}") == "3: printf's format has 2 conversion(s) but 1 argument(s) follow it");
  CHECK(error_of("{{ printf $value }}") == "3: printf needs its format, a string, right after it");
  CHECK(error_of("{{ $externalLabels.x }}") == "3: unknown template variable '$externalLabels'");
  CHECK(error_of("{{ $labels }}") == "3: $labels needs a label name: $labels.name");
  CHECK(error_of("{{ $labels.9x }}") == "11: $labels. must be followed by a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
  CHECK(error_of("{{ $value | $value }}").find("12: after '|' comes a function") == 0);
  CHECK(error_of("{{ $value $value }}") == "10: unexpected '$' after an operand");
  CHECK(error_of("{{ 5 }}") == "3: unexpected '5' in a template action");
  CHECK(error_of("{{ printf \"%s\" humanize $value }}").find("15: a function call as an argument needs parentheses") == 0);
  CHECK(error_of("{{ \"abc }}") == "3: this string is never closed");
  CHECK(error_of("{{ \"a\\qb\" }}") == "5: escape '\\q' is not one symptree reads");
  CHECK(error_of("{{ if $value }}x{{ end }}") == "3: unknown template function 'if'");
}
