// Parsing a rule's annotation templates once and rendering them per alert.
#include "generator/model/parsed_annotations.h"

#include <stdexcept>

namespace symptree {

ParsedAnnotations::ParsedAnnotations(const std::vector<std::pair<std::string, std::string>>& annotations) {
  annotations_.reserve(annotations.size());
  for (const auto& [name, text] : annotations) {
    TemplateError error;
    Annotation annotation{name, parse_alert_template(text, error), ""};
    if (!annotation.parsed) annotation.error = error.message + " in: " + text;
    uses_value_ = uses_value_ || (annotation.parsed && annotation.parsed->value_use());
    annotations_.push_back(std::move(annotation));
  }
}

std::map<std::string, std::string> ParsedAnnotations::render(const std::map<std::string, std::string>& labels,
                                                             double value) const {
  std::map<std::string, std::string> result;
  for (const Annotation& annotation : annotations_) {
    if (!annotation.parsed) throw std::logic_error("not a checked template: " + annotation.error);
    result[annotation.name] = render_alert_template(*annotation.parsed, labels, value);
  }
  return result;
}

}  // namespace symptree
