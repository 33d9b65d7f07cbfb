// Running independent tasks on a few threads, each task once, in list order as
// threads come free: a compile's side outputs and test groups share two cores
// this way, so neither core idles while work is left.
#pragma once

#include <functional>
#include <vector>

namespace symptree {

// Runs every task of `tasks` on `threads` threads (this one among them; at
// least one, fewer when no more can be started) and returns when all are
// done; then rethrows the first exception a task threw, if one did (the
// other tasks still run). Tasks that run at once must not write the same
// data: give each its own result slot.
// Put the longest tasks first: a long task taken last keeps one thread busy alone.
void run_parallel_tasks(const std::vector<std::function<void()>>& tasks, unsigned threads);

}  // namespace symptree
