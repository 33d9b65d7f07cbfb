// The few lines `compile` prints for people after a compile: alerts per
// priority, branches an alert enforces, test cases, manual steps and notes.
#pragma once

#include <string>

#include "generator/pipeline/compiler.h"

namespace symptree {

// A few lines for people: alerts per priority, branches covered, manual steps.
std::string render_summary(const Compilation& compilation);

}  // namespace symptree
