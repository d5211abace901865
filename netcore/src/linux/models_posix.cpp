// The four I/O models' socket verbs on Linux, for the pair and the three cells that are not
// overlapped (that one calls the backend's verbs: backend_uring.cpp).
// States it really shows: blocked/unblocked (asleep in recv or select), would_block (EAGAIN),
// ready, completed_immediately, failed, peer_closed.
// What each Winsock name really is here:
//   recv (blocking)          recv(2) on a blocking socket, bounded by SO_RCVTIMEO
//   ioctlsocket(FIONBIO)     ioctl(2) FIONBIO, the same request; WSAEWOULDBLOCK = EAGAIN
//   select                   select(2)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
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

int fd_of(Socket s) {
  return static_cast<int>(s);
}

CallResult answer(long ret) {
  return {static_cast<int32_t>(ret), ret < 0 ? static_cast<int32_t>(errno) : 0};
}

}  // namespace

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

}  // namespace netcore::models_io
