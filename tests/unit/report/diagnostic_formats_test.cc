// Tests for generator/report/diagnostic_formats: text, JSON, GitHub annotations, checkstyle.
#include "generator/report/diagnostic_formats.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace symptree;

namespace {

Diagnostics two_errors() {
  Diagnostics d;
  d.error({"specs/a.yaml", 9, 3}, "unknown key 'prority'", "did you mean 'priority'?");
  d.error({"specs/a.yaml", 2, 7}, "bad duration '5x'");
  return d;
}

}  // namespace

TEST_CASE("format names parse, anything else is refused") {
  CHECK(parse_diagnostic_format("text") == DiagnosticFormat::Text);
  CHECK(parse_diagnostic_format("json") == DiagnosticFormat::Json);
  CHECK(parse_diagnostic_format("github") == DiagnosticFormat::Github);
  CHECK(parse_diagnostic_format("checkstyle") == DiagnosticFormat::Checkstyle);
  CHECK_FALSE(parse_diagnostic_format("GitHub").has_value());
  CHECK(diagnostic_format_names().size() == 4);
}

TEST_CASE("text is the gcc-style format") {
  Diagnostics d = two_errors();
  CHECK(render_diagnostics(d, "specs/a.yaml", DiagnosticFormat::Text) == d.format());
}

TEST_CASE("GitHub annotations: exact syntax, sorted, hint on its own escaped line") {
  CHECK(render_diagnostics(two_errors(), "specs/a.yaml", DiagnosticFormat::Github) ==
        "::error file=specs/a.yaml,line=2,col=7::bad duration '5x'\n"
        "::error file=specs/a.yaml,line=9,col=3::unknown key 'prority'%0Ahint: did you mean 'priority'?\n");
}

TEST_CASE("GitHub escaping: %, CR and LF in the message, also : and , in properties") {
  CHECK(github_escape_data("100% of a\r\nb: c, d") == "100%25 of a%0D%0Ab: c, d");
  CHECK(github_escape_property("C:\\a,b%\n") == "C%3A\\a%2Cb%25%0A");
  Diagnostic d{{"dir,x/odd:name.yaml", 4, 1}, "expected a map: got 50%, see\nline 2", ""};
  CHECK(github_annotation(d) == "::error file=dir%2Cx/odd%3Aname.yaml,line=4,col=1::expected a map: got 50%25, see%0Aline 2");
}

TEST_CASE("GitHub: a whole-file error has neither line nor col, a valid spec prints nothing") {
  Diagnostic d{{"<stdin>", 0, 0}, "cannot read standard input", ""};
  CHECK(github_annotation(d) == "::error file=<stdin>::cannot read standard input");
  CHECK(render_diagnostics(Diagnostics{}, "a.yaml", DiagnosticFormat::Github).empty());
}

TEST_CASE("JSON: the documented schema, every key present, null for what is unknown") {
  Diagnostics d = two_errors();
  d.error({"specs/a.yaml", 0, 0}, "whole file");
  nlohmann::json report = nlohmann::json::parse(render_diagnostics(d, "specs/a.yaml", DiagnosticFormat::Json));
  CHECK(report["schema_version"] == 1);
  CHECK(report["spec"] == "specs/a.yaml");
  CHECK(report["ok"] == false);
  REQUIRE(report["errors"].size() == 3);
  const nlohmann::json& whole = report["errors"][0];
  CHECK(whole["line"].is_null());
  CHECK(whole["column"].is_null());
  const nlohmann::json& first = report["errors"][1];
  CHECK(first == nlohmann::json{{"file", "specs/a.yaml"}, {"line", 2}, {"column", 7}, {"severity", "error"},
                                {"message", "bad duration '5x'"}, {"hint", nullptr}});
  CHECK(report["errors"][2]["hint"] == "did you mean 'priority'?");
}

TEST_CASE("JSON of a valid spec: ok and no errors") {
  nlohmann::json report = nlohmann::json::parse(render_diagnostics(Diagnostics{}, "-", DiagnosticFormat::Json));
  CHECK(report["ok"] == true);
  CHECK(report["errors"].empty());
}

TEST_CASE("checkstyle: one file element per file, attributes escaped") {
  Diagnostics d;
  d.error({"a.yaml", 3, 5}, "value \"<x>\" & 'y'", "use\tz");
  d.error({"runbooks.yaml", 0, 0}, "cannot read file");
  CHECK(render_diagnostics(d, "a.yaml", DiagnosticFormat::Checkstyle) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<checkstyle version=\"4.3\">\n"
        "  <file name=\"a.yaml\">\n"
        "    <error line=\"3\" column=\"5\" severity=\"error\" message=\"value &quot;&lt;x&gt;&quot; &amp; "
        "&apos;y&apos;&#10;hint: use&#9;z\" source=\"symptree\"/>\n"
        "  </file>\n"
        "  <file name=\"runbooks.yaml\">\n"
        "    <error line=\"0\" severity=\"error\" message=\"cannot read file\" source=\"symptree\"/>\n"
        "  </file>\n"
        "</checkstyle>\n");
}

TEST_CASE("checkstyle of a valid spec lists the spec with no errors") {
  CHECK(render_diagnostics(Diagnostics{}, "a.yaml", DiagnosticFormat::Checkstyle) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        "  <file name=\"a.yaml\">\n  </file>\n</checkstyle>\n");
}
