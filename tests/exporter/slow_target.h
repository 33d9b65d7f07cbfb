// SlowTarget: a TCP server on 127.0.0.1 for tests of probes that must not be
// held up by a target that accepts and then never answers, or trickles.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace symptree::testing {

// Accepts connections and then answers nothing (interval 0) or one byte of a
// response every `interval`; its thread stops and its sockets close when destroyed.
class SlowTarget {
 public:
  explicit SlowTarget(std::chrono::milliseconds interval);
  ~SlowTarget();
  SlowTarget(const SlowTarget&) = delete;
  SlowTarget& operator=(const SlowTarget&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  void serve();

  std::chrono::milliseconds interval_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace symptree::testing
