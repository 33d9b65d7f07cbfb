// Inferring each node's result labels once, whichever check asks first.
#include "generator/check/inferred_labels.h"

namespace symptree {

InferredLabels::InferredLabels(const Model& model)
    : model_(model),
      catalog_(label_catalog(model)),
      once_(new std::once_flag[model.nodes.size()]),
      inferred_(model.nodes.size()) {}

const promql::LabelInference& InferredLabels::of(int node) const {
  std::call_once(once_[node], [&] { inferred_[node] = promql::infer_labels(*model_.nodes[node].when->analysis.ast, catalog_); });
  return inferred_[node];
}

}  // namespace symptree
