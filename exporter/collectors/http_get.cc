// http_get: a non-blocking socket (and TLS session) driven by poll() until one deadline.
#include "exporter/collectors/http_get.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace symptree {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxHeaderBytes = 64 * 1024;

// The parts of an http:// or https:// URL a request needs.
struct Target {
  bool tls = false;
  std::string host;    // without brackets
  std::string port;
  std::string path;    // with the query; "/" when empty
};

bool parse_target(const std::string& url, Target& target, std::string& error) {
  size_t scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    error = "not an http:// or https:// URL";
    return false;
  }
  target.tls = scheme == "https";
  size_t authority_start = scheme_end + 3;
  size_t path_start = url.find_first_of("/?#", authority_start);
  std::string authority = url.substr(authority_start, path_start - authority_start);
  target.path = path_start == std::string::npos ? "/" : url.substr(path_start);
  target.path = target.path.substr(0, target.path.find('#'));
  if (target.path.empty() || target.path[0] != '/') target.path.insert(0, "/");
  size_t port_colon = authority.rfind(':');
  if (port_colon != std::string::npos && authority.find(']', port_colon) == std::string::npos) {
    target.port = authority.substr(port_colon + 1);
    authority.resize(port_colon);
  } else {
    target.port = target.tls ? "443" : "80";
  }
  if (authority.size() >= 2 && authority.front() == '[' && authority.back() == ']') {
    authority = authority.substr(1, authority.size() - 2);
  }
  target.host = authority;
  if (target.host.empty() || target.port.empty()) {
    error = "no host or port in the URL";
    return false;
  }
  return true;
}

// Milliseconds left until `deadline` for poll(), at least 0.
int left_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

// Waits for `events` on `fd`; false at the deadline.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  pollfd wait{fd, events, 0};
  int ready;
  do {
    ready = poll(&wait, 1, left_ms(deadline));
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

// A connected non-blocking socket to the first address that answers, or -1.
int connect_to(const Target& target, Clock::time_point deadline, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* addresses = nullptr;
  if (int failed = getaddrinfo(target.host.c_str(), target.port.c_str(), &hints, &addresses)) {
    error = target.host + ": " + gai_strerror(failed);
    return -1;
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(addresses, freeaddrinfo);
  error = "cannot connect";
  for (addrinfo* a = addresses; a; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int result = connect(fd, a->ai_addr, a->ai_addrlen);
    if (result != 0 && errno == EINPROGRESS && wait_for(fd, POLLOUT, deadline)) {
      socklen_t length = sizeof result;
      if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &length) != 0) result = errno;
      errno = result;
    }
    if (result == 0) return fd;
    error = std::string("connect: ") + (Clock::now() >= deadline ? "timed out" : std::strerror(errno));
    close(fd);
    if (Clock::now() >= deadline) return -1;
  }
  return -1;
}

