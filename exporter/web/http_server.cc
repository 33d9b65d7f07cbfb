// HttpServer: the epoll loop, deadlines, and the worker pool.
#include "exporter/web/http_server.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "exporter/core/log.h"

namespace symptree {
namespace {

constexpr uint64_t kListenId = 0;
constexpr uint64_t kWakeId = ~uint64_t{0};
constexpr size_t kMaxBuffered = kMaxHeaderBytes + kMaxBodyBytes + 1;  // one request's worth, and one byte to see it is too much
constexpr auto kTick = std::chrono::milliseconds(100);               // how often deadlines are checked

std::atomic<int> abandoned{0};

void wake(int fd) {
  uint64_t one = 1;
  ssize_t ignored = ::write(fd, &one, sizeof one);
  (void)ignored;
}

}  // namespace

HttpServer::HttpServer(int listen_fd, SSL_CTX* tls, HttpHandler& handler, HttpServerLimits limits,
                       HeaderList default_headers)
    : listen_fd_(listen_fd), tls_(tls), handler_(handler), limits_(limits), default_headers_(std::move(default_headers)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = kListenId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &event);
  event.data.u64 = kWakeId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event);
  for (int i = 0; i < limits_.workers; ++i) workers_.emplace_back([this] { worker_loop(); });
}

HttpServer::~HttpServer() {
  stop_workers();
  connections_.clear();
  ::close(listen_fd_);
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

int HttpServer::abandoned_workers() { return abandoned.load(); }

void HttpServer::stop() {
  stopping_ = true;
  wake(wake_fd_);
}

void HttpServer::serve() {
  std::vector<epoll_event> events(256);
  SteadyClock::time_point next_check = SteadyClock::now() + kTick;
  while (!stopping_) {
    int count = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), static_cast<int>(kTick.count()));
    if (count < 0 && errno != EINTR) {
      log_error(std::string("epoll_wait failed: ") + std::strerror(errno));
      break;
    }
    for (int i = 0; i < count && !stopping_; ++i) {
      uint64_t id = events[i].data.u64;
      if (id == kListenId) {
        accept_all();
      } else if (id == kWakeId) {
        uint64_t value;
        ssize_t ignored = ::read(wake_fd_, &value, sizeof value);
        (void)ignored;
        deliver_done();
      } else {
        auto found = connections_.find(id);
        if (found != connections_.end()) on_event(*found->second, events[i].events);
      }
    }
    SteadyClock::time_point now = SteadyClock::now();
    if (now >= next_check) {
      expire(now);
      next_check = now + kTick;
    }
  }
  connections_.clear();
  stop_workers();
}

void HttpServer::accept_all() {
  for (int i = 0; i < 256; ++i) {
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE) log_warn("out of file descriptors; connections wait in the backlog");
      return;
    }
    if (connections_.size() >= limits_.max_connections) {
      ::close(fd);  // over the cap: refused at once rather than queued
      continue;
    }
    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    SSL* ssl = nullptr;
    if (tls_) {
      ssl = SSL_new(tls_);
      SSL_set_fd(ssl, fd);
      SSL_set_accept_state(ssl);
    }
    uint64_t id = next_id_++;
    auto connection = std::make_unique<Connection>(id, fd, ssl);
    connection->deadline = SteadyClock::now() + limits_.header_timeout;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = id;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
    connection->registered_events = EPOLLIN;
    connections_.emplace(id, std::move(connection));
  }
}

void HttpServer::on_event(Connection& connection, uint32_t events) {
  uint64_t id = connection.id();
  if (events & (EPOLLHUP | EPOLLERR)) return close_connection(id);
  bool peer_closed = false;
  if (!connection.sending() && !connection.busy) {
    bool was_empty = connection.input().empty();
    peer_closed = connection.read_some(kMaxBuffered) == Connection::Io::closed;
    if (peer_closed && connection.input().empty()) return close_connection(id);
    if (was_empty && !connection.input().empty()) connection.deadline = SteadyClock::now() + limits_.header_timeout;
    if (peer_closed) connection.close_after_send = true;  // answer what was sent, then close
  }
  if (pump(connection) && peer_closed && !connection.busy && !connection.sending()) close_connection(id);
}

