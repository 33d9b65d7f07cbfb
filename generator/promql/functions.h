// The PromQL function table of Prometheus 2.42: every function's argument types,
// how many optional trailing arguments it takes, and its result type.
#pragma once

#include <string>
#include <vector>

#include "generator/promql/ast.h"

namespace symptree::promql {

// How a function treats the labels of its vector argument, for label inference.
enum class LabelEffect {
  DropName,  // keeps every label but __name__ (abs, rate, ...; no labels when an optional argument is left out)
  KeepAll,   // sort, sort_desc, last_over_time... keep __name__ as well
  NoLabels,  // scalar-like results: time(), vector(), pi()
  Absent,    // absent/absent_over_time: labels from the equality matchers of the argument
  Replace,   // label_replace/label_join: adds or overwrites one label
  DropLe,    // histogram_quantile: drops __name__ and le
};

struct Function {
  const char* name;
  std::vector<ValueType> arg_types;
  int variadic;  // 0: exactly arg_types; n > 0: up to n trailing arguments may be left out
                 // (or repeated: the last type applies); -1: any number of extra arguments
  ValueType return_type;
  LabelEffect labels;
  int vector_arg;  // index of the argument whose series the result keeps (-1: none)
};

// nullptr for a name that is not a PromQL function.
const Function* find_function(const std::string& name);
const std::vector<Function>& all_functions();

}  // namespace symptree::promql
