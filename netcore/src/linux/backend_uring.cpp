// Linux backend: io_uring stands in for Winsock's overlapped I/O. What it can really show:
//   [x] completed_immediately  the CQE is already in the ring when io_uring_submit returns
//   [x] pending                no CQE after submit (reported as SOCKET_ERROR + WSA_IO_PENDING)
//   [x] signaled               the slot's registered eventfd became readable (the event object)
//   [x] result_fetched         the CQE reaped: cqe->res is the byte count (WSAGetOverlappedResult)
//   [x] failed                 cqe->res < 0: -ECONNRESET, -ECANCELED (cancel or close) ...
//   [x] scatter-gather         recvmsg/sendmsg with one iovec per WSABUF
//   [x] send pending           sendmsg with MSG_WAITALL completes whole, as WSASend does
//   [x] ordering               ops of one direction on one socket reach the kernel one at a
//                              time, in posting order (see Line below)
// One small ring per OVERLAPPED, each with its own eventfd, so "this op's event" is literal.
#include <arpa/inet.h>
#include <liburing.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "backend.hpp"

namespace netcore::backend {

struct Waker {
  int fd = -1;
};

struct Overlapped {
  io_uring ring{};
  int event_fd = -1;
  msghdr msg{};
  iovec iov[kMaxWsabufs]{};
  int fd = -1;
  bool receive = false;
  bool in_line = false;  // posted and not yet completed
  // The op's CQE has been reaped (or it was cancelled before submit). True before the first
  // post too: a fresh OVERLAPPED holds no operation, Internal is 0 as on Windows, not pending.
  bool completed = true;
  int32_t res = 0;  // its cqe->res
  // The eventfd's state as the kernel last told us (a read, a poll), and the CQ ring's tail then.
  // Only a new CQE (the tail moves) or our own read/write can change it, so while the tail stands
  // still the answer holds and a snapshot needs no system call.
  bool signaled_seen = false;
  unsigned tail_seen = 0;
};

namespace {

constexpr uint64_t kOpTag = 1, kCancelTag = 2;
constexpr uint64_t kStatusPending = 0x103;  // what Windows keeps in Internal while pending

bool readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

// One read takes the whole count and leaves the eventfd at zero (it is not a semaphore).
bool drain_eventfd(int fd) {
  eventfd_t value = 0;
  return eventfd_read(fd, &value) == 0 && value > 0;
}

unsigned cq_tail(const Overlapped* ov) {
  return io_uring_smp_load_acquire(ov->ring.cq.ktail);
}

// Reads (and so resets) the op's event; true when it was signaled. The tail is read first: a CQE
// posted after it makes the next snapshot ask the kernel again, never trust a stale answer.
bool reset_event(Overlapped* ov) {
  const unsigned tail = cq_tail(ov);
  const bool was = drain_eventfd(ov->event_fd);
  ov->signaled_seen = false;
  ov->tail_seen = tail;
  return was;
}

// The op completes without the kernel (an error at submit, a cancel while still in line): we
// signal its event ourselves, as the kernel would with the CQE.
void signal_event(Overlapped* ov) {
  eventfd_write(ov->event_fd, 1);
  ov->signaled_seen = true;
  ov->tail_seen = cq_tail(ov);
}

// Winsock completes the overlapped sends (and receives) of one socket in the order they were
// posted. Separate io_uring requests on one socket have no such order: two pending MSG_WAITALL
// sends interleave their bytes, and two receives may fill out of turn. So per socket and
// direction, ops wait in a line and only its head is in the kernel; the next one is submitted
// when the head completes. A queued op is pending for a true reason: an earlier one holds the
// socket. (Several engines may share the process: the lines are guarded.)
using LineKey = std::pair<int, bool>;  // (socket, receive?)
std::mutex lines_mutex;
std::map<LineKey, std::deque<Overlapped*>> lines;

// Hands the op to the kernel; true when its CQE is already there (completed at the call).
bool submit_now(Overlapped* ov);
void leave_line(Overlapped* ov);

// Reaps CQEs: the op's own one is remembered, cancel requests' results are dropped.
void reap(Overlapped* ov) {
  io_uring_cqe* cqe = nullptr;
  bool finished = false;
  while (io_uring_peek_cqe(&ov->ring, &cqe) == 0 && cqe) {
    if (io_uring_cqe_get_data64(cqe) == kOpTag) {
      ov->completed = true;
      ov->res = cqe->res;
      finished = true;
    }
    io_uring_cqe_seen(&ov->ring, cqe);
  }
  if (finished) leave_line(ov);
}

// The op is done: take it out of its line and send the next one in to the kernel. Its CQE (if
// it completes at once) signals its own eventfd, which the engine's wait then reports.
void leave_line(Overlapped* ov) {
  Overlapped* next = nullptr;
  {
    std::lock_guard lock(lines_mutex);
    if (!ov->in_line) return;
    ov->in_line = false;
    auto it = lines.find({ov->fd, ov->receive});
    if (it == lines.end()) return;
    auto& line = it->second;
    const bool was_head = !line.empty() && line.front() == ov;
    line.erase(std::remove(line.begin(), line.end(), ov), line.end());
    if (line.empty())
      lines.erase(it);
    else if (was_head)
      next = line.front();
  }
  if (next) submit_now(next);
}

bool submit_now(Overlapped* ov) {
  io_uring_sqe* sqe = io_uring_get_sqe(&ov->ring);
  int rc = -EBUSY;
  if (sqe) {
    if (ov->receive)
      io_uring_prep_recvmsg(sqe, ov->fd, &ov->msg, 0);
    else
      io_uring_prep_sendmsg(sqe, ov->fd, &ov->msg, MSG_WAITALL | MSG_NOSIGNAL);
    io_uring_sqe_set_data64(sqe, kOpTag);
    rc = io_uring_submit(&ov->ring);
  }
  if (rc < 0) {  // never reached the kernel: complete it with the error, and signal it
    ov->completed = true;
    ov->res = rc;
    signal_event(ov);
    leave_line(ov);
    return true;
  }
  // The kernel tried the operation inline during submit: a CQE now means it is already done.
  reap(ov);
  return ov->completed;
}

PostResult post(Socket s, Overlapped* ov, const Buffers& b, bool receive) {
  ov->completed = false;
  ov->res = 0;
  ov->fd = int(s);
  ov->receive = receive;
  reset_event(ov);  // like WSARecv/WSASend resetting hEvent before the operation
  for (uint32_t i = 0; i < b.count; ++i) ov->iov[i] = {b.buf[i], b.len[i]};
  ov->msg = msghdr{};
  ov->msg.msg_iov = ov->iov;
  ov->msg.msg_iovlen = b.count;

  bool first_in_line = false;
  {
    std::lock_guard lock(lines_mutex);
    auto& line = lines[{ov->fd, receive}];
    line.push_back(ov);
    ov->in_line = true;
    first_in_line = line.size() == 1;
  }
  PostResult r;
  if (first_in_line) submit_now(ov);
  if (!ov->completed) {
    r.status = Status::pending;
    r.ret = kSocketError;
    r.error = kWsaIoPending;
  } else if (ov->res >= 0) {
    r.status = Status::immediate;
    r.bytes = uint32_t(ov->res);
  } else {
    r.ret = kSocketError;
    r.error = -ov->res;
  }
  return r;
}

// A dotted address, or a host name resolved as Winsock's backend does (getaddrinfo, IPv4). On
// failure `error` is kEaiBase - getaddrinfo's (negative) EAI_* code: errno's codes are all far
// below it, and negative codes are the lab's own (transition.hpp).
constexpr int32_t kEaiBase = 10000;
bool to_address(const char* host, uint16_t port, sockaddr_in& addr, int32_t& error) {
  addr = sockaddr_in{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (inet_pton(AF_INET, host, &addr.sin_addr) == 1) return true;
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(host, nullptr, &hints, &found);
  if (rc != 0 || !found) {
    error = rc == EAI_SYSTEM ? errno : kEaiBase - (rc ? rc : EAI_NONAME);
    return false;
  }
  addr.sin_addr = reinterpret_cast<const sockaddr_in*>(found->ai_addr)->sin_addr;
  ::freeaddrinfo(found);
  return true;
}

}  // namespace

Backend id() {
  return Backend::linux_io_uring;
}
bool startup(std::string&) {
  return true;
}
void cleanup() {}

Socket listen_tcp(const char* host, uint16_t port, int32_t& error) {
  sockaddr_in addr;
  if (!to_address(host, port, addr, error)) return kInvalidSocket;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    error = errno;
    return kInvalidSocket;
  }
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, SOMAXCONN) != 0) {
    error = errno;
    ::close(fd);
    return kInvalidSocket;
  }
  return fd;
}

