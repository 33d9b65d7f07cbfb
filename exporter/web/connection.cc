// Connection: non-blocking reads and writes over plain TCP or OpenSSL.
#include "exporter/web/connection.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace symptree {

Connection::Connection(uint64_t id, int fd, SSL* ssl) : id_(id), fd_(fd), ssl_(ssl) {}

Connection::~Connection() {
  if (ssl_) SSL_free(ssl_);
  ::close(fd_);
}

Connection::Io Connection::tls_result(int result, bool reading) {
  int error = SSL_get_error(ssl_, result);
  tls_wants_write_ = error == SSL_ERROR_WANT_WRITE;
  tls_wants_read_ = error == SSL_ERROR_WANT_READ;
  if (tls_wants_write_ || tls_wants_read_) return Io::would_block;
  (void)reading;
  return Io::closed;
}

Connection::Io Connection::read_some(size_t limit) {
  char buffer[16384];
  bool read_any = false;
  while (in_.size() < limit) {
    size_t want = std::min(sizeof buffer, limit - in_.size());
    ssize_t got;
    if (ssl_) {
      int result = SSL_read(ssl_, buffer, static_cast<int>(want));
      if (result <= 0) {
        Io io = tls_result(result, true);
        return io == Io::would_block && read_any ? Io::progress : io;
      }
      tls_wants_write_ = tls_wants_read_ = false;
      got = result;
    } else {
      got = ::recv(fd_, buffer, want, 0);
      if (got == 0) return Io::closed;
      if (got < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return read_any ? Io::progress : Io::would_block;
        return Io::closed;
      }
    }
    in_.append(buffer, static_cast<size_t>(got));
    read_any = true;
  }
  return Io::progress;
}

Connection::Io Connection::write_some() {
  while (sent_ < out_.size()) {
    size_t left = out_.size() - sent_;
    ssize_t wrote;
    if (ssl_) {
      int result = SSL_write(ssl_, out_.data() + sent_, static_cast<int>(std::min<size_t>(left, 1 << 20)));
      if (result <= 0) return tls_result(result, false);
      tls_wants_write_ = tls_wants_read_ = false;
      wrote = result;
    } else {
      wrote = ::send(fd_, out_.data() + sent_, left, MSG_NOSIGNAL);
      if (wrote < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return Io::would_block;
        return Io::closed;
      }
    }
    sent_ += static_cast<size_t>(wrote);
  }
  out_.clear();
  out_.shrink_to_fit();
  sent_ = 0;
  return Io::progress;
}

uint32_t Connection::wanted_events() const {
  if (sending()) return tls_wants_read_ ? EPOLLIN : EPOLLOUT;
  if (busy) return 0;
  return tls_wants_write_ ? EPOLLOUT : EPOLLIN;
}

void Connection::send(std::string bytes, bool close_after) {
  out_ = std::move(bytes);
  sent_ = 0;
  close_after_send = close_after_send || close_after;
}

void Connection::consume(size_t count) {
  in_.erase(0, count);
  if (in_.capacity() > 64 * 1024 && in_.size() < 16 * 1024) in_.shrink_to_fit();
}

}  // namespace symptree
