// One of the lecture's pitfalls, made on purpose on a loopback pair (LECTURE.md section 6), for
// iolab's checker to find in the probe's stream. Prints the same lines with or without the probe.
//   pitfall.exe reuse|send_changed|zero_repost|event_without_op|incomplete|cancel|threads
// (cancel, threads: no pitfall; a pending receive canceled and its end fetched; two threads)
#include <winsock2.h>
#ifdef IOLAB_WITH_PROBE
#include "iolab_probe.h"
#endif
#include <cstdio>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

namespace {

SOCKET server_side = INVALID_SOCKET, client_side = INVALID_SOCKET;

bool make_pair_of_sockets() {
  SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int len = sizeof addr;
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener, 1) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return false;
  client_side = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(client_side, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return false;
  server_side = accept(listener, nullptr, nullptr);
  closesocket(listener);
  return server_side != INVALID_SOCKET;
}

// Waits for the op's event, fetches its result; prints like the lecture's server.
void wait_and_fetch(SOCKET s, WSAOVERLAPPED& ov, const char* what) {
  WSAWaitForMultipleEvents(1, &ov.hEvent, TRUE, WSA_INFINITE, FALSE);
  DWORD bytes = 0, flags = 0;
  if (WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags))
    std::printf("%s Len = %lu\n", what, static_cast<unsigned long>(bytes));
  else
    std::printf("%s failed: %d\n", what, WSAGetLastError());
}

