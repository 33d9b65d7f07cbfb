// A shared counter hands out the tasks; the calling thread works too.
#include "common/parallel_tasks.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace symptree {

void run_parallel_tasks(const std::vector<std::function<void()>>& tasks, unsigned threads) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < tasks.size(); i = next++) tasks[i]();
  };
  std::vector<std::thread> helpers;
  size_t wanted = std::min<size_t>(std::max(1u, threads), tasks.size());
  for (size_t helper = 1; helper < wanted; ++helper) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
}

}  // namespace symptree
