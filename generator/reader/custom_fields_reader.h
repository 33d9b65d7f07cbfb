// Reading a spec's own alert labels and annotations (`labels:` and
// `annotations:`, at the top and on any node): Prometheus label names, none of
// the names symptree sets itself; label values are plain text, annotation
// values alert templates (reader/template_reader.h).
#pragma once

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Reads `map`'s `labels:` and `annotations:` (absent: none) into `labels` and
// `annotations` (with the place of each annotation's value). A label may not
// be one of `join_on` either: it would replace the series' own value.
void read_custom_fields(const MapReader& map, const std::vector<std::string>& join_on, CustomFields& labels,
                        CustomFields& annotations, std::map<std::string, TextPlace>& annotation_places);

}  // namespace symptree
