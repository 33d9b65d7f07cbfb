// EventLoop: epoll, accepting its share of connections, deadlines, and the
// hand-off to and from the workers.
#include "exporter/web/event_loop.h"

#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "exporter/core/log.h"

namespace symptree {
namespace {

constexpr uint64_t kListenId = 0;
constexpr uint64_t kWakeId = ~uint64_t{0};
constexpr size_t kMaxBuffered = kMaxHeaderBytes + kMaxBodyBytes + 1;  // one request's worth, and one byte to see it is too much
constexpr auto kTick = std::chrono::milliseconds(100);               // how often deadlines are checked
constexpr int kMaxEvents = 256;                                       // events taken per epoll_wait
constexpr int kAcceptBatch = 64;                                      // connections taken per turn of the listening socket
constexpr size_t kBalanceSlack = 16;  // a loop takes connections while it holds at most this many more than the fewest

void wake(int fd) {
  uint64_t one = 1;
  ssize_t ignored = ::write(fd, &one, sizeof one);
  (void)ignored;
}

}  // namespace

EventLoop::EventLoop(int index, LoopShared& shared) : index_(index), shared_(shared) {
  shared_.open[index_] = 0;
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = kListenId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, shared_.listen_fd, &event);
  event.data.u64 = kWakeId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event);
}

EventLoop::~EventLoop() {
  close_all();
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

void EventLoop::stop() {
  stopping_ = true;
  wake(wake_fd_);
}

void EventLoop::reply(uint64_t connection_id, std::string bytes, bool close) {
  bool was_empty;
  {
    std::lock_guard<std::mutex> lock(done_mutex_);
    was_empty = done_.empty();
    done_.push_back({connection_id, std::move(bytes), close});
    done_pending_ = true;
  }
  if (was_empty) wake(wake_fd_);
}

void EventLoop::run() {
  pthread_setname_np(pthread_self(), "exporter-loop");  // shown by top -H and in /proc/PID/task/*/comm
  std::vector<epoll_event> events(kMaxEvents);
  SteadyClock::time_point next_check = SteadyClock::now() + kTick;
  while (!stopping_) {
    int count = epoll_wait(epoll_fd_, events.data(), kMaxEvents, static_cast<int>(kTick.count()));
    if (count < 0 && errno != EINTR) {
      log_error(std::string("epoll_wait failed: ") + std::strerror(errno));
      break;
    }
    for (int i = 0; i < count && !stopping_; ++i) {
      uint64_t id = events[i].data.u64;
      if (id == kListenId) {
        accept_some();
      } else if (id == kWakeId) {
        uint64_t value;
        ssize_t ignored = ::read(wake_fd_, &value, sizeof value);
        (void)ignored;
      } else {
        auto found = connections_.find(id);
        if (found != connections_.end()) on_event(*found->second, events[i].events);
      }
    }
    // Answers the workers finished go out after every batch, not when the
    // eventfd's turn comes among thousands of ready connections; and while
    // batches come full, new connections are taken after each one, not once
    // the listening socket's turn comes round.
    if (done_pending_) deliver_done();
    if (count == kMaxEvents && !stopping_) accept_some();
    SteadyClock::time_point now = SteadyClock::now();
    if (now >= next_check) {
      expire(now);
      next_check = now + kTick;
    }
  }
  close_all();
}

bool EventLoop::takes_connections() const {
  size_t fewest = shared_.open[0];
  for (const std::atomic<size_t>& open : shared_.open) fewest = std::min<size_t>(fewest, open);
  return shared_.open[index_] <= fewest + kBalanceSlack;
}

void EventLoop::accept_some() {
  for (int i = 0; i < kAcceptBatch && takes_connections(); ++i) {
    int fd = accept4(shared_.listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE) log_warn("out of file descriptors; connections wait in the backlog");
      return;
    }
    if (shared_.connections >= shared_.limits.max_connections) {
      ::close(fd);  // over the cap: refused at once rather than queued
      continue;
    }
    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    SSL* ssl = nullptr;
    if (shared_.tls) {
      ssl = SSL_new(shared_.tls);
      SSL_set_fd(ssl, fd);
      SSL_set_accept_state(ssl);
    }
    uint64_t id = next_id_++;
    auto connection = std::make_unique<Connection>(id, fd, ssl);
    connection->deadline = SteadyClock::now() + shared_.limits.header_timeout;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = id;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
    connection->registered_events = EPOLLIN;
    Connection& added = *connections_.emplace(id, std::move(connection)).first->second;
    ++shared_.connections;
    ++shared_.open[index_];
    // What the client sent with its handshake is read now, not a turn of the ready list later.
    on_event(added, EPOLLIN);
  }
}

