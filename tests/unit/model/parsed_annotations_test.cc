// Tests for generator/model/parsed_annotations: a rule's templates parsed once
// render as expand_template renders each, say whether one uses $value, and
// refuse to render one that did not parse.
#include "generator/model/parsed_annotations.h"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace symptree;

TEST_CASE("parsed annotations render as each template expands, by name") {
  std::vector<std::pair<std::string, std::string>> annotations = {
      {"summary", "Disk full on {{ $labels.host }}"},
      {"description", "{{ $value | humanizePercentage }} used on {{ $labels.host }}"}};
  ParsedAnnotations parsed(annotations);
  CHECK(parsed.uses_value());
  std::map<std::string, std::string> labels = {{"host", "db-1"}};
  for (double value : {0.9312, 0.5}) {
    std::map<std::string, std::string> rendered = parsed.render(labels, value);
    REQUIRE(rendered.size() == 2);
    for (const auto& [name, text] : annotations) CHECK(rendered.at(name) == expand_template(text, labels, value));
  }
  CHECK(parsed.render(labels, 0.9312).at("description") == "93.12% used on db-1");
}

TEST_CASE("parsed annotations without $value say so, and one that did not parse is not rendered") {
  using Annotations = std::vector<std::pair<std::string, std::string>>;
  CHECK_FALSE(ParsedAnnotations(Annotations{{"summary", "On {{ $labels.host }}"}}).uses_value());
  ParsedAnnotations broken(Annotations{{"summary", "On {{ .Labels.host }}"}});
  CHECK_FALSE(broken.uses_value());
  CHECK_THROWS_AS(broken.render({}, 0), std::logic_error);
}
