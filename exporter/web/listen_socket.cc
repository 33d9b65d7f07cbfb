// Listening sockets: getaddrinfo + bind, or systemd's LISTEN_FDS protocol.
#include "exporter/web/listen_socket.h"

#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace symptree {
namespace {

constexpr int kListenBacklog = 4096;  // the kernel caps it at net.core.somaxconn
constexpr int kSystemdFirstFd = 3;    // SD_LISTEN_FDS_START

bool make_non_blocking(int fd) {
  int flags = fcntl(fd, F_GETFL);
  return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 && fcntl(fd, F_SETFD, FD_CLOEXEC) == 0;
}

}  // namespace

int open_listen_socket(const ListenAddress& address, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string port = std::to_string(address.port);
  int status = getaddrinfo(address.host.empty() ? nullptr : address.host.c_str(), port.c_str(), &hints, &found);
  std::string where = address.host + ":" + port;
  if (status != 0) {
    error = "cannot listen on " + where + ": " + gai_strerror(status);
    return -1;
  }
  int fd = -1;
  for (addrinfo* entry = found; entry && fd < 0; entry = entry->ai_next) {
    fd = socket(entry->ai_family, entry->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, entry->ai_protocol);
    if (fd < 0) continue;
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(fd, entry->ai_addr, entry->ai_addrlen) != 0 || ::listen(fd, kListenBacklog) != 0) {
      error = "cannot listen on " + where + ": " + std::strerror(errno);
      ::close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  return fd;
}

int systemd_listen_socket(std::string& error) {
  const char* pid = std::getenv("LISTEN_PID");
  const char* fds = std::getenv("LISTEN_FDS");
  if (!pid || !fds || std::atol(pid) != static_cast<long>(getpid()) || std::atoi(fds) < 1) {
    error = "--web.systemd-socket: no socket passed by systemd (LISTEN_PID/LISTEN_FDS not set for this process)";
    return -1;
  }
  int type = 0;
  socklen_t length = sizeof type;
  if (getsockopt(kSystemdFirstFd, SOL_SOCKET, SO_TYPE, &type, &length) != 0 || type != SOCK_STREAM ||
      !make_non_blocking(kSystemdFirstFd)) {
    error = "--web.systemd-socket: file descriptor 3 is not a stream socket";
    return -1;
  }
  unsetenv("LISTEN_PID");
  unsetenv("LISTEN_FDS");
  unsetenv("LISTEN_FDNAMES");
  return kSystemdFirstFd;
}

}  // namespace symptree
