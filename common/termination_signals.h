// Ending on SIGINT, SIGTERM or SIGHUP the way shells expect (exit status
// 128 + the signal: 130, 143, 129) after a cleanup a signal handler could not
// run: removing a folder needs malloc and opendir, which are not
// async-signal-safe.
#pragma once

#include <functional>
#include <string>

namespace symptree {

// Blocks SIGINT, SIGTERM and SIGHUP (but one this process was started
// ignoring, as under nohup) in the calling thread, and so in every
// thread it starts from then on (call it before starting any other), and
// starts a thread that waits for them with sigwait(). On the first, that
// thread runs `cleanup(signal)` as ordinary code, then ends the process with
// _exit(128 + signal). Why a thread and not a handler that sets a flag: the
// work it interrupts (a compile's threads) would have to poll the flag
// everywhere; the thread needs no help from it. Commands run_process starts
// get the signals unblocked.
void exit_on_termination_signals(std::function<void(int)> cleanup);

// "SIGINT", "SIGTERM", "SIGHUP", or "signal N".
std::string signal_name(int signal);

}  // namespace symptree
