// Which labels the result of a PromQL expression carries: certainly, maybe, or
// certainly not, and for a missing label the clause that removed it (the
// `by (...)` of an aggregation, an `on (...)`, a function). Used to check that
// a node's result keeps its join labels and to know what a generated test
// should expect.
//
//   LabelInference r = infer_labels(*parse_promql("avg by (datname) (x)").expr);
//   r.presence("host") == Presence::Absent;  r.why_absent("host")->pos  // the `by (datname)`
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "generator/promql/ast.h"

namespace symptree::promql {

enum class Presence { Certain, Possible, Absent };

// What kind of clause removed a label, so a caller can say what to change
// ("add it to by (...)", "remove it from without (...)", "add it to on (...)").
enum class DropKind {
  By,           // by (...) of an aggregation: grouping_pos
  Without,      // without (...) of an aggregation: grouping_pos
  Aggregation,  // an aggregation without by (...), or its dropping of __name__: the operator
  On,           // on (...) of a one-to-one binary operator: labels_pos
  Ignoring,     // ignoring (...): labels_pos
  Group,        // group_left/group_right (...) copying a label the other side lacks: group_pos
  Function,     // a function (name_pos or the call): rate() drops __name__, histogram_quantile() le, vector() all
  Operator,     // arithmetic, bool comparisons and unary minus drop __name__: the operator
  Matcher,      // a matcher requiring the label to be empty: the matcher
  NoLabels,     // a scalar or literal
  Catalog,      // the metric's label set in the catalogue is complete
};

// The clause that removed a label, and why, e.g. {pos of `by (datname)`, "by (datname) keeps only datname", By}.
struct Drop {
  Range pos;
  std::string reason;
  DropKind kind = DropKind::NoLabels;
};

// What is known of a metric's labels (e.g. from an exporter's catalogue).
struct MetricLabels {
  std::set<std::string> always;     // every series carries these
  std::set<std::string> sometimes;  // some series may carry these
  bool complete = false;            // no other label can occur
};
// By metric name; a scrape job's own `up` also by job_up_key(job), which a
// selector `up{job="<job>"}` reads before the entry of `up`.
using LabelCatalog = std::map<std::string, MetricLabels>;
inline std::string job_up_key(const std::string& job) { return "up{job=\"" + job + "\"}"; }

struct LabelInference {
  std::set<std::string> certain;        // every result series carries these (may include __name__)
  std::set<std::string> possible;       // named labels some result series may carry
  bool open = true;                     // labels named nowhere (unknown input labels) may occur
  std::map<std::string, Drop> absent;   // named labels no result series carries, with the clause that removed them
  std::map<std::string, Drop> partial;  // possible labels some result series certainly lack (`a or b` where b's
                                        // series have none), with the clause whose series lack them
  std::optional<Drop> closed_by;        // when !open: the clause after which only certain and possible remain
  bool scalar = false;                  // the expression is a scalar (or string): no labels at all

  Presence presence(const std::string& label) const;
  // For an absent label: the clause that removed it (explicit drop, else closed_by).
  std::optional<Drop> why_absent(const std::string& label) const;
};

// Labels of `expr`'s result. Selectors of metrics in `catalog` get its label sets;
// others are open (any label may occur), with the labels their matchers require.
LabelInference infer_labels(const Node& expr, const LabelCatalog& catalog = {});

// The labels of the one series absent(sel) or absent_over_time(sel[r]) gives
// (`call`) when its selector has no series: each `=` matcher's label and
// value but __name__'s, when the selector has one such matcher for it (an
// empty value is no label). {} for another node.
std::map<std::string, std::string> absent_result_labels(const Node& call);

}  // namespace symptree::promql
