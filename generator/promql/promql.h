// The PromQL front end's public header: parse an expression as Prometheus
// 2.42 does (parse_promql), learn which labels its result carries
// (infer_labels) and fold constant thresholds (fold_constant). The tree is in
// ast.h, the function table in functions.h. condition.h remains the header of
// today's callers until they move onto the parser.
#pragma once

#include "generator/promql/ast.h"              // Node, NodeKind, Range, walk, dump
#include "generator/promql/fold.h"             // fold_constant, Constant
#include "generator/promql/functions.h"        // find_function, Function
#include "generator/promql/label_inference.h"  // infer_labels, LabelInference, Presence, Drop, LabelCatalog
#include "generator/promql/parser.h"           // parse_promql, ParseResult, ParseError, line_column
