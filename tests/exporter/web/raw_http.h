// Raw loopback sockets for the web abuse tests: clients that send what a
// well-behaved HTTP library never would (one byte at a time, 1 MB headers,
// thousands of pipelined requests, a TLS connection that says nothing).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace symptree::testing {

// A connected TCP socket to 127.0.0.1:port, closed on destruction.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends all of `bytes` (blocking); false when the peer closed.
  bool send(const std::string& bytes);
  // Reads until `count` complete responses (Content-Length framed) arrived,
  // the peer closed, or `timeout` passed; the status codes read.
  std::vector<int> read_responses(size_t count, std::chrono::milliseconds timeout);
  // Whether the peer closed the connection within `timeout` (reads and drops what comes).
  bool closed_within(std::chrono::milliseconds timeout);
  const std::string& received() const { return received_; }

 private:
  int fd_ = -1;
  std::string received_;
};

// A GET request line and headers, e.g. get_request("/metrics").
std::string get_request(const std::string& path, const std::string& extra_headers = "");

// The value of VmRSS in /proc/<pid>/status, in KiB.
long rss_kib(int pid);

}  // namespace symptree::testing
