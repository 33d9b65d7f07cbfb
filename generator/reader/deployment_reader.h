// The spec's optional `deployment:` section: the Prometheus replicas, the
// Alertmanager cluster and the hosts to scrape (see docs/spec.md).
#pragma once

#include <string>

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Reads `deployment:` into model.deployment (left empty when the key is
// absent). Needs join_on, jobs and the nodes' conditions (intervals are
// checked against their range windows), so it runs after read_settings() and
// read_symptoms() (symptoms_reader.h).
void read_deployment(const MapReader& top, Model& model);

}  // namespace symptree
