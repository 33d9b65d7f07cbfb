// Each node's test shape (promql/test_shape.h) worked out once and kept: a
// rule group's cases add the same nodes' facts again and again, and deriving
// the shape from the syntax tree each time was a tenth of planning them.
#pragma once

#include <optional>
#include <unordered_map>

#include "generator/model/model.h"
#include "generator/promql/test_shape.h"

namespace symptree {

// A lazily filled table of shapes. Not thread-safe: one per rule group, used
// by the thread planning it. `model` must outlive it.
class TestShapes {
 public:
  explicit TestShapes(const Model& model) : model_(model) {}
  // The shape of `node`'s condition; nullptr when it has no condition, does
  // not parse, or is not a derivable shape. Stays valid as long as the table.
  const promql::TestShape* of(int node);

 private:
  const Model& model_;
  std::unordered_map<int, std::optional<promql::TestShape>> shapes_;  // node-based: entries never move
};

}  // namespace symptree
