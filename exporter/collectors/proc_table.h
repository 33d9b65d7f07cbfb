// Processes and sockets as /proc shows them, for the process and port
// collectors. Reads only world-readable files except for socket owners, which
// need /proc/<pid>/fd (the exporter's own processes, or CAP_SYS_PTRACE).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace symptree {

// One running process.
struct ProcessInfo {
  int pid = 0;
  std::string comm;          // at most 15 characters, as the kernel keeps it
  double start_time = 0;     // Unix seconds
};

// All processes, from /proc/<pid>/stat.
std::vector<ProcessInfo> list_processes(const std::string& proc = "/proc");

// Whether `process` is called `name`: its comm, or, when `name` is longer than
// the 15 characters comm keeps, the basename of its argv[0].
bool process_is_named(const ProcessInfo& process, const std::string& name, const std::string& proc = "/proc");

// The owner uid of a process, from the ownership of /proc/<pid>.
std::optional<uid_t> process_uid(int pid, const std::string& proc = "/proc");

// A listening TCP socket, from sock_diag netlink or /proc/net/tcp{,6}.
struct ListeningSocket {
  int port = 0;
  uid_t uid = 0;
  uint64_t inode = 0;
};

// Listening sockets on any of `ports`: from the kernel's sock_diag netlink
// interface (as `ss`), or from /proc/net/tcp and tcp6 where netlink is not
// allowed. False with `error` when neither works.
bool listening_sockets(const std::set<int>& ports, std::vector<ListeningSocket>& out, std::string& error,
                       const std::string& proc = "/proc");

// The pids holding the socket inodes in `wanted`, looking at `first_pids` first
// and then at every process until all are found.
std::map<uint64_t, int> socket_owners(const std::set<uint64_t>& wanted, const std::vector<int>& first_pids,
                                      const std::string& proc = "/proc");

// The comm of one process, or "" when it is gone.
std::string process_comm(int pid, const std::string& proc = "/proc");

}  // namespace symptree
