// SlowTarget: a listener that accepts and answers nothing, or a byte at a time.
#include "slow_target.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <vector>

namespace symptree::testing {

SlowTarget::SlowTarget(std::chrono::milliseconds interval) : interval_(interval) {
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0 || listen(listener_, 16) != 0) {
    close(listener_);
    throw std::runtime_error("SlowTarget: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

SlowTarget::~SlowTarget() {
  stop_ = true;
  thread_.join();
  close(listener_);
}

void SlowTarget::serve() {
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  std::vector<int> clients;
  size_t sent = 0;
  auto next_byte = std::chrono::steady_clock::now() + interval_;
  while (!stop_) {
    pollfd wait{listener_, POLLIN, 0};
    if (poll(&wait, 1, 20) == 1) {
      int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client >= 0) clients.push_back(client);
    }
    if (interval_.count() == 0 || std::chrono::steady_clock::now() < next_byte) continue;
    next_byte += interval_;
    // Never the whole response: the byte after the last is the first again.
    for (int client : clients) send(client, response.data() + sent % (response.size() - 1), 1, MSG_NOSIGNAL);
    sent++;
  }
  for (int client : clients) close(client);
}

}  // namespace symptree::testing
