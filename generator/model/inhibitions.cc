// Inhibitions from the tree and from `inhibits:`.
#include "generator/model/inhibitions.h"

#include <algorithm>
#include <functional>
#include <map>

#include "generator/model/alert_labels.h"
#include "generator/model/am_matcher.h"

namespace symptree {
namespace {

bool is_alert(const Model& model, int node) { return model.nodes[node].kind == NodeKind::Alert; }

void add_unique(std::vector<int>& list, int value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

std::string alert_list(const Model& model, const std::vector<int>& nodes) {
  std::string out;
  for (int n : nodes) out += (out.empty() ? "" : ", ") + model.nodes[n].alert_name;
  return out;
}

void remove(std::vector<int>& list, int value) { list.erase(std::remove(list.begin(), list.end(), value), list.end()); }

// The rule muting `target` while any of `sources` fires; equal on `equal`.
AmInhibitRule inhibit_rule(const Model& model, const Node& target, const std::vector<int>& sources,
                           const std::vector<std::string>& equal) {
  std::vector<std::string> ids;
  for (int s : sources) ids.push_back(model.nodes[s].id);
  AmInhibitRule rule;
  rule.source = {label_equals(kServiceLabel, model.service), one_of(kNodeLabel, ids)};
  rule.target = {label_equals(kServiceLabel, model.service), label_equals(kNodeLabel, target.id)};
  rule.equal = equal;
  std::string labels;
  for (const std::string& label : equal) labels += (labels.empty() ? "" : ", ") + label;
  rule.comment = target.alert_name + " is silenced while " + std::string(sources.size() > 1 ? "any of " : "") +
                 alert_list(model, sources) +
                 (equal.empty() ? " fires anywhere in the cluster" : " fires with the same " + labels);
  return rule;
}

}  // namespace

// The sources of `entry` by the labels each shares with the target's join set
// (`equal:`), those sharing some first; cluster-scoped sources share none.
std::vector<std::pair<std::vector<std::string>, std::vector<int>>> sources_by_equal(const Model& model,
                                                                                    const Inhibition& entry) {
  std::map<std::vector<std::string>, std::vector<int>> groups;
  for (int source : entry.sources) {
    std::vector<std::string> equal = model.shared_join(entry.target, source);
    groups[equal].push_back(source);
  }
  for (int source : entry.cluster_sources) groups[{}].push_back(source);
  std::vector<std::pair<std::vector<std::string>, std::vector<int>>> result;
  for (auto& [equal, sources] : groups) {
    if (!equal.empty()) result.emplace_back(equal, sources);
  }
  if (groups.count({})) result.emplace_back(std::vector<std::string>{}, groups[{}]);
  return result;
}

bool can_inhibit(const Model& model, int source, int target) {
  if (model.is_cluster(source)) return true;
  return !model.is_cluster(target) && !model.shared_join(target, source).empty();
}

std::vector<Inhibition> plan_inhibitions(const Model& model) {
  std::map<int, Inhibition> by_target;
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    int source = static_cast<int>(i);
    if (!is_alert(model, source)) continue;
    for (int a = model.nodes[source].parent; a >= 0; a = model.nodes[a].parent) {
      if (!is_alert(model, a)) continue;
      Inhibition& entry = by_target[a];
      entry.target = a;
      std::vector<int>& muting = model.is_cluster(source) ? entry.cluster_sources : entry.sources;
      // A larger index in the matrix is less urgent.
      if (!can_inhibit(model, source, a)) add_unique(entry.unmatched, source);
      else add_unique(model.nodes[source].priority <= model.nodes[a].priority ? muting : entry.spared, source);
    }
    for (const NodeRef& ref : model.nodes[source].inhibits) {
      // A host-scoped `inhibits:` of a cluster-scoped node is reported by the spec reader.
      if (ref.index < 0 || ref.index == source || !is_alert(model, ref.index) || !can_inhibit(model, source, ref.index))
        continue;
      Inhibition& entry = by_target[ref.index];
      entry.target = ref.index;
      add_unique(model.is_cluster(source) ? entry.cluster_sources : entry.sources, source);
      remove(entry.spared, source);
    }
  }
  std::vector<Inhibition> result;
  for (auto& [target, entry] : by_target) {
    std::sort(entry.sources.begin(), entry.sources.end());
    std::sort(entry.cluster_sources.begin(), entry.cluster_sources.end());
    result.push_back(std::move(entry));
  }
  return result;
}

std::vector<int> find_inhibition_cycle(const Model& model) {
  std::map<int, std::vector<int>> silences;  // source -> targets
  for (const Inhibition& entry : plan_inhibitions(model)) {
    for (int source : entry.sources) silences[source].push_back(entry.target);
    for (int source : entry.cluster_sources) silences[source].push_back(entry.target);
  }
  std::vector<int> state(model.nodes.size(), 0);  // 0 new, 1 on the stack, 2 done
  std::vector<int> stack;
  std::vector<int> cycle;
  std::function<bool(int)> visit = [&](int node) {
    state[node] = 1;
    stack.push_back(node);
    for (int next : silences[node]) {
      if (state[next] == 1) {
        cycle.assign(std::find(stack.begin(), stack.end(), next), stack.end());
        return true;
      }
      if (state[next] == 0 && visit(next)) return true;
    }
    stack.pop_back();
    state[node] = 2;
    return false;
  };
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    if (state[i] == 0 && visit(static_cast<int>(i))) return cycle;
  }
  return {};
}

std::vector<AmInhibitRule> generated_inhibit_rules(const Model& model) {
  std::vector<AmInhibitRule> rules;
  for (const Inhibition& entry : plan_inhibitions(model)) {
    const Node& target = model.nodes[entry.target];
    size_t before = rules.size();
    for (const auto& [equal, sources] : sources_by_equal(model, entry)) {
      rules.push_back(inhibit_rule(model, target, sources, equal));
    }
    if (rules.size() == before) continue;  // nothing silences it: no rule to comment
    if (!entry.spared.empty()) rules.back().comment += "; not by the less urgent " + alert_list(model, entry.spared);
    if (!entry.unmatched.empty()) {
      rules.back().comment += "; not by " + alert_list(model, entry.unmatched) + " (no join label in common)";
    }
  }
  return rules;
}

}  // namespace symptree
