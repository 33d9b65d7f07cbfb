// The names of the labels symptree sets on its alerts and node-state records.
// They start with `flowchart_` so that no exporter's series carries them:
// `node` and `service` were kube-state-metrics labels, and a rule's label
// silently replaces the same label of its expression's result.
#pragma once

namespace symptree {

inline constexpr const char* kServiceLabel = "flowchart_service";  // the spec's `service`
inline constexpr const char* kSymptomLabel = "flowchart_symptom";  // the id of the node's top-level symptom
inline constexpr const char* kNodeLabel = "flowchart_node";        // the id of the node itself
inline constexpr const char* kSelectorLabel = "flowchart_selector";  // an absence alert's selector, when it has matchers

}  // namespace symptree
