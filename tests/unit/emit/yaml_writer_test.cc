// Tests for emit/yaml_writer: every scalar reads back as written.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "generator/emit/yaml_writer.h"

using namespace symptree;

TEST_CASE("every scalar reads back exactly as written") {
  for (const char* text : {"plain", "with: colon", "ends:", "# hash", "a #b", "true", "No", "null", "~", "0.95", "1e9",
                           "-x", "'quoted'", "\"dq\"", "{{ $labels.host }}", "tab\there", "trailing ", " leading",
                           "multi\nline", "multi\nline\n", "  indented\nblock", "", "ünï", "x\x01y", "@at", "%pct",
                           "[1]", "*ref", "&anchor", "!tag", "|pipe", ">fold", "?q", "…", "5m", "1:30", "2026-11-27",
                           "0x1F", "0o17", "12", "1_000", "-1", "+1", ".5"}) {
    CAPTURE(text);
    YamlWriter out;
    out.entry(0, "key", text);
    YAML::Node back = YAML::Load(out.text());
    CHECK(back["key"].as<std::string>() == text);
  }
}
