// Synthetic flowchart specs of a given number of branches, for benchmarks and
// scale tests: symptoms of ten causes each, every cause reading its own metric.
#pragma once

#include <string>

namespace symptree {

std::string synthetic_spec(int branches);

}  // namespace symptree
