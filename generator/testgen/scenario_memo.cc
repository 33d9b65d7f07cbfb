// Looking shapes and series up, working each out the first time.
#include "generator/testgen/scenario_memo.h"

namespace symptree {

const promql::TestShape* ScenarioMemo::shape(int node) {
  auto known = shapes_.find(node);
  if (known == shapes_.end()) {
    const Node& n = model_.nodes[node];
    const promql::Node* ast = n.when ? n.when->analysis.ast.get() : nullptr;
    known = shapes_.emplace(node, ast ? promql::test_shape(*ast, model_.is_cluster(node)) : std::nullopt).first;
  }
  return known->second ? &*known->second : nullptr;
}

const ScenarioMemo::Series& ScenarioMemo::series(const promql::ShapeSelector& selector, TestHost host,
                                                 const std::vector<std::string>* join, const PinnedValues& pins,
                                                 const std::function<Series()>& make) {
  SeriesKey key{&selector, host, join, pins};
  auto known = series_.find(key);
  if (known == series_.end()) known = series_.emplace(std::move(key), make()).first;
  return known->second;
}

const std::optional<Decimal>& ScenarioMemo::solved_value(const std::string& key,
                                                         const std::function<std::optional<Decimal>()>& solve) {
  auto known = solved_values_.find(key);
  if (known == solved_values_.end()) known = solved_values_.emplace(key, solve()).first;
  return known->second;
}

namespace {

template <typename T>
void append_bytes(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void append_decimal(std::string& out, const Decimal& value) {
  auto [mantissa, scale] = value.digits();
  append_bytes(out, mantissa);
  append_bytes(out, scale);
}

}  // namespace

std::string solve_key(const promql::Term& term, bool divided, const std::vector<ValueConstraint>& constraints,
                      const std::vector<double>& thresholds, int horizon, int last) {
  std::string key;
  key.reserve(64 + constraints.size() * 80);
  for (int part : {static_cast<int>(term.kind), static_cast<int>(term.ratio_of), static_cast<int>(divided), horizon, last}) {
    append_bytes(key, part);
  }
  append_bytes(key, term.range_ms);
  append_bytes(key, term.offset_ms);
  for (size_t i = 0; i < constraints.size(); ++i) {
    const ValueConstraint& c = constraints[i];
    key += c.op;
    key += c.holds ? 'T' : 'F';
    append_decimal(key, c.threshold);
    append_bytes(key, thresholds[i]);
    if (!c.scaling) continue;
    key += c.scaling->divides ? '/' : '*';
    append_bytes(key, c.scaling->factor);
    append_bytes(key, c.scaling->threshold);
    if (c.scaling->unit) append_decimal(key, *c.scaling->unit);
    key += c.scaling->unit ? 'u' : '-';
  }
  return key;
}

}  // namespace symptree
