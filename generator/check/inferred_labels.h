// Each node's result labels (promql/label_inference.h) over the spec's label
// catalogue, worked out once for the checks that read them: three checks
// inferred every node's labels each for itself.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "generator/model/label_catalog.h"
#include "generator/model/model.h"

namespace symptree {

// Lazily filled, one entry per node; safe to read from several threads (the
// checks run on two). `model` must outlive it.
class InferredLabels {
 public:
  explicit InferredLabels(const Model& model);

  const promql::LabelCatalog& catalog() const { return catalog_; }
  // The labels of `node`'s condition's result, inferred the first time; the
  // node must have a condition that parsed.
  const promql::LabelInference& of(int node) const;

 private:
  const Model& model_;
  promql::LabelCatalog catalog_;
  std::unique_ptr<std::once_flag[]> once_;
  mutable std::vector<promql::LabelInference> inferred_;
};

}  // namespace symptree
