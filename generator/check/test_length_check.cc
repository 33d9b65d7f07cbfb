// The reach of each window, offset and subquery against the tests' length.
#include "generator/check/test_length_check.h"

#include "common/duration.h"
#include "generator/model/range_windows.h"
#include "generator/promql/ast.h"

namespace symptree {
namespace {

// How far back from an evaluation `node` reads, and where that is written
// (the window, or the offset when there is no window); 0 for other nodes.
struct Reach {
  int64_t ms = 0;
  size_t at = 0;
};

Reach reach_of(const promql::Node& node) {
  auto offset_of = [](const promql::TimeModifiers& time) { return time.offset_ms.value_or(0) > 0 ? *time.offset_ms : 0; };
  switch (node.kind) {
    case promql::NodeKind::MatrixSelector:
      return {node.range_ms + offset_of(node.child(0).time), node.range_pos.start};
    case promql::NodeKind::Subquery:
      return {node.range_ms + offset_of(node.time), node.range_pos.start};
    case promql::NodeKind::VectorSelector:
      return {offset_of(node.time), node.time.offset_pos.start};
    default: return {};
  }
}

// The shortest whole-minute (or whole-second, under a minute) interval that
// keeps `reach_ms` within kMaxTestSteps evaluations.
std::string interval_for(int64_t reach_ms) {
  int64_t needed = (reach_ms + kMaxTestSteps - 1) / kMaxTestSteps;
  int64_t unit = needed >= 60000 ? 60000 : 1000;
  return format_duration((needed + unit - 1) / unit * unit);
}

}  // namespace

void check_windows_fit_tests(const Model& model, Diagnostics& diagnostics) {
  int64_t step = model.test_interval.ms;
  if (step <= 0) return;
  for (const Node& node : model.nodes) {
    if (!node.when || !node.when->analysis.ast || node.examples) continue;
    bool reported = false;
    promql::walk(*node.when->analysis.ast, [&](const promql::Node& part) {
      Reach reach = reach_of(part);
      if (reported || reach.ms / step <= kMaxTestSteps) return;
      reported = true;
      diagnostics.error(node.when->position_at(reach.at),
                        "'" + node.id + "' reads " + format_duration(reach.ms) + " back: its tests would need " +
                            std::to_string(reach.ms / step) + " evaluations at the tests' interval " +
                            model.test_interval.text + "; the limit is " + std::to_string(kMaxTestSteps),
                        "set tests: {interval: " + interval_for(reach.ms) + "} or longer, or shorten the window");
    });
  }
}

}  // namespace symptree
