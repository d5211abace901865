// The probe's cost (docs/probe.md): a loopback pair, ROUNDS receives of 100 bytes, each a
// WSARecv (completed at once, or pending -> wait -> fetch). Built with and without
// probe/iolab_probe.h; prints probe_bench_<NAME>_calls_per_s=N (wrapped Winsock calls per second).
//   probe_bench.exe NAME ROUNDS
#include <winsock2.h>
#ifdef IOLAB_WITH_PROBE
#include "iolab_probe.h"
#endif
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: probe_bench NAME ROUNDS\n");
    return 2;
  }
  const long rounds = std::atol(argv[2]);
  WSADATA wsa;
  WSAStartup(MAKEWORD(2, 2), &wsa);
  SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int len = sizeof addr;
  bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  listen(listener, 1);
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  SOCKET client = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return 1;
  SOCKET server = accept(listener, nullptr, nullptr);
  WSAOVERLAPPED ov = {};
  ov.hEvent = WSACreateEvent();
  char out[100] = "Hello World", in[100];
  long calls = 2;  // connect, accept
  LARGE_INTEGER f, t0, t1;
  QueryPerformanceFrequency(&f);
  QueryPerformanceCounter(&t0);
  for (long i = 0; i < rounds; ++i) {
    send(client, out, sizeof out, 0);
    WSABUF b{sizeof in, in};
    DWORD bytes = 0, flags = 0;
    ++calls;
    if (WSARecv(server, &b, 1, &bytes, &flags, &ov, nullptr) == SOCKET_ERROR) {
      if (WSAGetLastError() != WSA_IO_PENDING) return 1;
      WSAWaitForMultipleEvents(1, &ov.hEvent, TRUE, WSA_INFINITE, FALSE);
      WSAGetOverlappedResult(server, &ov, &bytes, FALSE, &flags);
      calls += 2;
    }
  }
  QueryPerformanceCounter(&t1);
  const double seconds = double(t1.QuadPart - t0.QuadPart) / double(f.QuadPart);
  std::printf("probe_bench_%s_calls_per_s=%.0f\n", argv[1], double(calls) / seconds);
  // How many: a run whose receives go pending more often makes more calls per round.
  std::printf("probe_bench_%s_calls=%ld\n", argv[1], calls);
  closesocket(client);
  closesocket(server);
  closesocket(listener);
  WSACloseEvent(ov.hEvent);
  WSACleanup();
  return 0;
}
