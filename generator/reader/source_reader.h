// Reading `sources:`: the scrape jobs a tree reads besides the service and
// symptree-exporter, each with the metrics it owns and the labels its series carry.
#pragma once

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Reads `sources:` into model.sources. Needs the jobs (read_settings) first:
// a source's job may not be the service's or the exporter's.
void read_sources(const MapReader& top, Model& model);

}  // namespace symptree