int post_recv(SOCKET s, char* buf, ULONG len, WSAOVERLAPPED& ov) {
  WSABUF b{len, buf};
  DWORD bytes = 0, flags = 0;
  const int r = WSARecv(s, &b, 1, &bytes, &flags, &ov, nullptr);
  return r == 0 ? 0 : WSAGetLastError();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr,
                 "usage: pitfall "
                 "reuse|send_changed|zero_repost|event_without_op|incomplete|cancel|threads\n");
    return 2;
  }
  const std::string_view which = argv[1];
  WSADATA wsa;
  if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0 || !make_pair_of_sockets()) {
    std::printf("setup failed: %d\n", WSAGetLastError());
    return 1;
  }
  WSAOVERLAPPED ov = {};
  ov.hEvent = WSACreateEvent();
  char hello[100] = "Hello World";
  static char a[1000], b[1000];

  if (which == "reuse") {
    // Two receives on one WSAOVERLAPPED while the first is still pending.
    std::printf("first WSARecv: %d\n", post_recv(server_side, a, sizeof a, ov));
    std::printf("second WSARecv, same OVERLAPPED: %d\n", post_recv(server_side, b, sizeof b, ov));
    send(client_side, hello, 100, 0);
    wait_and_fetch(server_side, ov, "Data Recv");
  } else if (which == "send_changed") {
    // A send too big for the kernel's buffers goes pending; its buffer is changed meanwhile.
    int small = 4096;
    setsockopt(client_side, SOL_SOCKET, SO_SNDBUF, reinterpret_cast<char*>(&small), sizeof small);
    std::vector<char> big(8 << 20, 'x');
    std::memcpy(big.data(), "Hello World", 11);
    WSABUF buf{ULONG(big.size()), big.data()};
    DWORD sent = 0;
    const int r = WSASend(client_side, &buf, 1, &sent, 0, &ov, nullptr);
    std::printf("WSASend: %s\n", r == 0                                ? "completed at once"
                                 : WSAGetLastError() == WSA_IO_PENDING ? "pending"
                                                                       : "failed");
    big[0] = 'J';  // the pitfall: touching the buffer of a pending send
    size_t received = 0;
    while (received < big.size()) {
      const int n = recv(server_side, a, sizeof a, 0);
      if (n <= 0) break;
      received += size_t(n);
    }
    std::printf("received %lu bytes\n", static_cast<unsigned long>(received));
    if (r != 0) wait_and_fetch(client_side, ov, "Data Send");
  } else if (which == "zero_repost") {
    // The lecture's loop without its exit: the peer closed, and it posts again and again.
    closesocket(client_side);
    client_side = INVALID_SOCKET;
    for (int i = 0; i < 3; ++i) {
      if (post_recv(server_side, a, sizeof a, ov) == WSA_IO_PENDING) {
        wait_and_fetch(server_side, ov, "Data Recv");
      } else {
        std::printf("Data Recv Len = %lu\n", static_cast<unsigned long>(ov.InternalHigh));
      }
    }
  } else if (which == "event_without_op") {
    // Waiting on an event no operation will ever signal (here: a 10 ms timeout, not forever).
    WSAEVENT lonely = WSACreateEvent();
    const DWORD r = WSAWaitForMultipleEvents(1, &lonely, FALSE, 10, FALSE);
    std::printf("wait: %s\n", r == WSA_WAIT_TIMEOUT ? "timeout" : "signaled");
    WSACloseEvent(lonely);
  } else if (which == "incomplete") {
    // Fetching the result before the event said the receive has completed.
    std::printf("WSARecv: %d\n", post_recv(server_side, a, sizeof a, ov));
    DWORD bytes = 0, flags = 0;
    const BOOL done = WSAGetOverlappedResult(server_side, &ov, &bytes, FALSE, &flags);
    std::printf("early WSAGetOverlappedResult: %d, error %d\n", done, done ? 0 : WSAGetLastError());
    send(client_side, hello, 100, 0);
    wait_and_fetch(server_side, ov, "Data Recv");
  } else if (which == "threads") {
    // No pitfall: two threads, each with its own pair, OVERLAPPED and event, 300 receives of
    // 100 bytes at once (the probe's lines from both must stay whole, in order, gap-free).
    const SOCKET first_server = server_side, first_client = client_side;
    if (!make_pair_of_sockets()) return 1;
    const SOCKET servers[2] = {first_server, server_side}, clients[2] = {first_client, client_side};
    unsigned long received[2] = {};
    auto exchange = [&](int i) {
      WSAOVERLAPPED mine = {};
      mine.hEvent = WSACreateEvent();
      char in[100], out[100] = "Hello World";
      while (received[i] < 300 * 100) {
        if (received[i] % 100 == 0) send(clients[i], out, sizeof out, 0);
        WSABUF b{sizeof in, in};
        DWORD bytes = 0, flags = 0;
        if (WSARecv(servers[i], &b, 1, &bytes, &flags, &mine, nullptr) == SOCKET_ERROR) {
          if (WSAGetLastError() != WSA_IO_PENDING) break;
          WSAWaitForMultipleEvents(1, &mine.hEvent, TRUE, WSA_INFINITE, FALSE);
          if (!WSAGetOverlappedResult(servers[i], &mine, &bytes, FALSE, &flags)) break;
        }
        if (bytes == 0) break;
        received[i] += bytes;
      }
      WSACloseEvent(mine.hEvent);
    };
    std::thread t0(exchange, 0), t1(exchange, 1);
    t0.join();
    t1.join();
    std::printf("thread 0: %lu bytes, thread 1: %lu bytes\n", received[0], received[1]);
    closesocket(first_client);
    closesocket(first_server);
  } else if (which == "cancel") {
    // No pitfall: a pending receive canceled the right way, its end fetched (995).
    std::printf("WSARecv: %d\n", post_recv(server_side, a, sizeof a, ov));
    std::printf("CancelIoEx: %d\n", CancelIoEx(reinterpret_cast<HANDLE>(server_side), &ov) != 0);
    wait_and_fetch(server_side, ov, "Data Recv");
  } else {
    std::fprintf(stderr, "unknown pitfall '%s'\n", argv[1]);
    return 2;
  }
  if (client_side != INVALID_SOCKET) closesocket(client_side);
  closesocket(server_side);
  WSACloseEvent(ov.hEvent);
  WSACleanup();
  return 0;
}
