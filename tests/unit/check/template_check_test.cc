// Tests for check/template_check: $labels.x only for labels the alert's result
// certainly carries, $value only where the tests derive the value.
#include "generator/check/template_check.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec with `description` added to the node titled `title`.
std::string described(const std::string& title, const std::string& description) {
  std::string anchor = "title: " + title + "\n";
  std::string text = small_spec();
  size_t at = text.find(anchor);
  REQUIRE(at != std::string::npos);
  size_t indent = text.rfind('\n', at) + 1;
  text.insert(at + anchor.size(), std::string(at - indent, ' ') + "description: " + description + "\n");
  return text;
}

// "line:column: message" of the check's first error, "" when none.
std::string first(const std::string& text) {
  Model model = load_ok(text);
  Diagnostics d;
  check_templates(model, d);
  if (!d.has_errors()) return "";
  Diagnostic e = d.sorted().front();
  return std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " + e.message;
}

std::string at(const std::string& text, const std::string& needle) {
  auto [line, column] = line_column_of(text, needle);
  return std::to_string(line) + ":" + std::to_string(column) + ": ";
}

}  // namespace

TEST_CASE("labels every result series carries pass: join labels, catalogue labels kept by a matcher") {
  CHECK(first(described("API is down", "'{{ $labels.name }} on {{ $labels.host }} ({{ $labels.instance }})'")) == "");
  CHECK(first(described("Queue backlog", "'{{ $value | humanize }} queued on {{ $labels.host }}'")) == "");
}

TEST_CASE("a label the result may lack is an error at its $labels") {
  std::string text = described("Queue backlog", "'{{ $value }} queued in {{ $labels.queue }}'");
  CHECK(first(text) == at(text, "$labels.queue") + "in 'description': the alert ShopQueueBacklog may lack label 'queue'");
  text = described("Queue backlog", "\"{{ $labels.__name__ }}\"");
  CHECK(first(text).find(at(text, "$labels.__name__")) == 0);
}

TEST_CASE("a label the condition drops is an error naming the clause") {
  std::string text = replace(small_spec(), "when: 'sum by (host) (rate(shop_request_errors_total[5m])) > 0.5'",
                             "when: 'sum by (host) (rate(shop_request_errors_total[5m])) > 0.5'\n"
                             "        description: 'errors on {{ $labels.instance }}'");
  Model model = load_ok(text);
  Diagnostics d;
  check_templates(model, d);
  REQUIRE(d.has_errors());
  CHECK(d.errors().front().hint.find("by (host)") != std::string::npos);
}

TEST_CASE("$value of a node tested with examples needs the examples' value") {
  std::string text = replace(small_spec(), "        title: Errors rising?\n",
                             "        title: Errors rising?\n        description: \"{{ $value }} errors a second\"\n");
  CHECK(first(text) == at(text, "$value") + "in 'description': {{ $value }} of ShopErrorsRising cannot be asserted: "
                                            "the tests of 'errors_rising' come from its examples, which do not say "
                                            "the condition's value");
  text = replace(text, "          warmup: 1m\n", "          warmup: 1m\n          value: 2\n");
  CHECK(first(text) == "");
}

TEST_CASE("a top-level annotation describes every alert, the absence alerts too") {
  std::string text = replace(small_spec(), "host:\n", "annotations: {where: '{{ $labels.name }}'}\nhost:\n");
  CHECK(first(text) == at(text, "$labels.name") + "in 'annotations: where': the alert ShopPortTaken may lack label 'name'");
  text = replace(small_spec(), "host:\n", "annotations: {where: '{{ $labels.host }}'}\nhost:\n");
  CHECK(first(text) == "");
}
