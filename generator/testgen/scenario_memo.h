// What the scenario builders of one rule group share, worked out once and
// kept: each node's test shape (promql/test_shape.h), and each selector's
// series on a test host. A group's cases add the same nodes' facts again and
// again; deriving the shape from the syntax tree and naming the series each
// time were a sixth of planning them.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "generator/model/model.h"
#include "generator/promql/test_shape.h"
#include "generator/testgen/test_hosts.h"

namespace symptree {

// Lazily filled tables. Not thread-safe: one per rule group, used by the
// thread planning it. `model` must outlive it.
class ScenarioMemo {
 public:
  explicit ScenarioMemo(const Model& model) : model_(model) {}
  // The shape of `node`'s condition; nullptr when it has no condition, does
  // not parse, or is not a derivable shape. Stays valid as long as the memo.
  const promql::TestShape* shape(int node);

  // A selector's series on a test host: its labels, and its key in a
  // scenario (the host's suffix and the series selector).
  struct Series {
    std::map<std::string, std::string> labels;
    std::string key;
  };
  // The series of `selector` (part of one of this memo's shapes) on `host`,
  // for a node whose series carry the join labels `join` on a path that pins
  // `pins`: made by `make` the first time. Stays valid as long as the memo.
  const Series& series(const promql::ShapeSelector& selector, TestHost host, const std::vector<std::string>* join,
                       const PinnedValues& pins, const std::function<Series()>& make);

 private:
  using SeriesKey = std::tuple<const promql::ShapeSelector*, TestHost, const std::vector<std::string>*, PinnedValues>;

  const Model& model_;
  std::unordered_map<int, std::optional<promql::TestShape>> shapes_;  // node-based: entries never move
  std::map<SeriesKey, Series> series_;
};

}  // namespace symptree
