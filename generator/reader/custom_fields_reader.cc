// The checks on a spec's own labels and annotations, each at its key (an
// annotation's template at its own byte).
#include "generator/reader/custom_fields_reader.h"

#include <algorithm>
#include <set>

#include "common/join.h"
#include "generator/model/alert_plan.h"
#include "generator/reader/template_reader.h"

namespace symptree {
namespace {

bool is_label_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The error for `name` as a custom label or annotation, or "".
std::string name_error(const std::string& name, bool label, const std::vector<std::string>& join_on) {
  std::string what = label ? "label" : "annotation";
  if (!is_label_name(name)) return what + " name '" + name + "' is not [a-zA-Z_][a-zA-Z0-9_]*";
  if (name.compare(0, 2, "__") == 0) return what + " name '" + name + "' starts with __, which Prometheus reserves";
  const std::vector<std::string>& reserved = label ? reserved_alert_labels() : reserved_alert_annotations();
  if (contains(reserved, name)) {
    return what + " '" + name + "' is one symptree sets on every alert" +
           (name == "instance" || name == "job" ? " (from the scrape target)" : "");
  }
  if (label && contains(join_on, name)) {
    return "label '" + name + "' is a join label: it would replace the value each series carries";
  }
  return "";
}

void read_fields(const MapReader& map, const std::string& key, bool label, const std::vector<std::string>& join_on,
                 CustomFields& into, std::map<std::string, TextPlace>* places) {
  YamlNode fields = map.mapping(key);
  if (!fields.IsDefined()) return;
  const YamlFile& file = map.file();
  Diagnostics& diagnostics = map.diagnostics();
  std::set<std::string> seen;
  for (const auto& entry : fields) {
    std::optional<std::string> name = read_scalar(file, entry.first, "a " + key.substr(0, key.size() - 1) + " name",
                                                  diagnostics);
    std::optional<std::string> value = read_scalar(file, entry.second, "the value of '" + entry.first.Scalar() + "'",
                                                   diagnostics);
    if (!name || !value) continue;
    if (std::string error = name_error(*name, label, join_on); !error.empty()) {
      diagnostics.error(file.position(entry.first), error,
                        label ? "reserved: " + join(reserved_alert_labels(), ", ") : "reserved: " +
                                                                                    join(reserved_alert_annotations(), ", "));
      continue;
    }
    if (label && value->find("{{") != std::string::npos) {
      diagnostics.error(file.position(entry.second), "label '" + *name + "' is a template",
                        "a label's value is fixed: an alert's identity must not change with its value");
      continue;
    }
    if (!seen.insert(*name).second) {
      diagnostics.error(file.position(entry.first), "'" + *name + "' is set twice in " + key);
      continue;
    }
    if (places) (*places)[*name] = read_template(file, entry.second, *value, "annotations: " + *name, diagnostics);
    into.emplace_back(*name, *value);
  }
}

}  // namespace

void read_custom_fields(const MapReader& map, const std::vector<std::string>& join_on, CustomFields& labels,
                        CustomFields& annotations, std::map<std::string, TextPlace>& annotation_places) {
  read_fields(map, "labels", true, join_on, labels, nullptr);
  read_fields(map, "annotations", false, join_on, annotations, &annotation_places);
}

}  // namespace symptree