uint16_t local_port(Socket s) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(int(s), reinterpret_cast<sockaddr*>(&addr), &len) != 0) return 0;
  return ntohs(addr.sin_port);
}

std::string peer_address(Socket s) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(int(s), reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
  return ipv4_text(ntohl(addr.sin_addr.s_addr), ntohs(addr.sin_port));
}

Socket accept_peer(Socket listener, int32_t& error) {
  const int fd = ::accept4(int(listener), nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) {
    error = errno;
    return kInvalidSocket;
  }
  return fd;
}

bool is_would_block(int32_t error) {
  return error == EAGAIN || error == EWOULDBLOCK;
}

Socket accept_wait(Socket listener, Waker* waker, int32_t& error) {
  for (;;) {
    const Socket s = accept_peer(listener, error);
    if (s != kInvalidSocket || !is_would_block(error)) return s;
    pollfd p[2] = {{int(listener), POLLIN, 0}, {waker->fd, POLLIN, 0}};
    if (::poll(p, 2, -1) < 0 && errno != EINTR) {
      error = errno;
      return kInvalidSocket;
    }
    if (p[1].revents & POLLIN) {
      clear(waker);  // the caller runs the commands next; a stale wake would make it spin
      error = 0;
      return kInvalidSocket;
    }
  }
}

