// The selectors whose absence is alerted: every metric the alerting nodes
// read, and for a metric of a declared source the condition's matchers on the
// labels that source lists (`node_filesystem_avail_bytes{mountpoint="/data"}`):
// such a series missing while others of the metric exist (a wrong mount path,
// a database that was renamed) leaves the condition as blind as a missing
// metric. Matchers on labels the source does not list are dropped: series
// with such values (`code=~"5.."`, `reason="CrashLoopBackOff"`) often exist
// only while something is wrong. The service's and symptree-exporter's
// metrics are watched by name alone.
#pragma once

#include <string>
#include <vector>

#include "generator/model/model.h"
#include "generator/promql/ast.h"

namespace symptree {

// One matcher an absence selector keeps: `label op "value"`, value unquoted.
struct KeptMatcher {
  std::string label;
  promql::MatchOp op = promql::MatchOp::Equal;
  std::string value;

  std::string text() const;  // label="value", label=~"regex", ... (PromQL-quoted)
  bool operator<(const KeptMatcher& other) const;
  bool operator==(const KeptMatcher& other) const;
};

// One watched selector and the alerting nodes that read it, in tree order.
struct WatchedSelector {
  std::string metric;
  std::vector<KeptMatcher> matchers;  // sorted and distinct; empty but for a declared source's metric
  std::vector<int> readers;
};

// `metric`, or `metric{a="x",b!~"y"}` with the matchers as kept.
std::string selector_text(const std::string& metric, const std::vector<KeptMatcher>& matchers);

// One per distinct (metric, kept matchers), in first-use order; none for a
// metric with `absence_alert: false`, or a built-in one (up, ALERTS, ...).
std::vector<WatchedSelector> watched_selectors(const Model& model);

}  // namespace symptree
