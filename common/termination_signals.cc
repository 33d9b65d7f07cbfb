// The signal-waiting thread.
#include "common/termination_signals.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <thread>

namespace symptree {
namespace {

// The three, but those this process was started ignoring (nohup ignores
// SIGHUP, a shell's background job SIGINT): they stay ignored. On Linux a
// blocked signal is queued even when ignored, so sigwait would take them.
sigset_t termination_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction action {};
    if (sigaction(signal, nullptr, &action) == 0 && action.sa_handler == SIG_IGN) continue;
    sigaddset(&signals, signal);
  }
  return signals;
}

}  // namespace

void exit_on_termination_signals(std::function<void(int)> cleanup) {
  sigset_t signals = termination_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread([signals, cleanup = std::move(cleanup)] {
    int received = 0;
    while (sigwait(&signals, &received) != 0) {
    }
    cleanup(received);
    _exit(128 + received);  // not exit(): the other threads are still running
  }).detach();
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "signal " + std::to_string(signal);
  }
}

}  // namespace symptree
