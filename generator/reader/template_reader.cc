// Alert templates checked as they are read.
#include "generator/reader/template_reader.h"

#include "generator/model/alert_template.h"
#include "generator/reader/scalar_positions.h"

namespace symptree {

TextPlace read_template(const YamlFile& file, const YamlNode& node, const std::string& text, const std::string& key,
                        Diagnostics& diagnostics) {
  TextPlace place;
  place.where = file.position_in_scalar(node, 0);
  place.single_line = file.is_inline_scalar(node);
  place.byte_lines = scalar_byte_positions(file, node);
  TemplateError error;
  if (!parse_alert_template(text, error)) {
    diagnostics.error(place.position_at(error.offset), "in '" + key + "': " + error.message, error.hint);
  }
  return place;
}

}  // namespace symptree
