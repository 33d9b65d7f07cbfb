// Explaining one alert or node of the flowchart.
#include "generator/report/explain.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "common/join.h"
#include "generator/emit/flowchart_text.h"
#include "generator/model/inhibitions.h"
#include "generator/model/routing.h"
#include "generator/promql/condition.h"
#include "generator/promql/lexer.h"

namespace symptree {
namespace {

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out += prefix;
  }
  return out;
}

// "threshold > 5" ("> 26 * 3600 (= 93600)") for a condition compared with a
// constant; with several comparisons each names its side ("threshold a > 5;
// b == 0", whether they are joined by and, or or unless); "" when nothing is
// compared with a constant.
std::string threshold_text(const Condition& condition) {
  if (!condition.analysis.ast) return "";
  const std::string& expr = condition.expr;
  std::vector<std::pair<std::string, std::string>> found;  // (side, "OP threshold (= value)")
  promql::walk(*condition.analysis.ast, [&](const promql::Node& node) {
    if (node.kind != promql::NodeKind::Binary || !promql::is_comparison(node.binary_op)) return;
    std::string op = promql::binary_op_text(node.binary_op);
    const promql::Node* side = &node.child(0);
    std::optional<ConstantThreshold> threshold = constant_threshold(node.child(1), expr);
    if (!threshold) {
      threshold = constant_threshold(node.child(0), expr);
      side = &node.child(1);
      op = flipped_comparison(op);
    }
    if (!threshold) return;
    std::string number = threshold->value.to_string();  // a constant expression shows its value too
    found.emplace_back(expr.substr(side->pos.start, side->pos.end - side->pos.start),
                       op + " " + threshold->text + (number == threshold->text ? "" : " (= " + number + ")"));
  });
  std::string out;
  for (const auto& [side, comparison] : found) {
    out += (out.empty() ? "threshold " : "; ") + (found.size() > 1 ? side + " " : "") + comparison;
  }
  return out;
}

void write_path(const Model& model, int node, std::ostream& out) {
  std::vector<int> path;
  for (int at = node; at >= 0; at = model.nodes[at].parent) path.insert(path.begin(), at);
  out << "\nPath from the root:\n";
  for (size_t step = 0; step < path.size(); ++step) {
    const Node& n = model.nodes[path[step]];
    out << "  " << step + 1 << ". " << n.title << "  [" << n.id << "]\n";
    if (n.when) {
      out << "     asks: " << n.when->expr << "  (for " << n.for_duration.text << ")\n";
      if (std::string threshold = threshold_text(*n.when); !threshold.empty()) out << "           " << threshold << "\n";
    } else if (n.kind == NodeKind::Group) {
      out << "     (groups its causes; no condition of its own)\n";
    }
  }
}

// ", where its parent 'x' holds on the same (namespace)": the labels a cause
// joins its nearest alerting ancestor on (`and on (...)`), "" for a symptom.
std::string parent_join_text(const Model& model, const AlertRule& rule) {
  if (rule.node < 0) return "";
  int parent = model.nodes[rule.node].parent;
  while (parent >= 0 && model.nodes[parent].kind != NodeKind::Alert) parent = model.nodes[parent].parent;
  if (parent < 0) return "";
  std::vector<std::string> shared = model.shared_join(rule.node, parent);
  std::string text = ", where its parent '" + model.nodes[parent].id + "' holds";
  if (shared.empty()) return text + " anywhere (and on ())";
  text += " on the same (";
  for (size_t i = 0; i < shared.size(); ++i) text += (i ? ", " : "") + shared[i];
  return text + ")";
}

void write_alert(const Model& model, const AlertRule& rule, std::ostream& out) {
  if (rule.cluster) {
    out << "\nFires once for the cluster (cluster-scoped: no ";
  } else {
    out << "\nFires per (";
  }
  // A cluster fact has none of the spec's join labels; any other alert carries its node's
  // (an absence alert, those it is grouped by).
  const std::vector<std::string>& labels = rule.node < 0 ? (rule.cluster ? model.join_on : rule.absence_by)
                                          : rule.cluster ? model.join_on : model.join_of(rule.node);
  for (size_t i = 0; i < labels.size(); ++i) out << (i ? ", " : "") << labels[i];
  out << (rule.cluster ? " label)" : ")") << parent_join_text(model, rule) << ", for " << rule.for_duration.text
      << ":\n" << indent(rule.expr, "  ") << "\n";
}

void write_diagnostics(const Model& model, int node, std::ostream& out) {
  std::vector<const DiagnosticCommand*> commands = diagnostics_for(model, node);
  if (commands.empty()) return;
  out << "\nDiagnostics:\n";
  for (const DiagnosticCommand* command : commands) {
    out << "  " << command->run << (command->why.empty() ? "" : "  # " + command->why) << "\n";
  }
  out << "  (all of a symptom at once: bash docs/diagnose.sh " << model.nodes[model.nodes[node].root].id << ")\n";
}

void write_children(const Model& model, const AlertPlan& alerts, int node, std::ostream& out) {
  const Node& n = model.nodes[node];
  if (n.children.empty()) return;
  out << "\nNext questions (its causes):\n";
  for (int child : n.children) {
    out << "  - " << model.nodes[child].title << "  [" << model.nodes[child].id << "]: "
        << enforcement_text(model, alerts, child) << "\n";
  }
}

// "first notification after 30s, repeated every 4h while it fires".
std::string timing_text(const RouteTiming& timing) {
  return "first notification after " + timing.group_wait.text + ", repeated every " + timing.repeat_interval.text +
         " while it fires";
}

