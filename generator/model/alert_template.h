// Alert text in Prometheus' template language (Go's text/template), the part
// of it symptree checks and renders: literal text and actions `{{ pipeline }}`
// whose pipeline is an operand (`$value`, `$labels.name`, a "string") or a
// call of humanize, humanize1024, humanizeDuration, humanizePercentage or
// printf, in call form (`humanize $value`) or piped (`$value | humanize`).
// Anything else between `{{` and `}}` is an error at its byte offset, so a
// template symptree cannot state the rendering of is never written.
//
//   TemplateError error;
//   auto parsed = parse_alert_template("{{ $value | humanizePercentage }} on {{ $labels.host }}", error);
//   render_alert_template(*parsed, {{"host", "db1"}}, 0.9312) == "93.12% on db1"
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator/model/template_functions.h"

namespace symptree {

// One command of a pipeline: an operand, or a function with its operands.
struct TemplateCommand {
  enum class Kind { Value, Label, String, Call } kind = Kind::Value;
  std::string text;                    // Label: the label's name; String: its value; Call: the function
  std::vector<TemplateCommand> args;   // Call: the operands written after the name (never calls)
  std::vector<PrintfVerb> verbs;       // a printf Call: its format's conversions
  size_t offset = 0;                   // of the command's first byte in the text
};

// Literal text, or an action (`{{ a | f | g }}`: a, then each function with the previous result last).
struct TemplatePart {
  std::string literal;
  std::vector<TemplateCommand> pipeline;  // empty for literal text
  size_t offset = 0;
};

struct AlertTemplate {
  std::vector<TemplatePart> parts;

  // Every `$labels.x` with its offset, in order.
  std::vector<std::pair<std::string, size_t>> labels() const;
  // The offset of the first `$value`, or nullopt when the text does not use it.
  std::optional<size_t> value_use() const;
};

// What is wrong with a template, where (a byte offset in its text), and how to fix it.
struct TemplateError {
  size_t offset = 0;
  std::string message;
  std::string hint;
};

// The template, or nullopt with `error` set.
std::optional<AlertTemplate> parse_alert_template(const std::string& text, TemplateError& error);

// The text as Prometheus renders it for an alert whose result series has
// `labels` and value `value` (a label it lacks renders as "", Prometheus'
// missingkey=zero).
std::string render_alert_template(const AlertTemplate& parsed, const std::map<std::string, std::string>& labels,
                                  double value);

// Parses and renders a template symptree wrote or checked; throws
// std::logic_error when it is not one (a bug, not a user's mistake).
std::string expand_template(const std::string& text, const std::map<std::string, std::string>& labels, double value);

// `text` as a template that renders it verbatim: each `{{` written `{{ "{{" }}`.
std::string template_literal(const std::string& text);

}  // namespace symptree
