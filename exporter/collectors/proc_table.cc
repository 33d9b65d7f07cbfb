// Parsing of /proc: process stat lines, tcp tables and fd links.
#include "exporter/collectors/proc_table.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace symptree {
namespace {

bool is_pid(const char* name) {
  if (!*name) return false;
  for (const char* p = name; *p; ++p) {
    if (*p < '0' || *p > '9') return false;
  }
  return true;
}

std::vector<int> all_pids(const std::string& proc) {
  std::vector<int> pids;
  DIR* dir = opendir(proc.c_str());
  if (!dir) return pids;
  while (struct dirent* entry = readdir(dir)) {
    if (is_pid(entry->d_name)) pids.push_back(std::atoi(entry->d_name));
  }
  closedir(dir);
  return pids;
}

// A small file's content, read with one system call.
std::string read_small_file(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  char buffer[4096];
  ssize_t length = read(fd, buffer, sizeof buffer - 1);
  close(fd);
  return length > 0 ? std::string(buffer, static_cast<size_t>(length)) : "";
}

double boot_time(const std::string& proc) {
  std::ifstream in(proc + "/stat");
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key == "btime" && in >> value) return value;
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

// Parses "pid (comm) state ppid ... starttime ..." (starttime is field 22).
std::optional<ProcessInfo> parse_stat(int pid, const std::string& line, double btime, double ticks) {
  size_t open_paren = line.find('(');
  size_t close_paren = line.rfind(')');
  if (open_paren == std::string::npos || close_paren == std::string::npos || close_paren < open_paren) {
    return std::nullopt;
  }
  ProcessInfo info;
  info.pid = pid;
  info.comm = line.substr(open_paren + 1, close_paren - open_paren - 1);
  std::istringstream rest(line.substr(close_paren + 1));
  std::string field;
  for (int i = 3; i <= 22 && rest >> field; ++i) {
    if (i == 22) info.start_time = btime + std::strtod(field.c_str(), nullptr) / ticks;
  }
  return info;
}

// Adds the listening sockets of one table (/proc/net/tcp or tcp6).
bool read_tcp_table(const std::string& path, const std::set<int>& ports, std::vector<ListeningSocket>& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer, retransmits;
    ListeningSocket socket;
    if (!(fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> socket.uid)) continue;
    std::string timeout;
    if (!(fields >> timeout >> socket.inode) || state != "0A") continue;  // 0A: LISTEN
    size_t colon = local.rfind(':');
    if (colon == std::string::npos) continue;
    socket.port = static_cast<int>(std::strtol(local.c_str() + colon + 1, nullptr, 16));
    if (ports.count(socket.port)) out.push_back(socket);
  }
  return true;
}

// Asks the kernel (sock_diag, as `ss` does) for the listening TCP sockets of
// one address family; the kernel filters by state, so this costs the same with
// 100,000 connections open. False when netlink is unavailable.
bool query_listening(int family, const std::set<int>& ports, std::vector<ListeningSocket>& out) {
  int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return false;
  struct {
    nlmsghdr header;
    inet_diag_req_v2 request;
  } message = {};
  message.header.nlmsg_len = sizeof message;
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  message.request.sdiag_family = static_cast<uint8_t>(family);
  message.request.sdiag_protocol = IPPROTO_TCP;
  message.request.idiag_states = 1U << TCP_LISTEN;
  bool ok = send(fd, &message, sizeof message, 0) == static_cast<ssize_t>(sizeof message);
  alignas(nlmsghdr) char buffer[16384];
  for (bool done = !ok; !done;) {
    ssize_t length = recv(fd, buffer, sizeof buffer, 0);
    if (length <= 0) {
      ok = false;
      break;
    }
    for (auto* header = reinterpret_cast<nlmsghdr*>(buffer); NLMSG_OK(header, static_cast<size_t>(length));
         header = NLMSG_NEXT(header, length)) {
      if (header->nlmsg_type == NLMSG_DONE || header->nlmsg_type == NLMSG_ERROR) {
        ok = header->nlmsg_type == NLMSG_DONE;
        done = true;
        break;
      }
      const auto* socket = static_cast<const inet_diag_msg*>(NLMSG_DATA(header));
      int port = ntohs(socket->id.idiag_sport);
      if (ports.count(port)) out.push_back({port, socket->idiag_uid, socket->idiag_inode});
    }
  }
  close(fd);
  return ok;
}

