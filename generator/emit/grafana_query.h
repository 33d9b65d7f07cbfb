// What a branch's dashboard panel plots, read off its condition: each side of a
// comparison becomes a query filtered by the dashboard's variables, and the
// number it is compared with becomes the panel's threshold, exactly as written.
#pragma once

#include <string>
#include <vector>

namespace symptree {

// One query of a branch panel and the threshold the alert applies to it.
struct PanelSignal {
  std::string query;           // PromQL, with the variable filters in every selector
  std::string op;              // the comparison (> < >= <= == !=), "" when none
  std::string threshold_text;  // the number compared with, as written ("0.95"); "" when none
  std::string unit;            // Grafana unit id, e.g. "s", "bytes", "percentunit", "bool", "cps"
  bool reference = false;      // the right-hand side of a comparison between two series
};

// The signals of `condition`: one per part between top-level `or`, `and` and
// `unless`; a comparison of two series gives two. `filters` is a matcher list
// such as `host=~"$host", job=~"$job", instance=~"$instance"`.
std::vector<PanelSignal> panel_signals(const std::string& condition, const std::string& filters);

// `expression` with `filters` added to every series selector.
std::string add_selector_filters(const std::string& expression, const std::string& filters);

}  // namespace symptree
