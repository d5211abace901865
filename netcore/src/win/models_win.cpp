// The four I/O models' socket verbs with Winsock, for the pair and the three cells that are not
// overlapped (that one calls the backend's verbs: backend_win.cpp, WSARecv + WSAOVERLAPPED.hEvent,
// WSAWaitForMultipleEvents, WSAGetOverlappedResult).
// States it really shows: blocked/unblocked (asleep in recv or select), would_block
// (WSAEWOULDBLOCK), ready, completed_immediately, failed, peer_closed.
// The lecture's own calls:
//   recv on a default (blocking) socket, bounded by SO_RCVTIMEO
//   ioctlsocket(FIONBIO, 1) + recv failing with WSAEWOULDBLOCK
//   select, then recv
// winsock2.h must come before windows.h (which would pull in the old winsock.h).
// clang-format off
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
// clang-format on

#include <string>

#include "models_io.hpp"

namespace netcore::models_io {
namespace {

SOCKET sock(Socket s) {
  return static_cast<SOCKET>(s);
}

CallResult answer(int ret) {
  return {static_cast<int32_t>(ret), ret == SOCKET_ERROR ? WSAGetLastError() : 0};
}

}  // namespace

uint32_t thread_id() {
  return static_cast<uint32_t>(GetCurrentThreadId());
}

uint64_t thread_cpu_ns() {
  FILETIME created{}, exited{}, kernel{}, user{};
  if (!GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user)) return 0;
  auto ticks = [](FILETIME f) {  // 100 ns units
    return (static_cast<uint64_t>(f.dwHighDateTime) << 32) | f.dwLowDateTime;
  };
  return (ticks(kernel) + ticks(user)) * 100;
}

std::string describe_error(int32_t code) {
  char text[256] = {};
  DWORD len = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
                             static_cast<DWORD>(code), 0, text, sizeof text, nullptr);
  while (len > 0 && (text[len - 1] == '\r' || text[len - 1] == '\n' || text[len - 1] == '.'))
    text[--len] = '\0';
  return "error " + std::to_string(code) + (len ? " (" + std::string(text) + ")" : "");
}

bool make_pair(Pair& pair, std::string& error) {
  SOCKET listener = INVALID_SOCKET;
  auto fail = [&](const char* what) {
    error = std::string(what) + " failed: " + describe_error(WSAGetLastError());
    if (listener != INVALID_SOCKET) closesocket(listener);
    close_socket(pair.sender);
    close_socket(pair.receiver);
    pair = {};
    return false;
  };
  // socket() makes overlapped-capable sockets (WSA_FLAG_OVERLAPPED); accept's inherit it.
  listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (listener == INVALID_SOCKET) return fail("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // ephemeral: never "in use"
  int addr_len = sizeof addr;
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == SOCKET_ERROR)
    return fail("bind 127.0.0.1:0");
  if (listen(listener, 1) == SOCKET_ERROR) return fail("listen");
  if (getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &addr_len) == SOCKET_ERROR)
    return fail("getsockname");
  SOCKET sender = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (sender == INVALID_SOCKET) return fail("socket");
  pair.sender = static_cast<Socket>(sender);
  if (connect(sender, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == SOCKET_ERROR)
    return fail("connect to the loopback listener");
  SOCKET receiver = accept(listener, nullptr, nullptr);
  if (receiver == INVALID_SOCKET) return fail("accept");
  pair.receiver = static_cast<Socket>(receiver);
  closesocket(listener);
  BOOL one = TRUE;  // the 100 bytes leave in one segment, at once
  setsockopt(sender, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&one), sizeof one);
  return true;
}

void close_socket(Socket s) {
  if (s != kInvalidSocket) closesocket(sock(s));
}

CallResult send_bytes(Socket s, const char* data, uint32_t len) {
  return answer(send(sock(s), data, static_cast<int>(len), 0));
}

CallResult shutdown_send(Socket s) {
  return answer(shutdown(sock(s), SD_SEND));
}

CallResult reset(Socket s) {
  linger abort{1, 0};
  setsockopt(sock(s), SOL_SOCKET, SO_LINGER, reinterpret_cast<const char*>(&abort), sizeof abort);
  return answer(closesocket(sock(s)));
}

bool set_receive_timeout(Socket s, uint32_t ms, int32_t& error) {
  DWORD timeout = ms;
  if (setsockopt(sock(s), SOL_SOCKET, SO_RCVTIMEO, reinterpret_cast<const char*>(&timeout),
                 sizeof timeout) == 0)
    return true;
  error = WSAGetLastError();
  return false;
}

CallResult set_nonblocking(Socket s) {
  u_long on = 1;
  return answer(ioctlsocket(sock(s), FIONBIO, &on));
}

CallResult recv_bytes(Socket s, char* buffer, uint32_t len) {
  return answer(recv(sock(s), buffer, static_cast<int>(len), 0));
}

bool is_would_block(int32_t error) {
  return error == WSAEWOULDBLOCK;
}
bool is_timeout(int32_t error) {
  return error == WSAETIMEDOUT;
}

CallResult select_readable(Socket s, uint32_t timeout_ms) {
  fd_set readable;
  FD_ZERO(&readable);
  FD_SET(sock(s), &readable);
  timeval tv{};
  tv.tv_sec = static_cast<long>(timeout_ms / 1000);
  tv.tv_usec = static_cast<long>(timeout_ms % 1000) * 1000;
  return answer(select(0, &readable, nullptr, nullptr, &tv));  // nfds: ignored by Winsock
}

}  // namespace netcore::models_io
