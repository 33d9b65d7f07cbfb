// Which Prometheus scrape job the series of a metric, or of an expression's
// result, come from: a declared source's metric has its source's job, the
// service's own metrics the service's, symptree-exporter's metrics the
// exporter's, and a `job="x"` matcher fixes it. Used to find vector matchings
// between two scrape jobs, whose series differ in `job` and `instance`.
//
//   series_job(model, ast of `redis_up == 0`)        // "redis-exporter"
//   series_job(model, ast of `redis_up or node_up`)  // nullopt: two jobs
#pragma once

#include <optional>
#include <string>

#include "generator/model/model.h"
#include "generator/promql/ast.h"

namespace symptree {

// The job of every series of `metric`, or nullopt when the spec does not say
// (Prometheus' own `up`, ALERTS, scrape_*, a metric nothing owns).
std::optional<std::string> metric_job(const Model& model, const std::string& metric);

// The one job every result series of `expr` was scraped by, following the
// series the result keeps (the left side of `and`, the vector argument of a
// function, ...); nullopt when it is not certain: a scalar or `vector(...)`,
// an `or` of two jobs, a label_replace/label_join that writes `job` or
// `instance`, a selector of a metric whose job is unknown.
std::optional<std::string> series_job(const Model& model, const promql::Node& expr);

}  // namespace symptree
