// The lock between replacing the outputs and an interrupt.
#include "generator/emit/output_interrupt.h"

#include "generator/emit/staging_dir.h"

namespace symptree {
namespace {

// Never destroyed: the signal thread may use it while the process exits.
struct InterruptState {
  std::mutex mutex;
  bool interrupted = false;
  bool replaced = false;  // a ReplacingOutputs ran before the interrupt
};
InterruptState& state() {
  static InterruptState* state = new InterruptState;
  return *state;
}

}  // namespace

ReplacingOutputs::ReplacingOutputs() : lock_(state().mutex) {
  interrupted_ = state().interrupted;
  if (!interrupted_) state().replaced = true;
}

bool interrupt_outputs() {
  std::lock_guard<std::mutex> lock(state().mutex);
  state().interrupted = true;
  StagingDir::remove_all_live();
  return state().replaced;
}

}  // namespace symptree
