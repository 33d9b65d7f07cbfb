// "Most specific wins": which alerts of the flowchart silence which, and the
// Alertmanager inhibit rules that say so. A firing cause silences each alerting
// ancestor on the same join_on labels (unless the cause is less urgent: a
// ticket never silences a page); a node's `inhibits:` adds explicit pairs.
// Absence alerts, which all share one name, take part in no rule.
#pragma once

#include <vector>

#include "generator/model/model.h"

namespace symptree {

// The alerts that silence one alerting node.
struct Inhibition {
  int target = -1;            // node index
  std::vector<int> sources;   // alerting descendants at least as urgent, and explicit inhibitors
  std::vector<int> spared;    // less urgent alerting descendants, which do not silence it
};

// One entry per alerting node that something silences or spares, in tree order.
std::vector<Inhibition> plan_inhibitions(const Model& model);

// A chain of nodes each silencing the next and the last the first, or empty.
// Alerts on such a cycle, firing together, would all be muted.
std::vector<int> find_inhibition_cycle(const Model& model);

// The rules for Alertmanager: one per silenced node, matching on `service`
// and `node`, equal on join_on.
std::vector<AmInhibitRule> generated_inhibit_rules(const Model& model);

}  // namespace symptree
