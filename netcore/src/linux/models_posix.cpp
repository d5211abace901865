// The four I/O models' socket verbs on Linux.
// States it really shows: blocked/unblocked (asleep in recv or select), would_block (EAGAIN),
// ready, posted, pending (no CQE after submit), completed_immediately (a CQE during submit),
// signaled (the eventfd), result_fetched, failed, peer_closed.
// What each Winsock name really is here:
//   recv (blocking)          recv(2) on a blocking socket, bounded by SO_RCVTIMEO
//   ioctlsocket(FIONBIO)     ioctl(2) FIONBIO, the same request; WSAEWOULDBLOCK = EAGAIN
//   select                   select(2)
//   WSARecv + WSAOVERLAPPED  a 4-entry io_uring with an IORING_OP_RECV; WSA_IO_PENDING = no CQE
//                            right after io_uring_submit
//   event object (hEvent)    an eventfd registered with the ring: the kernel signals it when
//                            it posts the CQE
//   WSAWaitForMultipleEvents poll(2) on the eventfd
//   WSAGetOverlappedResult   read the eventfd (reset), reap the CQE: res = bytes or -errno
#include <arpa/inet.h>
#include <fcntl.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "models_io.hpp"

namespace netcore::models_io {
namespace {

constexpr int32_t kWaitEvent0 = 0;      // WSA_WAIT_EVENT_0
constexpr int32_t kWaitTimeout = 258;   // WSA_WAIT_TIMEOUT
constexpr int32_t kWaitFailed = -1;     // WSA_WAIT_FAILED
constexpr int32_t kIoIncomplete = 996;  // WSA_IO_INCOMPLETE
constexpr uint64_t kStatusPending = 0x103;
constexpr uint64_t kRecvTag = 1, kCancelTag = 2;

int fd_of(Socket s) {
  return static_cast<int>(s);
}

CallResult answer(long ret) {
  return {static_cast<int32_t>(ret), ret < 0 ? static_cast<int32_t>(errno) : 0};
}

}  // namespace

Backend id() {
  return Backend::linux_io_uring;
}
bool startup(std::string&) {
  return true;
}
void cleanup() {}

uint32_t thread_id() {
  return static_cast<uint32_t>(gettid());
}

uint64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000ull + static_cast<uint64_t>(ts.tv_nsec);
}

std::string describe_error(int32_t code) {
  const char* name = strerrorname_np(code);
  return std::string(name ? name : "error " + std::to_string(code)) + " (" + strerror(code) + ")";
}