bool HttpServer::pump(Connection& connection) {
  // Iterative, not recursive: a client may pipeline thousands of requests.
  while (true) {
    if (connection.sending()) {
      Connection::Io io = connection.write_some();
      if (io == Connection::Io::closed || (io == Connection::Io::progress && connection.close_after_send)) {
        close_connection(connection.id());
        return false;
      }
      if (io == Connection::Io::would_block) break;
      connection.deadline =
          SteadyClock::now() + (connection.input().empty() ? limits_.idle_timeout : limits_.header_timeout);
    }
    if (connection.busy) break;
    ParseResult parsed = parse_http_request(connection.input());
    if (parsed.state == ParseResult::State::incomplete) break;
    if (parsed.state == ParseResult::State::error) {
      HttpResponse response = text_response(parsed.status, parsed.reason + "\n");
      response.close = true;
      connection.consume(connection.input().size());
      queue_reply(connection, response, false, false);
      continue;
    }
    connection.consume(parsed.consumed);
    bool keep_alive = parsed.request.keep_alive();
    bool head_only = parsed.request.method == "HEAD";
    if (std::optional<HttpResponse> now = handler_.answer_now(parsed.request)) {
      queue_reply(connection, *now, keep_alive, head_only);
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (jobs_.size() < limits_.max_queued) {
        jobs_.push_back({connection.id(), std::move(parsed.request)});
        connection.busy = true;
      }
    }
    if (!connection.busy) handler_.dropped(parsed.request);
    if (connection.busy) {
      jobs_ready_.notify_one();
      break;
    }
    queue_reply(connection, text_response(503, "server busy; try again\n"), keep_alive, head_only);
  }
  update_events(connection);
  return true;
}

void HttpServer::queue_reply(Connection& connection, const HttpResponse& response, bool keep_alive, bool head_only) {
  connection.send(serialize_response(response, keep_alive, head_only, default_headers_), !keep_alive || response.close);
  connection.deadline = SteadyClock::now() + limits_.write_timeout;
}

void HttpServer::deliver_done() {
  std::vector<Done> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done.swap(done_);
  }
  for (Done& item : done) {
    auto found = connections_.find(item.id);
    if (found == connections_.end()) continue;
    Connection& connection = *found->second;
    connection.busy = false;
    connection.send(std::move(item.bytes), item.close);
    connection.deadline = SteadyClock::now() + limits_.write_timeout;
    pump(connection);
  }
}

void HttpServer::expire(SteadyClock::time_point now) {
  std::vector<uint64_t> expired;
  for (const auto& [id, connection] : connections_) {
    if (!connection->busy && connection->deadline <= now) expired.push_back(id);
  }
  for (uint64_t id : expired) close_connection(id);
}

void HttpServer::update_events(Connection& connection) {
  uint32_t wanted = connection.wanted_events();
  if (wanted == connection.registered_events) return;
  epoll_event event{};
  event.events = wanted;
  event.data.u64 = connection.id();
  epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, connection.fd(), &event);
  connection.registered_events = wanted;
}

void HttpServer::close_connection(uint64_t id) {
  auto found = connections_.find(id);
  if (found == connections_.end()) return;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, found->second->fd(), nullptr);
  connections_.erase(found);
}

void HttpServer::worker_loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    jobs_ready_.wait(lock, [this] { return workers_stop_ || !jobs_.empty(); });
    if (workers_stop_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    ++busy_workers_;
    lock.unlock();
    HttpResponse response;
    try {
      response = handler_.answer(job.request);
    } catch (const std::exception& error) {
      log_error(std::string("request failed: ") + error.what());
      response = text_response(500, "internal error\n");
    }
    bool keep_alive = job.request.keep_alive() && !response.close;
    std::string bytes = serialize_response(response, keep_alive, job.request.method == "HEAD", default_headers_);
    lock.lock();
    --busy_workers_;
    done_.push_back({job.id, std::move(bytes), !keep_alive});
    workers_idle_.notify_all();
    wake(wake_fd_);
  }
}

void HttpServer::stop_workers() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (workers_.empty()) return;
  workers_stop_ = true;
  jobs_.clear();
  jobs_ready_.notify_all();
  // A worker inside a scrape may wait up to the collector timeout: give it a
  // moment, then leave it running so that stopping takes well under a second.
  bool idle = workers_idle_.wait_for(lock, std::chrono::milliseconds(300), [this] { return busy_workers_ == 0; });
  lock.unlock();
  for (std::thread& worker : workers_) {
    if (idle) {
      worker.join();
    } else {
      worker.detach();
    }
  }
  if (!idle) abandoned += busy_workers_;
  workers_.clear();
}

}  // namespace symptree
