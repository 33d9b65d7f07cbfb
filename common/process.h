// Running an external tool (promtool, Graphviz's dot) with a deadline and capturing what it prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace symptree {

// What a finished command printed and how it ended.
struct ProcessResult {
  int exit_code = -1;  // -1 when it could not be started or was killed
  std::string output;  // stdout and stderr, interleaved
  bool timed_out = false;
};

// Runs argv[0] (looked up in PATH) with a deadline; stdin is /dev/null. Past
// the deadline the command is killed (SIGKILL to its pid; what it started
// itself is not waited for) and the result says timed_out. It starts with
// SIGINT, SIGTERM and SIGHUP unblocked, though this thread may block them.
ProcessResult run_process(const std::vector<std::string>& argv, int timeout_seconds);

// The full path of `program` in PATH, or nullopt.
std::optional<std::string> find_in_path(const std::string& program);

}  // namespace symptree
