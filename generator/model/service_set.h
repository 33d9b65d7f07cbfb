// The services of a config repo compiled together: each one's model and alert
// plan, with the spec it came from. What the shared outputs (one Alertmanager,
// one exporter config per host role, the overview dashboard) are made from.
#pragma once

#include <string>
#include <vector>

#include "generator/model/alert_plan.h"

namespace symptree {

// One service of the set. The pointers are owned by the compile that made them.
struct ServicePlan {
  const Model* model = nullptr;
  const AlertPlan* alerts = nullptr;
  std::string spec_path;  // as given on the command line or found in a folder

  // Where an error about the service as a whole points: its `service:` key.
  SourcePosition where() const {
    return model->service_where.line > 0 ? model->service_where : SourcePosition{spec_path, 0, 0};
  }
};

}  // namespace symptree
