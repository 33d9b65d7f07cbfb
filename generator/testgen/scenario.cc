// Turning facts about nodes into promtool input series.
#include "generator/testgen/scenario.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "common/probe_catalog.h"
#include "generator/model/join_pins.h"
#include "generator/promql/label_inference.h"
#include "generator/promql/parser.h"
#include "common/quoting.h"

namespace symptree {
namespace {

// "-a", "-b", ...: two characters, so a slot key's host is its first two.
std::string host_suffix(TestHost host) { return std::string("-") + static_cast<char>('a' + static_cast<int>(host)); }

// Whether every label of `small` is in `large` with the same value.
bool is_subset(const std::map<std::string, std::string>& small, const std::map<std::string, std::string>& large) {
  for (const auto& [label, value] : small) {
    auto it = large.find(label);
    if (it == large.end() || it->second != value) return false;
  }
  return true;
}

// Whether `labels` meet every equality matcher of the selector `selector`.
bool matches_equal(const promql::Node& selector, const std::map<std::string, std::string>& labels) {
  for (const promql::Matcher& matcher : selector.matchers) {
    if (matcher.op != promql::MatchOp::Equal || matcher.name == "__name__") continue;
    auto it = labels.find(matcher.name);
    if ((it == labels.end() ? std::string() : it->second) != matcher.value) return false;
  }
  return true;
}

// The labels a condition matches its sides on (`on (node)`) and selects no
// value of: the entity a series is about (a node), which the examples write.
// `node!=""` only requires the label; `node="x"` and `node=~"x|y"` select values.
std::set<std::string> matched_entity_labels(const promql::Node& ast) {
  std::set<std::string> matched, selected;
  promql::walk(ast, [&](const promql::Node& n) {
    if (n.kind == promql::NodeKind::Binary && n.matching && n.matching->on) {
      matched.insert(n.matching->labels.begin(), n.matching->labels.end());
    }
    for (const promql::Matcher& matcher : n.matchers) {
      if (matcher.op == promql::MatchOp::Equal || matcher.op == promql::MatchOp::Regex) selected.insert(matcher.name);
    }
  });
  for (const std::string& label : selected) matched.erase(label);
  return matched;
}

}  // namespace

std::string series_selector(const std::string& metric, const std::map<std::string, std::string>& labels) {
  std::string out = metric + "{";
  bool first = true;
  for (const auto& [label, value] : labels) {
    out += (first ? "" : ",") + label + "=" + double_quote(value);
    first = false;
  }
  return out + "}";
}

namespace {

// The value of join label `label` on `host`: made up, or pinned on host A.
std::string host_value(const std::string& label, TestHost host, const PinnedValues& pins) {
  auto pinned = pins.find(label);
  if (host == TestHost::A && pinned != pins.end()) return pinned->second;
  return label + host_suffix(host);
}

}  // namespace

std::map<std::string, std::string> host_labels(const std::vector<std::string>& join, TestHost host,
                                               const PinnedValues& pins) {
  std::map<std::string, std::string> labels;
  for (const std::string& label : join) labels[label] = host_value(label, host, pins);
  return labels;
}

std::map<std::string, std::string> host_labels(const Model& model, TestHost host) {
  return host_labels(model.join_on, host);
}

std::map<std::string, std::string> host_labels(const Model& model, int node, TestHost host,
                                               const PinnedValues& pins) {
  return host_labels(model.series_join(node), host, pins);
}

std::map<std::string, std::string> source_target(const std::vector<std::string>& join, const Source& source,
                                                 TestHost host, const PinnedValues& pins) {
  std::map<std::string, std::string> labels;
  for (const std::string& label : join) {
    if (source.carries(label)) labels[label] = host_value(label, host, pins);
  }
  std::string first = labels.empty() ? source.name + host_suffix(host) : labels.begin()->second;
  labels["instance"] = first + ":" + source.name;
  labels["job"] = source.job;
  return labels;
}

std::map<std::string, std::string> source_target(const Model& model, const Source& source, TestHost host) {
  return source_target(model.join_on, source, host);
}

// Join labels plus the scrape target's instance and job: the exporter and the
// service are different targets on the same host, as in production; a
// declared source's series carry only the join labels it lists.
std::map<std::string, std::string> ScenarioBuilder::target_labels(const std::string& metric, TestHost host) const {
  const std::vector<std::string>& join = join_ ? *join_ : model_.join_on;
  if (const Source* source = model_.source_of(metric)) return source_target(join, *source, host, pins_);
  std::map<std::string, std::string> labels = host_labels(join, host, pins_);
  std::string first = labels.begin()->second;
  bool from_exporter = probe_for_metric(metric) != nullptr;
  labels["instance"] = first + (from_exporter ? ":9188" : ":service");
  labels["job"] = from_exporter ? model_.exporter_job : model_.service_job;
  return labels;
}

ScenarioBuilder::Slot* ScenarioBuilder::slot_for(const promql::ShapeSelector& selector, TestHost host, Role role,
                                                 const promql::Term* term, std::string& key, std::string& error) {
  std::map<std::string, std::string> labels = target_labels(selector.metric, host);
  for (const auto& [label, value] : selector.matchers) labels[label] = value;
  std::string text = series_selector(selector.metric, labels);
  key = host_suffix(host) + text;
  auto existing = slots_.find(key);
  if (existing != slots_.end()) {
    Slot& slot = existing->second;
    bool same_term = term && (slot.role == Role::Term || slot.role == Role::Divisor) && slot.term.kind == term->kind &&
                     slot.term.ratio_of == term->ratio_of && slot.term.range_ms == term->range_ms &&
                     slot.term.offset_ms == term->offset_ms;
    if (slot.role == Role::Examples) {
      error = "series " + text + " is both derived and written in examples";
    } else if (slot.role != role || (term && !same_term)) {
      error = "series " + text + " is read in two ways (a value, a rate, absent(), a divisor...) by derived conditions";
    } else {
      slot.readers.insert(adding_);
      return &slot;
    }
    return nullptr;
  }
  for (const auto& [other_key, slot] : slots_) {
    if (slot.metric != selector.metric || other_key.compare(0, 2, host_suffix(host)) != 0) continue;
    if (is_subset(slot.labels, labels) || is_subset(labels, slot.labels)) {
      error = "series " + text + " and " + series_selector(slot.metric, slot.labels) +
              " overlap, so one selector would match both";
      return nullptr;
    }
  }
  Slot slot{selector.metric, labels, role, "", term ? *term : promql::Term{}, "", {}, std::nullopt, false, {}};
  slot.readers.insert(adding_);
  return &slots_.emplace(key, std::move(slot)).first->second;
}

// holds: every part of an `and` holds, the left of an `unless` holds and its
// right does not, the first alternative of an `or` holds. Not holds: the left
// of an `and` holds and its right does not, both sides of an `unless` hold,
// no alternative of an `or` holds.
bool ScenarioBuilder::add_shape(const promql::TestShape& shape, TestHost host, bool holds, std::string& error) {
  using Kind = promql::TestShape::Kind;
  std::string key;
  switch (shape.kind) {
    case Kind::Absent:
      return slot_for(shape.absent, host, holds ? Role::Missing : Role::Present, nullptr, key, error) != nullptr;
    case Kind::And:
      return add_shape(shape.parts[0], host, true, error) && add_shape(shape.parts[1], host, holds, error);
    case Kind::Unless:
      return add_shape(shape.parts[0], host, true, error) && add_shape(shape.parts[1], host, !holds, error);
    case Kind::Or:
      if (holds) return add_shape(shape.parts[0], host, true, error);
      return add_shape(shape.parts[0], host, false, error) && add_shape(shape.parts[1], host, false, error);
    case Kind::Compare: break;
  }
  Slot* slot = slot_for(shape.term.selector, host, Role::Term, &shape.term, key, error);
  if (!slot) return false;
  slot->constraints.push_back({shape.op, shape.threshold, holds, shape.scaling});
  if (shape.term.divisor) {
    std::string divisor_key;
    if (!slot_for(*shape.term.divisor, host, Role::Divisor, &shape.term, divisor_key, error)) return false;
    slots_.at(key).divisor = divisor_key;
  }
  return true;
}

std::map<std::string, std::string> ScenarioBuilder::example_labels(int index, const ExampleSeries& example,
                                                                   TestHost host) const {
  const Node& node = model_.nodes[index];
  std::map<std::string, std::string> labels = example.labels;
  // A host-scoped node's series are its host's, to join on. A cluster-scoped
  // node's join nothing: the hosts the user wrote (one series per member)
  // stay; so do the values written on host A, which the examples fix
  // (model/join_pins.h) or give a quiet series elsewhere.
  bool keep_written = node.scope == NodeScope::Cluster || host == TestHost::A;
  const std::vector<std::string>& join = model_.series_join(index);
  for (const auto& [label, value] : host_labels(join, host, pins_)) {
    if (keep_written) labels.emplace(label, value);
    else labels[label] = value;
  }
  // Another host's copy is about another entity: the node a pod runs on
  // (`* on (node) group_right kube_pod_info`) gets a value of that host, or
  // both hosts' pods would run on one node and see each other's facts.
  if (!keep_written && node.when && node.when->analysis.ast) {
    for (const std::string& label : matched_entity_labels(*node.when->analysis.ast)) {
      if (std::find(join.begin(), join.end(), label) != join.end()) continue;  // the host's already
      auto written = labels.find(label);
      if (written != labels.end()) written->second += host_suffix(host);
    }
  }
  for (const auto& [label, value] : target_labels(example.metric, host)) labels.emplace(label, value);
  return labels;
}

bool ScenarioBuilder::add_examples(int index, TestHost host, bool holds, std::string& error) {
  const Node& node = model_.nodes[index];
  for (const ExampleSeries& example : holds ? node.examples->firing : node.examples->quiet) {
    std::map<std::string, std::string> labels = example_labels(index, example, host);
    std::string selector = series_selector(example.metric, labels);
    std::string key = host_suffix(host) + selector;
    auto existing = slots_.find(key);
    if (existing != slots_.end()) {
      Slot& slot = existing->second;
      slot.readers.insert(index);
      if (slot.role != Role::Examples) {
        error = "series " + selector + " is both derived and written in examples";
        return false;
      }
      // The node placed first is a descendant refining this ancestor on the
      // same series. Its firing series also make the ancestor hold; its quiet
      // ones give way to the ancestor's firing ones (the parent holds, the
      // cause does not); its firing series against the ancestor's quiet ones
      // is a case that cannot occur.
      if (slot.values != example.values && slot.holds && !holds) cannot_occur_ = true;
      if (!slot.holds && holds) {
        slot.values = example.values;
        slot.holds = true;
      }
      continue;
    }
    Slot slot{example.metric, labels, Role::Examples, example.values, {}, "", {}, std::nullopt, false, {}};
    slot.holds = holds;
    slot.readers.insert(index);
    slots_.emplace(key, std::move(slot));
  }
  return true;
}

bool ScenarioBuilder::add(int index, TestHost host, bool holds, std::string& error) {
  const Node& node = model_.nodes[index];
  join_ = &model_.series_join(index);
  adding_ = index;
  if (host != TestHost::A && !node_join_pins(model_, index).empty()) {
    if (holds) cannot_occur_ = true;  // it holds only where its fixed value is: host A
    return true;
  }
  if (node.examples) return add_examples(index, host, holds, error);
  const promql::Node* ast = node.when->analysis.ast.get();
  std::optional<promql::TestShape> shape = ast ? promql::test_shape(*ast, model_.is_cluster(index)) : std::nullopt;
  if (!shape) {
    error = "its condition is not a derivable shape";
    return false;
  }
  return add_shape(*shape, host, holds, error);
}

// Evaluations far enough for every window to be full, and two beyond.
int ScenarioBuilder::horizon() const {
  int64_t window = 0;
  for (const auto& [key, slot] : slots_) window = std::max(window, promql::term_window_ms(slot.term));
  int64_t step = model_.test_interval.ms;
  return static_cast<int>((window + step - 1) / step) + 3;
}

bool ScenarioBuilder::meets(const Slot& slot, const SeriesForm& form, int from, int to) const {
  int samples = std::max(horizon(), to) + 1;
  std::vector<double> divisor;
  if (!slot.divisor.empty()) divisor = divisor_series(slot.term).expand(samples);
  std::vector<double> series = form.expand(samples);
  std::vector<double> thresholds;
  for (const ValueConstraint& c : slot.constraints) {
    thresholds.push_back(c.scaling ? c.scaling->threshold : std::strtod(c.threshold.to_string().c_str(), nullptr));
  }
  for (int at = from; at <= to; ++at) {
    std::optional<double> value = term_value(slot.term, series, divisor, at, model_.test_interval.ms);
    for (size_t i = 0; i < slot.constraints.size(); ++i) {
      const ValueConstraint& c = slot.constraints[i];
      std::optional<double> compared = value;
      if (value && c.scaling) compared = c.scaling->divides ? *value / c.scaling->factor : *value * c.scaling->factor;
      if ((compared && compare_value(*compared, c.op, thresholds[i])) != c.holds) return false;
    }
  }
  return true;
}

bool ScenarioBuilder::forms_meet(int from, int to) const {
  for (const auto& [key, slot] : slots_) {
    if (slot.role == Role::Term && !meets(slot, *slot.form, from, to)) return false;
  }
  return true;
}

bool ScenarioBuilder::solve(int last) {
  last = std::max(last, horizon());
  if (solved_through_ >= last) return solvable_;
  if (solved_through_ >= 0 && solvable_ && forms_meet(solved_through_ + 1, last)) {
    solved_through_ = last;  // the values found still hold at the later evaluations
    return true;
  }
  solved_through_ = last;
  solvable_ = true;
  for (auto& [key, slot] : slots_) {
    if (slot.role == Role::Divisor) slot.form = divisor_series(slot.term);
    if (slot.role == Role::Missing) slot.form = SeriesForm{"0", "0", true};
    if (slot.role == Role::Present) slot.form = SeriesForm{"1", "0", false};
    if (slot.role != Role::Term) continue;
    const Slot& current = slot;
    std::optional<Decimal> value = solve_value(slot.constraints, [&](const Decimal& candidate) {
      std::optional<SeriesForm> form = series_for_term(current.term, candidate, model_.test_interval.ms);
      return form && meets(current, *form, horizon(), last);
    });
    if (!value) return solvable_ = false;
    slot.form = series_for_term(slot.term, *value, model_.test_interval.ms);
  }
  return true;
}

int64_t ScenarioBuilder::settle_ms() {
  if (!solve(horizon())) return -1;
  int settle = 0;
  for (const auto& [key, slot] : slots_) {
    if (slot.role != Role::Term) continue;
    int first = horizon();
    while (first > 0 && meets(slot, *slot.form, first - 1, first - 1)) --first;
    settle = std::max(settle, first);
  }
  return settle * model_.test_interval.ms;
}

bool ScenarioBuilder::left_out(const Slot& slot) const {
  if (slot.role != Role::Term) return false;
  for (const ValueConstraint& c : slot.constraints) {
    if (c.holds) return false;
  }
  for (const auto& [key, other] : slots_) {
    if (other.role != Role::Examples || other.metric != slot.metric) continue;
    for (int reader : other.readers) {
      if (model_.is_cluster(reader)) return true;
    }
  }
  return false;
}

std::optional<std::vector<TestSeries>> ScenarioBuilder::build(int samples) {
  if (cannot_occur_ || !solve(samples - 1)) return std::nullopt;
  std::vector<TestSeries> result;
  for (const auto& [key, slot] : slots_) {
    if (slot.role == Role::Missing || left_out(slot)) continue;
    std::string values = slot.role == Role::Examples ? slot.values : slot.form->notation(samples);
    result.push_back({key.substr(2), values});
  }
  return result;
}

std::map<std::string, std::string> ScenarioBuilder::result_labels(int index, TestHost host) const {
  const Node& node = model_.nodes[index];
  const promql::Node* ast = node.when->analysis.ast.get();
  std::map<std::string, std::string> labels;
  if (ast) {
    // The series of this host, by metric, in the order the condition names them.
    std::vector<const Slot*> inputs;
    promql::LabelCatalog catalog;
    std::string prefix = host_suffix(host);
    // The node's own series of a metric when it has some: an ancestor's of the
    // same metric (a cluster fact over every node) do not make its result.
    auto own = [&](const Slot& slot) { return slot.readers.count(index) > 0; };
    promql::walk(*ast, [&](const promql::Node& n) {
      if (n.kind != promql::NodeKind::VectorSelector) return;
      bool has_own = false;
      for (const auto& [key, slot] : slots_) {
        has_own = has_own || (key.compare(0, 2, prefix) == 0 && slot.metric == n.metric && own(slot) &&
                              slot.role != Role::Missing && matches_equal(n, slot.labels));
      }
      for (const auto& [key, slot] : slots_) {
        if (key.compare(0, 2, prefix) != 0 || slot.metric != n.metric || slot.role == Role::Missing) continue;
        if (!matches_equal(n, slot.labels)) continue;  // another node's series of the metric (condition="Ready")
        if (has_own && !own(slot)) continue;
        inputs.push_back(&slot);
        promql::MetricLabels& known = catalog[slot.metric];
        for (const auto& [label, value] : slot.labels) known.always.insert(label);
        known.complete = true;
      }
    });
    promql::LabelInference inferred = promql::infer_labels(*ast, catalog);
    std::set<std::string> carried = inferred.certain;
    carried.insert(inferred.possible.begin(), inferred.possible.end());
    for (const std::string& label : carried) {
      for (const Slot* slot : inputs) {
        auto it = slot->labels.find(label);
        if (label != "__name__" && it != slot->labels.end()) {
          labels.emplace(label, it->second);
          break;
        }
      }
    }
  }
  if (node.examples) {
    for (const auto& [label, value] : node.examples->labels) labels[label] = value;
  }
  return labels;
}

const ScenarioBuilder::Slot* ScenarioBuilder::find_slot(const promql::ShapeSelector& selector, TestHost host) const {
  std::map<std::string, std::string> labels = target_labels(selector.metric, host);
  for (const auto& [label, value] : selector.matchers) labels[label] = value;
  auto it = slots_.find(host_suffix(host) + series_selector(selector.metric, labels));
  return it == slots_.end() ? nullptr : &it->second;
}

std::optional<double> ScenarioBuilder::shape_value(const promql::TestShape& shape, TestHost host, int at) const {
  using Kind = promql::TestShape::Kind;
  switch (shape.kind) {
    case Kind::Absent: return 1.0;
    case Kind::And:
    case Kind::Unless: return shape_value(shape.parts[0], host, at);
    case Kind::Or: {
      std::optional<double> left = shape_value(shape.parts[0], host, at);
      return left ? left : shape_value(shape.parts[1], host, at);
    }
    case Kind::Compare: break;
  }
  const Slot* slot = find_slot(shape.term.selector, host);
  if (!slot || slot->role != Role::Term || !slot->form) return std::nullopt;
  int samples = std::max(horizon(), at) + 1;
  std::vector<double> divisor;
  if (!slot->divisor.empty()) divisor = divisor_series(slot->term).expand(samples);
  std::optional<double> value = term_value(slot->term, slot->form->expand(samples), divisor, at, model_.test_interval.ms);
  if (!value) return std::nullopt;
  double compared = *value, threshold = std::strtod(shape.threshold.to_string().c_str(), nullptr);
  if (shape.scaling) {
    compared = shape.scaling->divides ? *value / shape.scaling->factor : *value * shape.scaling->factor;
    threshold = shape.scaling->threshold;
  }
  if (!compare_value(compared, shape.op, threshold)) return std::nullopt;  // the comparison filters it out
  return compared;
}

std::optional<double> ScenarioBuilder::result_value(int index, TestHost host, int64_t eval_ms) const {
  const Node& node = model_.nodes[index];
  if (node.examples) return node.examples->value;  // the user's, checked by the tests
  if (!node.when->analysis.ast) return std::nullopt;
  join_ = &model_.series_join(index);
  std::optional<promql::TestShape> shape = promql::test_shape(*node.when->analysis.ast, model_.is_cluster(index));
  if (!shape) return std::nullopt;
  return shape_value(*shape, host, static_cast<int>(eval_ms / model_.test_interval.ms));
}

}  // namespace symptree
