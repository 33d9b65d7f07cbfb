// Staging folders that compiles killed outright (SIGKILL, a crash, the power)
// left beside an output directory: a later compile removes them, so that they
// do not pile up there or get committed with a config repo.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace symptree {

// A folder whose pid is taken but in which nothing changed for this long
// belongs to a process that reused a dead compile's pid: no compile runs
// that long, and one running writes to its folder all along.
constexpr std::chrono::hours kStagingPidReusedAfter{24};

// The staging folders beside `out_dir` (".<name>.staging-<pid>-<n>") that no
// running compile owns: no process has their pid (kill(pid, 0) fails with
// ESRCH), or nothing in them changed for `pid_reused_after`. Never one of
// this process. Their paths, sorted.
std::vector<std::string> stale_staging_dirs(const std::string& out_dir,
                                             std::chrono::seconds pid_reused_after = kStagingPidReusedAfter);

// Removes the stale staging folders beside `out_dir`; their paths.
std::vector<std::string> remove_stale_staging_dirs(const std::string& out_dir);

}  // namespace symptree
