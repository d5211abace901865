// The lecture's other two models (LECTURE.md, the completion routine and the completion port),
// written as a student would: one client, one Session, WSARecv posted in a loop until the peer
// closes. Built with the probe (IOLAB_WITH_PROBE) and without it: the two must print the same.
//   models_server.exe routine|iocp PORT
#include <winsock2.h>
#ifdef IOLAB_WITH_PROBE
#include "iolab_probe.h"
#endif
#include <cstdio>
#include <cstdlib>
#include <cstring>

constexpr int BUFSIZE = 1000;

struct Session {
  WSAOVERLAPPED overlapped = {};  // first: the routine gets the Session from its OVERLAPPED
  SOCKET socket = INVALID_SOCKET;
  char recvBuffer[BUFSIZE] = {};
  DWORD lastLen = 0;
};

void CALLBACK RecvCallback(DWORD error, DWORD recvLen, LPWSAOVERLAPPED overlapped, DWORD) {
  Session* session = reinterpret_cast<Session*>(overlapped);
  session->lastLen = error ? 0 : recvLen;
  std::printf("Data Recv Len Callback = %lu (error %lu)\n", static_cast<unsigned long>(recvLen),
              static_cast<unsigned long>(error));
}

// The completion-routine server: post with a routine, then sleep alertably until it has run.
int serve_routine(Session& session) {
  while (true) {
    WSABUF wsaBuf;
    wsaBuf.buf = session.recvBuffer;
    wsaBuf.len = BUFSIZE;
    DWORD recvLen = 0, flags = 0;
    if (WSARecv(session.socket, &wsaBuf, 1, &recvLen, &flags, &session.overlapped, RecvCallback) ==
            SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING) {
      std::printf("WSARecv failed: %d\n", WSAGetLastError());
      return 1;
    }
    // The routine runs inside an alertable wait (also after an immediate completion).
    const DWORD woke = SleepEx(INFINITE, TRUE);
    std::printf("SleepEx returned %lu\n", static_cast<unsigned long>(woke));
    if (session.lastLen == 0) return 0;  // the peer closed
  }
}

// The completion-port server: the socket on a port, each completion dequeued, then the quit
// packet a server posts to stop its workers.
int serve_iocp(Session& session) {
  HANDLE iocp = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 0);
  CreateIoCompletionPort(reinterpret_cast<HANDLE>(session.socket), iocp,
                         reinterpret_cast<ULONG_PTR>(&session), 0);
  while (true) {
    WSABUF wsaBuf;
    wsaBuf.buf = session.recvBuffer;
    wsaBuf.len = BUFSIZE;
    DWORD recvLen = 0, flags = 0;
    if (WSARecv(session.socket, &wsaBuf, 1, &recvLen, &flags, &session.overlapped, nullptr) ==
            SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING) {
      std::printf("WSARecv failed: %d\n", WSAGetLastError());
      return 1;
    }
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED overlapped = nullptr;
    if (!GetQueuedCompletionStatus(iocp, &bytes, &key, &overlapped, INFINITE)) {
      std::printf("GetQueuedCompletionStatus failed: %lu\n", GetLastError());
      return 1;
    }
    std::printf("Data Recv Len = %lu (key is the session: %s)\n", static_cast<unsigned long>(bytes),
                key == reinterpret_cast<ULONG_PTR>(&session) ? "yes" : "no");
    if (bytes == 0) break;  // the peer closed
  }
  PostQueuedCompletionStatus(iocp, 0, 0, nullptr);  // "quit", to a worker
  DWORD bytes = 1;
  ULONG_PTR key = 1;
  LPOVERLAPPED overlapped = nullptr;
  const BOOL got = GetQueuedCompletionStatus(iocp, &bytes, &key, &overlapped, INFINITE);
  std::printf("quit packet: %d, bytes %lu, no OVERLAPPED: %s\n", got,
              static_cast<unsigned long>(bytes), overlapped ? "no" : "yes");
  CloseHandle(iocp);
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "routine") != 0 && std::strcmp(argv[1], "iocp") != 0)) {
    std::fprintf(stderr, "usage: models_server routine|iocp PORT\n");
    return 2;
  }
  WSADATA wsa;
  if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) return 1;
  SOCKET listenSocket = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(u_short(std::atoi(argv[2])));
  if (bind(listenSocket, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == SOCKET_ERROR ||
      listen(listenSocket, SOMAXCONN) == SOCKET_ERROR) {
    std::printf("bind/listen failed: %d\n", WSAGetLastError());
    return 1;
  }
  std::printf("listening\n");
  std::fflush(stdout);
  Session session;
  session.socket = accept(listenSocket, nullptr, nullptr);
  if (session.socket == INVALID_SOCKET) return 1;
  std::printf("Client Connected!\n");
  const int rc =
      std::strcmp(argv[1], "routine") == 0 ? serve_routine(session) : serve_iocp(session);
  std::printf("peer closed\n");
  closesocket(session.socket);
  closesocket(listenSocket);
  WSACleanup();
  return rc;
}
