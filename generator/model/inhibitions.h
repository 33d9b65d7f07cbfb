// "Most specific wins": which alerts of the flowchart silence which, and the
// Alertmanager inhibit rules that say so. A firing cause silences each alerting
// ancestor on the same join_on labels (unless the cause is less urgent: a
// ticket never silences a page); a node's `inhibits:` adds explicit pairs.
// Absence alerts, which all share one name, take part in no rule.
// A cluster-scoped alert has no join_on labels: as a source it mutes its
// targets whatever their labels (equal on nothing but the service); as a target
// it is never muted by a host-scoped cause (one host's explanation must not
// hide a cluster-wide fault). See docs/alertmanager.md.
#pragma once

#include <vector>

#include "generator/model/model.h"

namespace symptree {

// The alerts that silence one alerting node.
struct Inhibition {
  int target = -1;            // node index
  std::vector<int> sources;   // alerting descendants at least as urgent, and explicit inhibitors: equal on the labels
                              // of both join sets (model.shared_join)
  std::vector<int> cluster_sources;  // the same, cluster-scoped: equal on nothing but the service
  std::vector<int> spared;    // less urgent alerting descendants, which do not silence it
  std::vector<int> unmatched;  // alerting descendants sharing no join label with it (host-scoped under a cluster
                               // fact, `[node]` under `[namespace]`), which do not silence it
};

// The sources of `entry` grouped by the labels each shares with the target's
// join set (its inhibit rule's `equal:`), those sharing some first; the
// cluster-scoped sources last, sharing none.
std::vector<std::pair<std::vector<std::string>, std::vector<int>>> sources_by_equal(const Model& model,
                                                                                    const Inhibition& entry);

// One entry per alerting node that something silences or spares, in tree order.
std::vector<Inhibition> plan_inhibitions(const Model& model);

// A chain of nodes each silencing the next and the last the first, or empty.
// Alerts on such a cycle, firing together, would all be muted.
std::vector<int> find_inhibition_cycle(const Model& model);

// Whether `source`'s alert can silence `target`'s: a cluster-scoped source
// any target; else a target sharing a join label with it. A host-scoped
// alert cannot say which of a cluster fact's, nor a node's which of a
// namespace's (no label to be equal on): it would mute them everywhere.
bool can_inhibit(const Model& model, int source, int target);

// The rules for Alertmanager: per silenced node, one for its host-scoped
// sources (matching on `service` and `node`, equal on join_on) and one for its
// cluster-scoped sources (no `equal`).
std::vector<AmInhibitRule> generated_inhibit_rules(const Model& model);

}  // namespace symptree