Socket connect_tcp(const char* host, uint16_t port, int32_t& error) {
  sockaddr_in addr;
  if (!to_address(host, port, addr, error)) return kInvalidSocket;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = errno;
    return kInvalidSocket;
  }
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    error = errno;
    ::close(fd);
    return kInvalidSocket;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool set_buffer_size(Socket s, bool send_buffer, int32_t bytes, int32_t& error) {
  if (::setsockopt(int(s), SOL_SOCKET, send_buffer ? SO_SNDBUF : SO_RCVBUF, &bytes, sizeof bytes)) {
    error = errno;
    return false;
  }
  return true;
}

bool shutdown_send(Socket s, int32_t& error) {
  if (::shutdown(int(s), SHUT_WR) != 0) {
    error = errno;
    return false;
  }
  return true;
}

void close_socket(Socket s) {
  if (s == kInvalidSocket) return;
  {
    // The socket's lines end with it. Normally they are empty already (before_close cancelled
    // every op), but an op abandoned after the close drain would stay at the head for good, and
    // the next socket given the same number would queue behind it and never reach the kernel.
    std::lock_guard lock(lines_mutex);
    for (bool receive : {true, false}) {
      auto it = lines.find({int(s), receive});
      if (it == lines.end()) continue;
      for (Overlapped* ov : it->second) ov->in_line = false;
      lines.erase(it);
    }
  }
  ::close(int(s));
}

Waker* create_waker() {
  auto* w = new Waker;
  w->fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  return w;
}

void destroy_waker(Waker* w) {
  if (!w) return;
  ::close(w->fd);
  delete w;
}

void wake(Waker* w) {
  eventfd_write(w->fd, 1);
}
void clear(Waker* w) {
  drain_eventfd(w->fd);
}

Overlapped* create_overlapped(int32_t& error) {
  auto* ov = new Overlapped;
  const int rc = io_uring_queue_init(4, &ov->ring, 0);
  if (rc < 0) {
    error = -rc;
    delete ov;
    return nullptr;
  }
  ov->event_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  const int registered =
      ov->event_fd < 0 ? -errno : io_uring_register_eventfd(&ov->ring, ov->event_fd);
  if (registered != 0) {
    error = -registered;  // liburing returns -errno rather than setting errno
    if (ov->event_fd >= 0) ::close(ov->event_fd);
    io_uring_queue_exit(&ov->ring);
    delete ov;
    return nullptr;
  }
  return ov;
}

