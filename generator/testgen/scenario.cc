// Turning facts about nodes into promtool input series.
#include "generator/testgen/scenario.h"

#include <algorithm>
#include <set>

#include "common/probe_catalog.h"
#include "generator/model/join_pins.h"
#include "generator/promql/label_inference.h"
#include "generator/promql/parser.h"

namespace symptree {
namespace {

// The value of `selector`'s job= matcher, or "".
std::string job_of(const promql::ShapeSelector& selector) {
  for (const auto& [label, value] : selector.matchers) {
    if (label == "job") return value;
  }
  return "";
}

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

ScenarioBuilder::ScenarioBuilder(const Model& model, PinnedValues pins, ScenarioMemo* memo)
    : model_(model),
      pins_(std::move(pins)),
      own_memo_(memo ? nullptr : std::make_unique<ScenarioMemo>(model)),
      memo_(memo ? memo : own_memo_.get()) {}

// Join labels plus the scrape target's instance and job: the exporter and the
// service are different targets on the same host, as in production; a
// declared source's series carry only the join labels it lists.
std::map<std::string, std::string> ScenarioBuilder::target_labels(const std::string& metric, TestHost host,
                                                                  const std::string& job) const {
  const std::vector<std::string>& join = join_ ? *join_ : model_.join_on;
  if (const Source* source = model_.source_of(metric)) return source_target(join, *source, host, pins_);
  if (metric == "up") {  // a source's own up: its target's labels
    for (const Source& source : model_.sources) {
      if (source.job == job) return source_target(join, source, host, pins_);
    }
  }
  std::map<std::string, std::string> labels = host_labels(join, host, pins_);
  std::string first = labels.begin()->second;
  bool from_exporter = probe_for_metric(metric) != nullptr || (metric == "up" && job == model_.exporter_job);
  labels["instance"] = first + (from_exporter ? ":9188" : ":service");
  labels["job"] = from_exporter ? model_.exporter_job : model_.service_job;
  return labels;
}

const ScenarioMemo::Series& ScenarioBuilder::series_of(const promql::ShapeSelector& selector, TestHost host) const {
  return memo_->series(selector, host, join_, pins_, [&] {
    ScenarioMemo::Series series;
    series.labels = target_labels(selector.metric, host, job_of(selector));
    for (const auto& [label, value] : selector.matchers) series.labels[label] = value;
    series.key = host_suffix(host) + series_selector(selector.metric, series.labels);
    return series;
  });
}

bool ScenarioBuilder::reads(int node, const std::string& metric, const std::map<std::string, std::string>& labels) const {
  const Node& n = model_.nodes[node];
  if (!n.when || !n.when->analysis.ast) return false;
  bool seen = false;
  promql::walk(*n.when->analysis.ast, [&](const promql::Node& selector) {
    seen = seen || (selector.kind == promql::NodeKind::VectorSelector && selector.metric == metric &&
                    matches_equal(selector, labels));
  });
  return seen;
}

bool ScenarioBuilder::entangled(const std::string& metric, const std::map<std::string, std::string>& labels,
                                TestHost host, bool examples, std::string& error) const {
  if (model_.is_cluster(adding_)) return false;  // left_out() keeps a cluster's examples as written
  for (const auto& [key, slot] : slots_) {
    if (slot.metric != metric || key.compare(0, 2, host_suffix(host)) != 0 || slot.role == Role::Missing) continue;
    bool written_there = slot.role == Role::Examples;
    if ((written_there && examples) || slot.readers.count(adding_)) continue;
    for (int reader : slot.readers) {
      if (model_.is_cluster(reader) || (!reads(reader, metric, labels) && !reads(adding_, metric, slot.labels))) {
        continue;
      }
      const std::string &self = model_.nodes[adding_].id, &other = model_.nodes[reader].id;
      if (!written_there && !examples) {  // two derived series, labelled apart (a matcher on the parent's join label)
        error = "'" + self + "' and '" + other + "' derive series of " + metric +
                " with different labels on one host, and one's condition would read the other's series: give both "
                "examples of " + metric;
        return true;
      }
      const std::string& derived = examples ? other : self;
      error = "'" + derived + "' derives series of " + metric + " on the host where the examples of '" +
              (examples ? self : other) + "' write it, and one's condition would read the other's series: give '" +
              derived + "' examples of " + metric + " too";
      return true;
    }
  }
  return false;
}

bool ScenarioBuilder::reusable(const Slot& slot, Role role, const promql::Term* term, const std::string& metric,
                               std::string& error) const {
  bool same_term = term && (slot.role == Role::Term || slot.role == Role::Divisor) && slot.term.kind == term->kind &&
                   slot.term.ratio_of == term->ratio_of && slot.term.range_ms == term->range_ms &&
                   slot.term.offset_ms == term->offset_ms;
  if (slot.role != Role::Examples && slot.role == role && (!term || same_term)) return true;
  std::string others;
  for (int reader : slot.readers) {
    if (reader != adding_) others += (others.empty() ? "'" : ", '") + model_.nodes[reader].id + "'";
  }
  std::string self = "'" + model_.nodes[adding_].id + "'";
  std::string ways = " in two ways (a value, a rate, absent(), a divisor...), so no derived series of a host serves ";
  if (slot.role == Role::Examples) {
    error = self + " derives series of " + metric + " that the examples of " + (others.empty() ? self : others) +
            " write on the same host";
  } else if (others.empty()) {  // one condition reading the metric twice
    error = self + " reads " + metric + ways + "both: give it examples of " + metric;
  } else {
    error = self + " and " + others + " read " + metric + ways + "both";
  }
  return false;
}

ScenarioBuilder::Slot* ScenarioBuilder::slot_for(const promql::ShapeSelector& selector, TestHost host, Role role,
                                                 const promql::Term* term, std::string& key, std::string& error) {
  const ScenarioMemo::Series& series = series_of(selector, host);
  const std::map<std::string, std::string>& labels = series.labels;
  key = series.key;
  if (auto alias = aliases_.find(key); alias != aliases_.end()) key = alias->second;
  // Another node's series of the metric on this host with more or fewer labels
  // (a cause's `sum by (host) (x)` over its parent's per-queue `x`): a selector
  // of the fewer would match both, so both read one series, the one with more
  // labels, which an aggregation over the host gives back unchanged.
  auto existing = slots_.find(key);
  if (existing == slots_.end()) {
    std::vector<std::string> overlapping;
    for (const auto& [other_key, slot] : slots_) {
      if (slot.metric != selector.metric || other_key.compare(0, 2, host_suffix(host)) != 0) continue;
      if (is_subset(slot.labels, labels) || is_subset(labels, slot.labels)) overlapping.push_back(other_key);
    }
    if (overlapping.size() > 1) {
      error = "'" + model_.nodes[adding_].id + "' reads " + selector.metric +
              " where other nodes' series of it on the same host carry labels of their own, so its selector would "
              "match several";
      return nullptr;
    }
    if (overlapping.size() == 1) {
      Slot& other = slots_.at(overlapping.front());
      if (!reusable(other, role, term, selector.metric, error)) return nullptr;
      if (is_subset(labels, other.labels)) {  // this node's selector has the fewer labels
        if (term && term->sums) other.summed_by = adding_;
        aliases_[key] = overlapping.front();
        key = overlapping.front();
      } else {
        if (other.term.sums) other.summed_by = *other.readers.begin();
        rekey(overlapping.front(), key, labels);
      }
      existing = slots_.find(key);
    }
  }
  if (existing == slots_.end() && role != Role::Missing && entangled(selector.metric, labels, host, false, error)) {
    return nullptr;
  }
  if (existing != slots_.end()) {
    if (!reusable(existing->second, role, term, selector.metric, error)) return nullptr;
    existing->second.readers.insert(adding_);
    return &existing->second;
  }
  Slot slot{selector.metric, labels, role, "", term ? *term : promql::Term{}, "", {}, std::nullopt, false, {}, -1};
  slot.readers.insert(adding_);
  return &slots_.emplace(key, std::move(slot)).first->second;
}

void ScenarioBuilder::rekey(const std::string& from, const std::string& to,
                            const std::map<std::string, std::string>& labels) {
  Slot slot = std::move(slots_.at(from));
  slots_.erase(from);
  slot.labels = labels;
  slots_.emplace(to, std::move(slot));
  for (auto& [key, other] : slots_) {
    if (other.divisor == from) other.divisor = to;
  }
  for (auto& [alias, target] : aliases_) {
    if (target == from) target = to;
  }
  aliases_[from] = to;
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
  slot->thresholds.push_back(shape.compared_threshold);
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
  auto job = labels.find("job");
  std::map<std::string, std::string> target =
      target_labels(example.metric, host, job == labels.end() ? "" : job->second);
  bool instance_written = labels.count("instance") > 0;
  for (const auto& [label, value] : target) labels.emplace(label, value);
  // The instance is named after the target's first label (host-a:jmx): a
  // series written for another member (host="broker-2") is another target.
  auto first = std::find_if(target.begin(), target.end(),
                            [](const auto& entry) { return entry.first != "instance" && entry.first != "job"; });
  if (!instance_written && first != target.end() && labels[first->first] != first->second) {
    labels["instance"] = labels[first->first] + target["instance"].substr(first->second.size());
  }
  return labels;
}

bool ScenarioBuilder::add_examples(int index, TestHost host, bool holds, std::string& error) {
  const Node& node = model_.nodes[index];
  for (const ExampleSeries& example : holds ? node.examples->firing : node.examples->quiet) {
    std::map<std::string, std::string> labels = example_labels(index, example, host);
    std::string selector = series_selector(example.metric, labels);
    std::string key = host_suffix(host) + selector;
    auto existing = slots_.find(key);
    if (existing == slots_.end() && entangled(example.metric, labels, host, true, error)) return false;
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
    Slot slot{example.metric, labels, Role::Examples, example.values, {}, "", {}, std::nullopt, false, {}, -1};
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
  const promql::TestShape* shape = memo_->shape(index);
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

ScenarioBuilder::Sampled ScenarioBuilder::sample(const Slot& slot, const SeriesForm& form, int samples) const {
  Sampled sampled;
  if (!slot.divisor.empty()) sampled.divisor = divisor_series(slot.term).expand(samples);
  sampled.series = form.expand(samples);
  return sampled;
}

bool ScenarioBuilder::holds_at(const Slot& slot, const Sampled& sampled, int at) const {
  std::optional<double> value = term_value(slot.term, sampled.series, sampled.divisor, at, model_.test_interval.ms);
  for (size_t i = 0; i < slot.constraints.size(); ++i) {
    const ValueConstraint& c = slot.constraints[i];
    std::optional<double> compared = value;
    if (value && c.scaling) compared = c.scaling->divides ? *value / c.scaling->factor : *value * c.scaling->factor;
    if ((compared && compare_value(*compared, c.op, slot.thresholds[i])) != c.holds) return false;
  }
  return true;
}

bool ScenarioBuilder::meets(const Slot& slot, const SeriesForm& form, int from, int to) const {
  Sampled sampled = sample(slot, form, std::max(horizon(), to) + 1);
  for (int at = from; at <= to; ++at) {
    if (!holds_at(slot, sampled, at)) return false;
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
    std::string solved = solve_key(slot.term, !slot.divisor.empty(), slot.constraints, slot.thresholds, horizon(), last);
    const std::optional<Decimal>& value = memo_->solved_value(solved, [&] {
      return solve_value(current.constraints, [&](const Decimal& candidate) {
        std::optional<SeriesForm> form = series_for_term(current.term, candidate, model_.test_interval.ms);
        return form && meets(current, *form, horizon(), last);
      });
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
    Sampled sampled = sample(slot, *slot.form, first + 1);  // once: a step back costs one evaluation
    while (first > 0 && holds_at(slot, sampled, first - 1)) --first;
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

std::string ScenarioBuilder::one_series_note() const {
  for (const auto& [key, slot] : slots_) {
    if (slot.summed_by < 0) continue;
    const std::string& id = model_.nodes[slot.summed_by].id;
    return "the derived tests give a host one series of " + slot.metric + ", so the sum of '" + id +
           "' is that series' value; a sum over several series is not derived: give '" + id +
           "' examples to test it";
  }
  return "";
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
    std::map<std::string, std::string> from_absent;  // absent(sel{l="v"}) gives its series l="v"
    promql::walk(*ast, [&](const promql::Node& n) {
      for (const auto& [label, value] : promql::absent_result_labels(n)) from_absent.emplace(label, value);
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
      if (auto fixed = from_absent.find(label); fixed != from_absent.end()) labels.emplace(label, fixed->second);
    }
  }
  if (node.examples) {
    for (const auto& [label, value] : node.examples->labels) labels[label] = value;
  }
  return labels;
}

const ScenarioBuilder::Slot* ScenarioBuilder::find_slot(const promql::ShapeSelector& selector, TestHost host) const {
  std::string key = series_of(selector, host).key;
  if (auto alias = aliases_.find(key); alias != aliases_.end()) key = alias->second;
  auto it = slots_.find(key);
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
  SampledSeries divisor;
  if (!slot->divisor.empty()) divisor = divisor_series(slot->term).expand(samples);
  std::optional<double> value = term_value(slot->term, slot->form->expand(samples), divisor, at, model_.test_interval.ms);
  if (!value) return std::nullopt;
  double compared = *value;
  if (shape.scaling) compared = shape.scaling->divides ? *value / shape.scaling->factor : *value * shape.scaling->factor;
  if (!compare_value(compared, shape.op, shape.compared_threshold)) return std::nullopt;  // the comparison filters it out
  return compared;
}

std::optional<double> ScenarioBuilder::result_value(int index, TestHost host, int64_t eval_ms) const {
  const Node& node = model_.nodes[index];
  if (node.examples) return node.examples->value;  // the user's, checked by the tests
  if (!node.when->analysis.ast) return std::nullopt;
  join_ = &model_.series_join(index);
  const promql::TestShape* shape = memo_->shape(index);
  if (!shape) return std::nullopt;
  return shape_value(*shape, host, static_cast<int>(eval_ms / model_.test_interval.ms));
}

}  // namespace symptree
