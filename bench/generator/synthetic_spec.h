// Synthetic flowchart specs of a given number of branches, for benchmarks and
// scale tests: symptoms of ten causes each, every cause reading its own metric.
// With depth D > 2 the causes of a symptom form chains of D - 1: cause c sits
// under cause c - 1 unless c is a multiple of D - 1, so the tree is D levels deep.
#pragma once

#include <string>

namespace symptree {

std::string synthetic_spec(int branches, int depth = 1);

}  // namespace symptree
