// A rule's annotation templates parsed once: the tests render them for each
// alert they expect, ten or more per rule, and parsing them every time was a
// sixth of writing the expected alerts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator/model/alert_template.h"

namespace symptree {

// The templates of one rule's annotations, in the rule's order.
class ParsedAnnotations {
 public:
  // `annotations`: (name, template) pairs, AlertRule::annotations.
  explicit ParsedAnnotations(const std::vector<std::pair<std::string, std::string>>& annotations);

  // Whether one of them renders {{ $value }}.
  bool uses_value() const { return uses_value_; }
  // Each annotation as Prometheus renders it for a result series with
  // `labels` and value `value`, by name. Throws std::logic_error when one
  // did not parse (check_templates reports those before tests are planned).
  std::map<std::string, std::string> render(const std::map<std::string, std::string>& labels, double value) const;

 private:
  struct Annotation {
    std::string name;
    std::optional<AlertTemplate> parsed;
    std::string error;  // why it did not parse
  };
  std::vector<Annotation> annotations_;
  bool uses_value_ = false;
};

}  // namespace symptree
