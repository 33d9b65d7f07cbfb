// A spec file is one YAML document. yaml-cpp's YAML::Load reads the first and
// ignores the rest, so `a: 1\n---\nb: 2` or a flow mapping followed by stray
// text (`{a: 1}} x`) would load with part of the file silently dropped.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace symptree {

// Where a second document starts in `text`, whose first document YAML::Load
// read as `root`; nullopt when there is none. Cheap for the usual file: only a
// file with a document marker (`---`, `...`, `%`) at the start of a line, or a
// root that is not a block collection in the first column, is parsed again.
std::optional<YAML::Mark> second_document_start(const std::string& text, const YAML::Node& root);

}  // namespace symptree