void destroy_overlapped(Overlapped* ov) {
  if (!ov) return;
  leave_line(ov);
  io_uring_queue_exit(&ov->ring);
  ::close(ov->event_fd);
  delete ov;
}

PostResult post_recv(Socket s, Overlapped* ov, const Buffers& b) {
  return post(s, ov, b, true);
}
PostResult post_send(Socket s, Overlapped* ov, const Buffers& b) {
  return post(s, ov, b, false);
}

Snapshot snapshot(Overlapped* ov) {
  Snapshot snap;
  snap.cqe_ready = io_uring_cq_ready(&ov->ring) > 0;
  if (ov->completed) {
    snap.internal = ov->res < 0 ? uint64_t(-ov->res) : 0;
    snap.internal_high = ov->res > 0 ? uint64_t(ov->res) : 0;
  } else {
    snap.internal = kStatusPending;
  }
  snap.event = uint64_t(ov->event_fd);
  const unsigned tail = cq_tail(ov);
  if (tail == ov->tail_seen) {
    snap.signaled = ov->signaled_seen;  // no CQE since the kernel last answered
  } else {
    snap.signaled = readable(ov->event_fd);
    // A "yes" holds until we read the eventfd. A "no" with new CQEs is not kept: the kernel
    // moves the tail before it signals, so the signal may be a moment away.
    if (snap.signaled) {
      ov->signaled_seen = true;
      ov->tail_seen = tail;
    }
  }
  return snap;
}

int wait_any(Overlapped* const* ovs, int n, Waker* waker, int timeout_ms, int32_t& error) {
  pollfd fds[kMaxWaitOps + 1];
  if (n > kMaxWaitOps) {
    error = EINVAL;
    return -2;
  }
  unsigned tails[kMaxWaitOps];
  for (int i = 0; i < n; ++i) {
    fds[i] = {ovs[i]->event_fd, POLLIN, 0};
    tails[i] = cq_tail(ovs[i]);
  }
  fds[n] = {waker->fd, POLLIN, 0};
  for (;;) {
    const int rc = ::poll(fds, nfds_t(n + 1), timeout_ms);
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0) {
      error = errno;
      return -2;
    }
    if (rc == 0) return -1;
    for (int i = 0; i < n; ++i)  // the kernel's answer, kept for the snapshots that follow
      if (fds[i].revents & POLLIN) {
        ovs[i]->signaled_seen = true;
        ovs[i]->tail_seen = tails[i];
      }
    // Like WSAWaitForMultipleEvents: the lowest signaled index wins.
    for (int i = 0; i <= n; ++i)
      if (fds[i].revents & (POLLIN | POLLERR)) return i;
  }
}

FetchResult fetch_result(Socket, Overlapped* ov, bool reset) {
  if (reset) reset_event(ov);
  reap(ov);
  FetchResult r;
  if (!ov->completed) {
    r.error = kWsaIoIncomplete;
    return r;
  }
  if (ov->res < 0) {
    r.error = -ov->res;
    return r;
  }
  r.ok = true;
  r.ret = 1;
  r.bytes = uint32_t(ov->res);
  return r;
}

bool consume_signal(Overlapped* ov) {
  return reset_event(ov);
}

bool cancel(Socket, Overlapped* ov, int32_t& error) {
  {
    // Still waiting in line, never submitted: it is aborted here, as the kernel would.
    std::unique_lock lock(lines_mutex);
    auto it = lines.find({ov->fd, ov->receive});
    if (ov->in_line && it != lines.end() && it->second.front() != ov) {
      lock.unlock();
      ov->completed = true;
      ov->res = -ECANCELED;
      signal_event(ov);
      leave_line(ov);
      return true;
    }
  }
  io_uring_sqe* sqe = io_uring_get_sqe(&ov->ring);
  if (!sqe) {
    error = EBUSY;
    return false;
  }
  io_uring_prep_cancel64(sqe, kOpTag, 0);
  io_uring_sqe_set_data64(sqe, kCancelTag);
  const int rc = io_uring_submit(&ov->ring);
  if (rc < 0) {
    error = -rc;
    return false;
  }
  return true;
}

void before_close(Socket s, Overlapped* ov) {
  int32_t ignored = 0;
  cancel(s, ov, ignored);
}

}  // namespace netcore::backend
