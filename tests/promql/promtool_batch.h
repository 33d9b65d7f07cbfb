// Runs many PromQL expressions through `promtool check rules` in one call (one
// recording rule each) and maps promtool's errors back to the expressions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace symptree::promql_test {

// For each expression: nullopt when promtool accepts it, else promtool's error.
// Throws std::runtime_error when promtool cannot be run or fails as a whole.
std::vector<std::optional<std::string>> promtool_verdicts(const std::vector<std::string>& expressions,
                                                          const std::string& promtool, const std::string& work_dir);

}  // namespace symptree::promql_test