// Finds which of `wanted` are open in `pid`; moves them to `found`.
void scan_fds(const std::string& proc, int pid, std::set<uint64_t>& wanted, std::map<uint64_t, int>& found) {
  std::string fd_dir = proc + "/" + std::to_string(pid) + "/fd";
  DIR* dir = opendir(fd_dir.c_str());
  if (!dir) return;
  char target[64];
  while (struct dirent* entry = readdir(dir)) {
    if (!is_pid(entry->d_name)) continue;
    ssize_t length = readlinkat(dirfd(dir), entry->d_name, target, sizeof target - 1);
    if (length <= 8) continue;
    target[length] = '\0';
    if (std::string(target, 8) != "socket:[") continue;
    uint64_t inode = std::strtoull(target + 8, nullptr, 10);
    if (wanted.erase(inode)) found[inode] = pid;
    if (wanted.empty()) break;
  }
  closedir(dir);
}

}  // namespace

std::vector<ProcessInfo> list_processes(const std::string& proc) {
  static const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  double btime = boot_time(proc);
  std::vector<ProcessInfo> processes;
  for (int pid : all_pids(proc)) {
    std::string line = read_small_file(proc + "/" + std::to_string(pid) + "/stat");
    std::optional<ProcessInfo> info = parse_stat(pid, line, btime, ticks);
    if (info) processes.push_back(*info);
  }
  return processes;
}

bool process_is_named(const ProcessInfo& process, const std::string& name, const std::string& proc) {
  constexpr size_t kCommLength = 15;
  if (name.size() <= kCommLength) return process.comm == name;
  if (process.comm != name.substr(0, kCommLength)) return false;
  std::string cmdline = read_small_file(proc + "/" + std::to_string(process.pid) + "/cmdline");
  std::string argv0 = cmdline.substr(0, cmdline.find('\0'));
  size_t slash = argv0.rfind('/');
  return (slash == std::string::npos ? argv0 : argv0.substr(slash + 1)) == name;
}

std::optional<uid_t> process_uid(int pid, const std::string& proc) {
  struct stat st;
  if (stat((proc + "/" + std::to_string(pid)).c_str(), &st) != 0) return std::nullopt;
  return st.st_uid;
}

bool listening_sockets(const std::set<int>& ports, std::vector<ListeningSocket>& out, std::string& error,
                       const std::string& proc) {
  if (proc == "/proc") {
    std::vector<ListeningSocket> found;
    if (query_listening(AF_INET, ports, found) && query_listening(AF_INET6, ports, found)) {
      out.insert(out.end(), found.begin(), found.end());
      return true;
    }
  }
  bool v4 = read_tcp_table(proc + "/net/tcp", ports, out);
  bool v6 = read_tcp_table(proc + "/net/tcp6", ports, out);
  if (!v4 && !v6) error = "cannot read " + proc + "/net/tcp or tcp6";
  return v4 || v6;
}

std::map<uint64_t, int> socket_owners(const std::set<uint64_t>& wanted, const std::vector<int>& first_pids,
                                      const std::string& proc) {
  std::set<uint64_t> missing = wanted;
  std::map<uint64_t, int> found;
  for (int pid : first_pids) {
    if (!missing.empty()) scan_fds(proc, pid, missing, found);
  }
  if (missing.empty()) return found;
  for (int pid : all_pids(proc)) {
    scan_fds(proc, pid, missing, found);
    if (missing.empty()) break;
  }
  return found;
}

std::string process_comm(int pid, const std::string& proc) {
  std::string comm = read_small_file(proc + "/" + std::to_string(pid) + "/comm");
  if (!comm.empty() && comm.back() == '\n') comm.pop_back();
  return comm;
}

}  // namespace symptree
