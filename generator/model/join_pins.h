// Join labels whose value a node's condition fixes: an equality matcher on one
// (`x{namespace="payments"} > 0` under a node joined on namespace), or the
// value a host-scoped node's firing `examples:` series write for it (a regex
// matcher `namespace=~"pay.*"` needs them to say which namespace). Such a node
// holds only where the label has that value, so the tests of its path give
// the label that value on their first host (testgen/scenario.h), and two
// different values on one chain joined on the label can never meet.
#pragma once

#include <map>
#include <string>

#include "generator/model/model.h"

namespace symptree {

// A value a node fixes for one of its join labels, and where it is written.
struct JoinPin {
  std::string value;
  SourcePosition where;
};
using JoinPins = std::map<std::string, JoinPin>;  // by join label

// The join labels `node` fixes (host-scoped nodes only; a cluster fact joins nothing).
JoinPins node_join_pins(const Model& model, int node);

// The labels the tests of `node`'s path give a fixed value on their first host:
// those `node` and its conditioned ancestors fix, the nearest node's first.
std::map<std::string, std::string> path_join_pins(const Model& model, int node);

// Whether every link of the path from `node` up to its conditioned `ancestor` shares `label`.
bool joined_on(const Model& model, int node, int ancestor, const std::string& label);

}  // namespace symptree
