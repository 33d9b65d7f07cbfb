// The spec's optional `grafana:` section: where the dashboard is served.
#pragma once

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Reads `grafana: {url: https://grafana.example.com, uid: stemedb-flowchart}`
// into model.grafana; both keys are optional.
void read_grafana(const MapReader& top, Model& model);

}  // namespace symptree
