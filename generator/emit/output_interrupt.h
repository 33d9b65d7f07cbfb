// A compile ended by a signal (SIGINT, SIGTERM): the thread that ends it
// (common/termination_signals.h) removes the staging folders, and first lets
// an output directory being replaced be replaced whole, so that the outputs
// are left as they were or as the compile wrote them, never half of each.
#pragma once

#include <mutex>

namespace symptree {

// Held while OutputSet::write replaces files in an output directory; an
// interrupt waits for it to be released.
class ReplacingOutputs {
 public:
  ReplacingOutputs();
  // True when an interrupt came first: replace nothing.
  bool interrupted() const { return interrupted_; }

 private:
  std::unique_lock<std::mutex> lock_;
  bool interrupted_ = false;
};

// For the thread that ends an interrupted compile: waits for any
// ReplacingOutputs to end, removes every staging folder of this process
// (StagingDir::remove_all_live), and makes every later ReplacingOutputs
// interrupted(). True when an output directory was replaced before it.
bool interrupt_outputs();

}  // namespace symptree