void EventLoop::on_event(Connection& connection, uint32_t events) {
  uint64_t id = connection.id();
  if (events & (EPOLLHUP | EPOLLERR)) return close_connection(id);
  bool peer_closed = false;
  if (!connection.sending() && !connection.busy) {
    bool was_empty = connection.input().empty();
    Connection::Io io = connection.read_some(kMaxBuffered);
    peer_closed = io == Connection::Io::closed;
    if (peer_closed && connection.input().empty()) return close_connection(id);
    if (was_empty && !connection.input().empty()) connection.deadline = SteadyClock::now() + shared_.limits.header_timeout;
    if (peer_closed) connection.close_after_send = true;  // answer what was sent, then close
  }
  if (pump(connection) && peer_closed && !connection.busy && !connection.sending()) close_connection(id);
}

bool EventLoop::pump(Connection& connection) {
  const HttpServerLimits& limits = shared_.limits;
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
          SteadyClock::now() + (connection.input().empty() ? limits.idle_timeout : limits.header_timeout);
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
    if (std::optional<HttpResponse> now = shared_.handler.answer_now(parsed.request)) {
      queue_reply(connection, *now, keep_alive, head_only);
      continue;
    }
    if (shared_.pool.submit(*this, connection.id(), parsed.request)) {
      connection.busy = true;
      break;
    }
    shared_.handler.dropped(parsed.request);
    queue_reply(connection, text_response(503, "server busy; try again\n"), keep_alive, head_only);
  }
  update_events(connection);
  return true;
}

void EventLoop::queue_reply(Connection& connection, const HttpResponse& response, bool keep_alive, bool head_only) {
  connection.send(serialize_response(response, keep_alive, head_only, shared_.default_headers),
                  !keep_alive || response.close);
  connection.deadline = SteadyClock::now() + shared_.limits.write_timeout;
}

void EventLoop::deliver_done() {
  std::vector<Done> done;
  {
    std::lock_guard<std::mutex> lock(done_mutex_);
    done.swap(done_);
    done_pending_ = false;
  }
  for (Done& item : done) {
    auto found = connections_.find(item.id);
    if (found == connections_.end()) continue;
    Connection& connection = *found->second;
    connection.busy = false;
    connection.send(std::move(item.bytes), item.close);
    connection.deadline = SteadyClock::now() + shared_.limits.write_timeout;
    pump(connection);
  }
}

void EventLoop::expire(SteadyClock::time_point now) {
  std::vector<uint64_t> expired;
  for (const auto& [id, connection] : connections_) {
    if (!connection->busy && connection->deadline <= now) expired.push_back(id);
  }
  for (uint64_t id : expired) close_connection(id);
}

void EventLoop::update_events(Connection& connection) {
  uint32_t wanted = connection.wanted_events();
  if (wanted == connection.registered_events) return;
  epoll_event event{};
  event.events = wanted;
  event.data.u64 = connection.id();
  epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, connection.fd(), &event);
  connection.registered_events = wanted;
}

void EventLoop::close_connection(uint64_t id) {
  auto found = connections_.find(id);
  if (found == connections_.end()) return;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, found->second->fd(), nullptr);
  connections_.erase(found);
  --shared_.connections;
  --shared_.open[index_];
}

void EventLoop::close_all() {
  shared_.connections -= connections_.size();
  shared_.open[index_] -= connections_.size();
  connections_.clear();
}

}  // namespace symptree
