// `symptree explain NAME`: everything the on-call needs about one alert or
// node of the flowchart — the path from the symptom, the question at each
// step with its condition and threshold, what fires, the runbook link, the
// diagnostics, and the receiver it pages.
#pragma once

#include <optional>
#include <string>

#include "generator/pipeline/compiler.h"

namespace symptree {

// The explanation of `name` (an alert name or a node id), or nullopt with
// `error` set ("no alert or node named 'x'; did you mean 'y'?").
std::optional<std::string> explain(const Compilation& compilation, const std::string& name, std::string& error);

}  // namespace symptree
