// The port collector: whether each configured TCP port listens and which
// process holds it (the flowchart's `lsof -i :PORT`), from /proc/net/tcp{,6}
// and the socket links in /proc/<pid>/fd.
#include <map>
#include <set>

#include "exporter/core/collector_registry.h"
#include "exporter/collectors/proc_table.h"

namespace symptree {
namespace {

class PortCollector : public CollectorOf<CollectorId::port> {
 public:
  explicit PortCollector(std::vector<PortProbe> probes) : probes_(std::move(probes)) {
    for (const PortProbe& probe : probes_) ports_.insert(probe.port);
  }

  void collect_into(ProbeContext& context, Out& out) override {
    if (!context.begin("/proc/net/tcp")) return;
    std::vector<ListeningSocket> sockets;
    std::string error;
    if (!listening_sockets(ports_, sockets, error)) {
      context.fail("/proc/net/tcp", error);
      return;
    }
    std::map<uint64_t, int> owners;
    if (!sockets.empty() && context.begin("/proc/*/fd")) owners = find_owners(sockets);
    for (const PortProbe& probe : probes_) report(out, probe, sockets, owners);
  }

 private:
  // Pids holding the sockets, trying last scrape's holders first.
  std::map<uint64_t, int> find_owners(const std::vector<ListeningSocket>& sockets) {
    std::set<uint64_t> inodes;
    for (const ListeningSocket& socket : sockets) inodes.insert(socket.inode);
    std::vector<int> hints;
    for (const auto& [port, pid] : last_owner_) hints.push_back(pid);
    std::map<uint64_t, int> owners = socket_owners(inodes, hints);
    last_owner_.clear();
    for (const ListeningSocket& socket : sockets) {
      auto owner = owners.find(socket.inode);
      if (owner != owners.end()) last_owner_[socket.port] = owner->second;
    }
    return owners;
  }

  static void report(Out& out, const PortProbe& probe, const std::vector<ListeningSocket>& sockets,
                     const std::map<uint64_t, int>& owners) {
    std::string port = std::to_string(probe.port);
    const ListeningSocket* listener = nullptr;
    for (const ListeningSocket& socket : sockets) {
      if (socket.port == probe.port && !listener) listener = &socket;
    }
    out.add(metric::port_listening, {port}, listener ? 1 : 0);
    if (!listener) {
      out.add(metric::port_foreign_owner, {port}, 0);
      return;
    }
    auto owner = owners.find(listener->inode);
    std::string process = owner != owners.end() ? process_comm(owner->second) : "";
    bool ours = process.empty() ? uid_runs_owner(listener->uid, probe.owner) : is_owner(owner->second, process, probe.owner);
    out.add(metric::port_owner_info, {port, process.empty() ? "uid:" + std::to_string(listener->uid) : process}, 1);
    out.add(metric::port_foreign_owner, {port}, ours ? 0 : 1);
  }

  static bool is_owner(int pid, const std::string& comm, const std::string& owner) {
    return process_is_named(ProcessInfo{pid, comm, 0}, owner);
  }

  // When the holder's fds cannot be read (another user's process and no
  // CAP_SYS_PTRACE): the socket is ours when a process named like the owner
  // runs under the socket's uid.
  static bool uid_runs_owner(uid_t uid, const std::string& owner) {
    for (const ProcessInfo& process : list_processes()) {
      if (process_is_named(process, owner) && process_uid(process.pid) == uid) return true;
    }
    return false;
  }

  std::vector<PortProbe> probes_;
  std::set<int> ports_;
  std::map<int, int> last_owner_;  // port -> pid that held it at the last scrape
};

const bool registered = register_collector(
    CollectorId::port, Enabled::when_configured,
    [](const HostConfig& config, FileSystem&) { return std::make_shared<PortCollector>(config.ports); });

}  // namespace
}  // namespace symptree
