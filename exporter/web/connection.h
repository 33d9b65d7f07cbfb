// One client connection of the event loop: its socket (and TLS session), the
// bytes read and not yet parsed, the response being written, and the deadline
// by which it must make progress. Non-blocking: nothing here ever waits.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace symptree {

using SteadyClock = std::chrono::steady_clock;

class Connection {
 public:
  // Takes ownership of `fd` (non-blocking) and `ssl` (null for plain HTTP).
  Connection(uint64_t id, int fd, SSL* ssl);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  enum class Io { progress, would_block, closed };
  // Appends what the socket has (at most `limit` bytes buffered in all).
  Io read_some(size_t limit);
  // Writes the pending response; `progress` once all of it is sent.
  Io write_some();
  // The epoll events this connection waits for now.
  uint32_t wanted_events() const;

  // Queues bytes to send; `close_after` closes the connection once they are sent.
  void send(std::string bytes, bool close_after);
  bool sending() const { return sent_ < out_.size(); }
  // Drops `count` parsed bytes from the input; gives memory back after a large request.
  void consume(size_t count);

  uint64_t id() const { return id_; }
  int fd() const { return fd_; }
  const std::string& input() const { return in_; }

  bool busy = false;            // a worker is answering its request
  bool close_after_send = false;
  uint32_t registered_events = 0;
  SteadyClock::time_point deadline;

 private:
  Io tls_result(int result, bool reading);

  uint64_t id_;
  int fd_;
  SSL* ssl_;
  std::string in_;
  std::string out_;
  size_t sent_ = 0;
  bool tls_wants_write_ = false;  // OpenSSL needs the socket writable to go on
  bool tls_wants_read_ = false;   // OpenSSL needs the socket readable to go on
};

}  // namespace symptree
