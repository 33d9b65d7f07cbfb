// Inhibitions from the tree and from `inhibits:`.
#include "generator/model/inhibitions.h"

#include <algorithm>
#include <functional>
#include <map>

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

}  // namespace

std::vector<Inhibition> plan_inhibitions(const Model& model) {
  std::map<int, Inhibition> by_target;
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    int source = static_cast<int>(i);
    if (!is_alert(model, source)) continue;
    for (int a = model.nodes[source].parent; a >= 0; a = model.nodes[a].parent) {
      if (!is_alert(model, a)) continue;
      Inhibition& entry = by_target[a];
      entry.target = a;
      // A larger index in the matrix is less urgent.
      add_unique(model.nodes[source].priority <= model.nodes[a].priority ? entry.sources : entry.spared, source);
    }
    for (const NodeRef& ref : model.nodes[source].inhibits) {
      if (ref.index < 0 || ref.index == source || !is_alert(model, ref.index)) continue;
      Inhibition& entry = by_target[ref.index];
      entry.target = ref.index;
      add_unique(entry.sources, source);
      entry.spared.erase(std::remove(entry.spared.begin(), entry.spared.end(), source), entry.spared.end());
    }
  }
  std::vector<Inhibition> result;
  for (auto& [target, entry] : by_target) {
    std::sort(entry.sources.begin(), entry.sources.end());
    result.push_back(std::move(entry));
  }
  return result;
}

std::vector<int> find_inhibition_cycle(const Model& model) {
  std::map<int, std::vector<int>> silences;  // source -> targets
  for (const Inhibition& entry : plan_inhibitions(model)) {
    for (int source : entry.sources) silences[source].push_back(entry.target);
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
    std::string comment = target.alert_name;
    if (!entry.sources.empty()) {
      std::vector<std::string> ids;
      for (int s : entry.sources) ids.push_back(model.nodes[s].id);
      AmInhibitRule rule;
      rule.source = {label_equals("service", model.service), one_of("node", ids)};
      rule.target = {label_equals("service", model.service), label_equals("node", target.id)};
      rule.equal = model.join_on;
      std::string labels;
      for (const std::string& label : model.join_on) labels += (labels.empty() ? "" : ", ") + label;
      comment += " is silenced while " + std::string(entry.sources.size() > 1 ? "any of " : "") +
                 alert_list(model, entry.sources) + " fires with the same " + labels;
      if (!entry.spared.empty()) comment += "; not by the less urgent " + alert_list(model, entry.spared);
      rule.comment = comment;
      rules.push_back(std::move(rule));
    }
  }
  return rules;
}

}  // namespace symptree
