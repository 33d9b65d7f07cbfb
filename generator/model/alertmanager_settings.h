// What the spec says about Alertmanager beyond the matrix and the receivers:
// the version it targets, the default receiver, and what a hand-written merge
// file adds (routes, receivers, inhibit rules, and sections passed through).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/duration.h"

namespace symptree {

// An Alertmanager release, "0.25"; fields some releases lack are checked against it.
struct AmVersion {
  int major = 0;
  int minor = 25;

  bool at_least(const AmVersion& other) const {
    return major != other.major ? major > other.major : minor >= other.minor;
  }
  std::string text() const { return std::to_string(major) + "." + std::to_string(minor); }
};

// One label matcher in Alertmanager's syntax: label op "value".
struct AmMatcher {
  std::string label;
  std::string op;  // =, !=, =~, !~
  std::string value;
  SourcePosition where;
};

// A node of the routing tree. Empty or unset fields inherit the parent's.
struct AmRoute {
  std::vector<AmMatcher> matchers;
  std::string receiver;
  std::vector<std::string> group_by;
  std::optional<Duration> group_wait, group_interval, repeat_interval;
  bool continue_matching = false;
  std::vector<std::string> mute_time_intervals, active_time_intervals;
  std::vector<AmRoute> routes;
  std::string comment;  // one line written above the route
  SourcePosition where;
};

// An inhibit rule: while an alert matching `source` fires, alerts matching
// `target` with the same `equal` labels are muted.
struct AmInhibitRule {
  std::vector<AmMatcher> source;
  std::vector<AmMatcher> target;
  std::vector<std::string> equal;
  std::string comment;
  SourcePosition where;
};

// A top-level section of the merge file passed through as written (receivers,
// time_intervals, templates, global), already rendered as YAML text.
struct AmPassThrough {
  std::string key;
  std::string yaml;  // "key:\n..." or, for receivers, list items only
};

// The spec's `alertmanager:` section and what its merge file adds.
struct AlertmanagerSettings {
  AmVersion version;
  std::string default_receiver;  // empty: the least urgent priority's receiver
  std::string merge_file;        // as written, relative to the spec; empty when none
  std::string merge_path;        // as opened: the folder of the file holding `alertmanager:` joined with merge_file
  std::vector<AmRoute> merged_routes;
  std::vector<AmInhibitRule> merged_inhibit_rules;
  std::vector<std::string> merged_receiver_names;
  std::vector<AmPassThrough> merged_sections;
  // Where the section and its keys are written (line 0 when not written).
  SourcePosition section_where, version_where, default_receiver_where, merge_where;
};

// A reference from one node to another by id (`inhibits: [queries_slow]`).
struct NodeRef {
  std::string id;
  int index = -1;  // resolved after the whole tree is read
  SourcePosition where;
};

}  // namespace symptree