// Reads and writes on a connected socket, through TLS or not, until the deadline.
class Channel {
 public:
  Channel(int fd, Clock::time_point deadline) : fd_(fd), deadline_(deadline) {}
  ~Channel() {
    if (ssl_) SSL_free(ssl_);
    if (context_) SSL_CTX_free(context_);
    close(fd_);
  }
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  // A TLS session that checks the certificate chain against the system's CAs and `host` against it.
  bool start_tls(const std::string& host, std::string& error) {
    context_ = SSL_CTX_new(TLS_client_method());
    ssl_ = context_ ? SSL_new(context_) : nullptr;
    if (!ssl_ || SSL_CTX_set_default_verify_paths(context_) != 1 || SSL_set_fd(ssl_, fd_) != 1) {
      error = "TLS set-up failed";
      return false;
    }
    SSL_set_verify(ssl_, SSL_VERIFY_PEER, nullptr);
    unsigned char ip[16];
    bool is_ip = inet_pton(AF_INET, host.c_str(), ip) == 1 || inet_pton(AF_INET6, host.c_str(), ip) == 1;
    bool named = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), host.c_str()) == 1
                       : SSL_set_tlsext_host_name(ssl_, host.c_str()) == 1 && SSL_set1_host(ssl_, host.c_str()) == 1;
    if (!named) {
      error = "TLS set-up failed for host " + host;
      return false;
    }
    int done;
    while ((done = SSL_connect(ssl_)) != 1) {
      if (!wait_tls(done)) {
        long verify = SSL_get_verify_result(ssl_);
        error = verify != X509_V_OK ? std::string("certificate: ") + X509_verify_cert_error_string(verify)
                                    : "TLS handshake failed or timed out";
        return false;
      }
    }
    return true;
  }

  bool write_all(const std::string& data) {
    for (size_t sent = 0; sent < data.size();) {
      ssize_t n = ssl_ ? tls_io(SSL_write, data.data() + sent, data.size() - sent)
                       : send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<size_t>(n);
      } else if (ssl_ || !(errno == EAGAIN || errno == EINTR) || !wait_for(fd_, POLLOUT, deadline_)) {
        return false;
      }
    }
    return true;
  }

  // Up to `size` bytes; 0 at the end of the response, -1 on error or at the deadline.
  ssize_t read_some(char* buffer, size_t size) {
    while (true) {
      if (ssl_) return tls_io(SSL_read, buffer, size);
      ssize_t n = recv(fd_, buffer, size, 0);
      if (n >= 0) return n;
      if (!(errno == EAGAIN || errno == EINTR) || !wait_for(fd_, POLLIN, deadline_)) return -1;
    }
  }

 private:
  // After an SSL call returned `result`: waits for what it wants; false on error or at the deadline.
  bool wait_tls(int result) {
    int wants = SSL_get_error(ssl_, result);
    if (wants == SSL_ERROR_WANT_READ) return wait_for(fd_, POLLIN, deadline_);
    if (wants == SSL_ERROR_WANT_WRITE) return wait_for(fd_, POLLOUT, deadline_);
    return false;
  }

  // SSL_read or SSL_write retried until it moves bytes: their number, 0 at a clean close, -1 otherwise.
  template <typename Io, typename Buffer>
  ssize_t tls_io(Io io, Buffer buffer, size_t size) {
    while (true) {
      int n = io(ssl_, buffer, static_cast<int>(std::min<size_t>(size, 1 << 30)));
      if (n > 0) return n;
      if (SSL_get_error(ssl_, n) == SSL_ERROR_ZERO_RETURN) return 0;
      if (!wait_tls(n)) return -1;
    }
  }

  int fd_;
  Clock::time_point deadline_;
  SSL_CTX* context_ = nullptr;
  SSL* ssl_ = nullptr;
};

// Reads the status line and headers, and stops there: the status is all the
// probe reports, and a body (chunked, kept alive, or closed without TLS's
// close_notify, as many servers do) could otherwise hold it to the deadline.
int read_status(Channel& channel, std::string& error) {
  std::string head;
  char buffer[16 * 1024];
  while (head.find("\r\n\r\n") == std::string::npos) {
    ssize_t n = channel.read_some(buffer, sizeof buffer);
    if (n <= 0 || head.size() > kMaxHeaderBytes) {
      error = n < 0 ? "no complete response by the deadline" : "the response ended in its headers";
      return 0;
    }
    head.append(buffer, static_cast<size_t>(n));
  }
  int status = 0;
  if (std::sscanf(head.c_str(), "HTTP/1.%*d %3d", &status) != 1 || status < 100 || status > 999) {
    error = "not an HTTP/1.x response";
    return 0;
  }
  return status;
}

}  // namespace

int http_get_status(const std::string& url, Clock::time_point deadline, std::string& error) {
  Target target;
  if (!parse_target(url, target, error)) return 0;
  int fd = connect_to(target, deadline, error);
  if (fd < 0) return 0;
  Channel channel(fd, deadline);
  if (target.tls && !channel.start_tls(target.host, error)) return 0;
  bool v6 = target.host.find(':') != std::string::npos;
  std::string host = v6 ? "[" + target.host + "]" : target.host;
  bool default_port = target.port == (target.tls ? "443" : "80");
  std::string request = "GET " + target.path + " HTTP/1.1\r\nHost: " + host + (default_port ? "" : ":" + target.port) +
                        "\r\nUser-Agent: symptree-exporter\r\nAccept: */*\r\nConnection: close\r\n\r\n";
  if (!channel.write_all(request)) {
    error = "the request could not be sent by the deadline";
    return 0;
  }
  return read_status(channel, error);
}

}  // namespace symptree
