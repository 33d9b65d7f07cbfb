// What symptree knows of the labels of the metrics a spec's conditions read,
// for label inference (promql/label_inference.h): the exporter's metrics carry
// their catalogue labels, and every scraped series carries job, instance and
// the join_on labels its target is given; a declared source's series carry
// its `labels:` (join_on labels included only when listed), instance and job.
#pragma once

#include "generator/model/model.h"
#include "generator/promql/label_inference.h"

namespace symptree {

// The label sets of the exporter's metrics (probe catalogue and self metrics),
// of the app metrics and of the declared sources' metrics the conditions
// read. A source's set is complete (its `labels:` list every label); the
// exporter's are complete with `deployment:`, whose hosts give every target
// label; the others are not (targets may add labels).
promql::LabelCatalog label_catalog(const Model& model);

}  // namespace symptree
