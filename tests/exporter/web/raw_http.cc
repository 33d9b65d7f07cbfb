// Raw sockets for the abuse tests: blocking sends, polled reads with deadlines.
#include "web/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

namespace symptree::testing {
namespace {

// Parses complete responses at the start of `text`; their statuses, and how many bytes they used.
std::vector<int> complete_responses(const std::string& text) {
  std::vector<int> statuses;
  size_t at = 0;
  while (true) {
    size_t end = text.find("\r\n\r\n", at);
    if (end == std::string::npos || text.compare(at, 9, "HTTP/1.1 ") != 0) break;
    size_t length_at = text.find("Content-Length: ", at);
    if (length_at == std::string::npos || length_at > end) break;
    size_t total = end + 4 + std::stoul(text.substr(length_at + 16));
    if (text.size() < total) break;
    statuses.push_back(std::stoi(text.substr(at + 9, 3)));
    at = total;
  }
  return statuses;
}

}  // namespace

RawConnection::RawConnection(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ >= 0 && connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

bool RawConnection::send(const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t wrote = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (wrote <= 0) return false;
    sent += static_cast<size_t>(wrote);
  }
  return true;
}

std::vector<int> RawConnection::read_responses(size_t count, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<int> statuses = complete_responses(received_);
  char buffer[65536];
  while (statuses.size() < count) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd poll_fd{fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) break;
    ssize_t got = recv(fd_, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    received_.append(buffer, static_cast<size_t>(got));
    statuses = complete_responses(received_);
  }
  return statuses;
}

bool RawConnection::closed_within(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[65536];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd poll_fd{fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) return false;
    ssize_t got = recv(fd_, buffer, sizeof buffer, 0);
    if (got <= 0) return true;
    received_.append(buffer, static_cast<size_t>(got));
  }
}

std::string get_request(const std::string& path, const std::string& extra_headers) {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
}

long rss_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace symptree::testing
