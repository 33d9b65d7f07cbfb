// With runbooks.dir set: each runbook file exists and has the linked section.
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

// `spec_dir`: runbooks.dir is relative to the spec's folder.
void check_runbooks(const Model& model, const std::string& spec_dir, Diagnostics& diagnostics);

}  // namespace symptree