bool make_pair(Pair& pair, std::string& error) {
  auto fail = [&](const char* what, int listener) {
    error = std::string(what) + " failed: " + describe_error(errno);
    if (listener >= 0) close(listener);
    close_socket(pair.sender);
    close_socket(pair.receiver);
    pair = {};
    return false;
  };
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0) return fail("socket", -1);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // ephemeral: never "in use"
  socklen_t addr_len = sizeof addr;
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return fail("bind 127.0.0.1:0", listener);
  if (listen(listener, 1) != 0) return fail("listen", listener);
  if (getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0)
    return fail("getsockname", listener);
  pair.sender = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (pair.sender < 0) return fail("socket", listener);
  if (connect(fd_of(pair.sender), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return fail("connect to the loopback listener", listener);
  pair.receiver = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
  if (pair.receiver < 0) return fail("accept", listener);
  close(listener);
  int one = 1;  // the 100 bytes leave in one segment, at once
  setsockopt(fd_of(pair.sender), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return true;
}

void close_socket(Socket s) {
  if (s >= 0) close(fd_of(s));
}

CallResult send_bytes(Socket s, const char* data, uint32_t len) {
  return answer(send(fd_of(s), data, len, MSG_NOSIGNAL));
}

CallResult shutdown_send(Socket s) {
  return answer(shutdown(fd_of(s), SHUT_WR));
}

CallResult reset(Socket s) {
  linger abort{1, 0};
  setsockopt(fd_of(s), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
  return answer(close(fd_of(s)));
}

bool set_receive_timeout(Socket s, uint32_t ms, int32_t& error) {
  timeval tv{};
  tv.tv_sec = ms / 1000;
  tv.tv_usec = static_cast<suseconds_t>(ms % 1000) * 1000;
  if (setsockopt(fd_of(s), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0) return true;
  error = errno;
  return false;
}

CallResult set_nonblocking(Socket s) {
  int on = 1;  // the very request ioctlsocket(FIONBIO) makes on Windows
  return answer(ioctl(fd_of(s), FIONBIO, &on));
}

CallResult recv_bytes(Socket s, char* buffer, uint32_t len) {
  return answer(recv(fd_of(s), buffer, len, 0));
}

bool is_would_block(int32_t error) {
  return error == EAGAIN || error == EWOULDBLOCK;
}
bool is_timeout(int32_t error) {
  return is_would_block(error);
}  // SO_RCVTIMEO gives EAGAIN

CallResult select_readable(Socket s, uint32_t timeout_ms) {
  if (fd_of(s) >= FD_SETSIZE) return {-1, EBADF};  // select cannot watch it
  fd_set readable;
  FD_ZERO(&readable);
  FD_SET(fd_of(s), &readable);
  timeval tv{};
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = static_cast<suseconds_t>(timeout_ms % 1000) * 1000;
  return answer(select(fd_of(s) + 1, &readable, nullptr, nullptr, &tv));
}

// --- The overlapped receive.
struct Overlapped {
  io_uring ring{};
  int event = -1;
  bool in_flight = false;  // submitted, CQE not reaped yet
  int32_t res = 0;         // the reaped CQE's res
};

Overlapped* create_overlapped(std::string& error) {
  auto* ov = new Overlapped;
  int ret = io_uring_queue_init(4, &ov->ring, 0);
  if (ret < 0) {
    error = "io_uring_queue_init failed: " + describe_error(-ret);
    delete ov;
    return nullptr;
  }
  ov->event = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (ov->event < 0) {
    error = "eventfd failed: " + describe_error(errno);
  } else if ((ret = io_uring_register_eventfd(&ov->ring, ov->event)) < 0) {
    error = "io_uring_register_eventfd failed: " + describe_error(-ret);
  } else {
    return ov;
  }
  destroy_overlapped(ov);
  return nullptr;
}

void destroy_overlapped(Overlapped* ov) {
  if (!ov) return;
  io_uring_queue_exit(&ov->ring);
  if (ov->event >= 0) close(ov->event);
  delete ov;
}

namespace {

void reset_event(Overlapped* ov) {
  eventfd_t value = 0;
  eventfd_read(ov->event, &value);  // EAGAIN when not signaled: already reset
}

// Reaps the receive's CQE if the kernel has posted it; cancel CQEs are dropped on the way.
bool reap(Overlapped* ov) {
  io_uring_cqe* cqe = nullptr;
  while (ov->in_flight && io_uring_peek_cqe(&ov->ring, &cqe) == 0) {
    if (io_uring_cqe_get_data64(cqe) == kRecvTag) {
      ov->res = cqe->res;
      ov->in_flight = false;
    }
    io_uring_cqe_seen(&ov->ring, cqe);
  }
  return !ov->in_flight;
}

}  // namespace

PostResult post_recv(Socket s, Overlapped* ov, char* buffer, uint32_t len) {
  io_uring_sqe* sqe = io_uring_get_sqe(&ov->ring);
  if (!sqe) return {Post::failed, -1, EBUSY, 0};
  io_uring_prep_recv(sqe, fd_of(s), buffer, len, 0);
  io_uring_sqe_set_data64(sqe, kRecvTag);
  int submitted = io_uring_submit(&ov->ring);
  if (submitted < 0) return {Post::failed, -1, -submitted, 0};
  ov->in_flight = true;
  if (!reap(ov)) return {Post::pending, -1, kWsaIoPending, 0};
  // Completed during the submit: data was already there (path 1 -> 2). Like Windows the
  // event is signaled then; consume it so a later wait does not report it again.
  reset_event(ov);
  if (ov->res < 0) return {Post::failed, -1, -ov->res, 0};
  return {Post::immediate, 0, 0, static_cast<uint32_t>(ov->res)};
}

WaitResult wait_event(Overlapped* ov, uint32_t timeout_ms) {
  pollfd p{ov->event, POLLIN, 0};
  int ret = poll(&p, 1, static_cast<int>(timeout_ms));
  if (ret < 0) return {false, kWaitFailed, errno};
  if (ret == 0) return {false, kWaitTimeout, 0};
  return {true, kWaitEvent0, 0};
}

FetchResult fetch_result(Socket, Overlapped* ov) {
  reset_event(ov);
  if (!reap(ov)) return {false, 0, kIoIncomplete, 0};
  if (ov->res < 0) return {false, 0, -ov->res, 0};
  return {true, 1, 0, static_cast<uint32_t>(ov->res)};
}

bool cancel_and_wait(Socket, Overlapped* ov, uint32_t timeout_ms) {
  if (reap(ov)) return true;
  if (io_uring_sqe* sqe = io_uring_get_sqe(&ov->ring)) {
    io_uring_prep_cancel64(sqe, kRecvTag, 0);
    io_uring_sqe_set_data64(sqe, kCancelTag);
    io_uring_submit(&ov->ring);
  }
  __kernel_timespec ts{};
  ts.tv_sec = timeout_ms / 1000;
  ts.tv_nsec = static_cast<long long>(timeout_ms % 1000) * 1'000'000;
  io_uring_cqe* cqe = nullptr;
  while (!reap(ov)) {
    if (io_uring_wait_cqe_timeout(&ov->ring, &cqe, &ts) < 0) return reap(ov);
  }
  reset_event(ov);
  return true;
}

OverlappedFields fields(Overlapped* ov) {
  OverlappedFields f;
  f.internal = ov->in_flight ? kStatusPending : static_cast<uint64_t>(ov->res < 0 ? -ov->res : 0);
  f.internal_high = ov->in_flight || ov->res < 0 ? 0 : static_cast<uint64_t>(ov->res);
  f.event = static_cast<uint64_t>(ov->event);
  return f;
}

}  // namespace netcore::models_io