// The receivers Alertmanager routes the alert to (the generated routing tree,
// merge-file routes included) and the timing each route applies: the
// priority's, or a hand-written route's own (Alertmanager's defaults where it sets none).
void write_paging(const Model& model, const AmRoute& routes, const AlertRule& rule, std::ostream& out) {
  std::vector<RouteMatch> matches = route_matches(routes, alert_labels(rule));
  std::string receivers;
  bool one_timing = true;
  for (const RouteMatch& match : matches) {
    std::string kind;
    for (const Receiver& receiver : model.receivers) kind = receiver.name == match.receiver ? " (" + receiver.kind + ")" : kind;
    receivers += (receivers.empty() ? "" : ", ") + match.receiver + kind;
    one_timing = one_timing && timing_text(match.timing) == timing_text(matches.front().timing);
  }
  const Priority& priority = model.priorities[rule.priority];
  out << "\nPages: " << (receivers.empty() ? "no receiver" : receivers) << " with severity " << priority.severity
      << "; " << priority_text(priority) << "\n";
  for (const RouteMatch& match : matches) {
    out << "       " << (one_timing ? "" : match.receiver + ": ") << timing_text(match.timing) << "\n";
    if (one_timing) break;
  }
}

std::string alert_names(const Model& model, const std::vector<int>& nodes) {
  std::vector<std::string> names;
  for (int n : nodes) names.push_back(model.nodes[n].alert_name);
  return join(names, ", ");
}

// Which alerts silence the node's in Alertmanager, on which labels, and
// which of its causes do not (less urgent, or no join label in common).
void write_silencing(const Model& model, int node, std::ostream& out) {
  for (const Inhibition& entry : plan_inhibitions(model)) {
    if (entry.target != node) continue;
    for (const auto& [equal, sources] : sources_by_equal(model, entry)) {  // as its inhibit rules say
      out << "\nSilenced while " << alert_names(model, sources)
          << (equal.empty() ? " fires anywhere in the cluster" : " fires with the same " + join(equal, ", ")) << "\n";
    }
    if (!entry.spared.empty()) out << "Not silenced by the less urgent " << alert_names(model, entry.spared) << "\n";
    if (!entry.unmatched.empty()) {
      out << "Not silenced by " << alert_names(model, entry.unmatched)
          << ": no join label in common, so their alerts cannot say which of its alerts they explain\n";
    }
  }
}

std::string explain_node(const Compilation& c, int node) {
  const Model& model = c.model;
  const Node& n = model.nodes[node];
  const AlertRule* rule = c.alerts.rule_for_node(node);
  std::ostringstream out;
  out << (rule ? rule->name : n.id) << ": " << model.path_text(node) << "\n";
  out << "  node " << n.id << " · " << enforcement_text(model, c.alerts, node);
  if (n.priority >= 0) out << " · " << priority_text(model.priority_of(node));
  out << "\n";
  if (!n.description.empty() && n.description != n.title) out << "  " << n.description << "\n";
  write_path(model, node, out);
  if (rule) write_alert(model, *rule, out);
  if (n.runbook) out << "\nRunbook: " << n.runbook->url << "\n         (" << runbook_text(*n.runbook) << ")\n";
  write_diagnostics(model, node, out);
  if (rule) {
    write_paging(model, c.routes, *rule, out);
    size_t index = c.alerts.rule_by_node.at(node);
    out << "Tests: " << c.tests.cases_per_rule[index] << " promtool cases (symptree coverage runs them)\n";
    write_silencing(model, node, out);
  } else if (n.kind == NodeKind::Manual) {
    out << "\nNo alert: " << n.manual_reason << "\n";
  }
  write_children(model, c.alerts, node, out);
  return out.str();
}

std::string explain_absence(const Compilation& c, const std::string& name) {
  std::ostringstream out;
  out << name << ": a metric the flowchart reads is missing while the scrape job that reports it is up (for "
      << c.model.absence_for.text << "), so the branches reading it could not fire.\n\nWatched metrics:\n";
  for (const AlertRule& rule : c.alerts.rules) {
    if (rule.node < 0 && rule.name == name) {
      const Source* source = c.model.source_of(rule.absent_metric);
      out << "  " << selector_text(rule.absent_metric, rule.absent_matchers) << "  ("
          << c.model.priorities[rule.priority].name << (source ? ", job " + source->job : std::string()) << ")\n";
    }
  }
  return out.str();
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The candidate closest to `name`, ignoring case and the alert prefix.
std::string closest_name(const Model& model, const std::string& name, const std::vector<std::string>& candidates) {
  std::vector<std::string> lowered;
  for (const std::string& candidate : candidates) lowered.push_back(lowercase(candidate));
  for (const std::string& guess : {lowercase(name), lowercase(model.alert_prefix + name)}) {
    std::string best = closest_match(guess, lowered);
    if (!best.empty()) return candidates[std::find(lowered.begin(), lowered.end(), best) - lowered.begin()];
  }
  return "";
}

}  // namespace

std::optional<std::string> explain(const Compilation& c, const std::string& name, std::string& error) {
  if (int node = c.model.find_node(name); node >= 0) return explain_node(c, node);
  std::vector<std::string> candidates;
  for (const AlertRule& rule : c.alerts.rules) {
    if (rule.name != name) {
      candidates.push_back(rule.name);
      continue;
    }
    return rule.node >= 0 ? explain_node(c, rule.node) : explain_absence(c, name);
  }
  for (const Node& node : c.model.nodes) candidates.push_back(node.id);
  std::string hint = closest_name(c.model, name, candidates);
  error = "no alert or node named '" + name + "'" +
          (hint.empty() ? "; `symptree coverage` lists them" : "; did you mean '" + hint + "'?");
  return std::nullopt;
}

}  // namespace symptree
