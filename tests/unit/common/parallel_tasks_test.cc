// Tests for common/parallel_tasks: every task runs exactly once, whatever the
// number of threads, and the call returns only when all are done.
#include "common/parallel_tasks.h"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

using namespace symptree;

TEST_CASE("every task runs once, on up to the threads asked for, this one among them") {
  for (unsigned threads : {0u, 1u, 2u, 8u}) {
    for (size_t count : {size_t{0}, size_t{1}, size_t{3}, size_t{200}}) {
      std::vector<std::atomic<int>> runs(count);
      std::mutex lock;
      std::set<std::thread::id> workers;
      std::vector<std::function<void()>> tasks;
      for (size_t i = 0; i < count; ++i) {
        tasks.push_back([&, i] {
          ++runs[i];
          std::lock_guard<std::mutex> hold(lock);
          workers.insert(std::this_thread::get_id());
        });
      }
      run_parallel_tasks(tasks, threads);
      for (size_t i = 0; i < count; ++i) CHECK(runs[i] == 1);
      CHECK(workers.size() <= std::max<size_t>(1, std::min<size_t>(threads, count)));
      bool only_this_thread = workers.size() == 1 && *workers.begin() == std::this_thread::get_id();
      if (threads <= 1 && count > 0) CHECK(only_this_thread);
    }
  }
}

TEST_CASE("a task's exception comes back to the caller once every task has run") {
  std::atomic<int> ran{0};
  std::vector<std::function<void()>> tasks;
  for (int i = 0; i < 20; ++i) {
    tasks.push_back([&, i] {
      ++ran;
      if (i == 3) throw std::runtime_error("task 3 failed");
    });
  }
  CHECK_THROWS_WITH(run_parallel_tasks(tasks, 2), "task 3 failed");
  CHECK(ran == 20);
}
