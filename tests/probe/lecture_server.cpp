// The lecture's event-model server (LECTURE.md section 5), written as a student would: one
// client, one Session, WSARecv posted in a loop, "Data Recv Len = N" on either path. Built with
// the probe (IOLAB_WITH_PROBE) and without it: the two must print the same.
//   lecture_server.exe PORT
#include <winsock2.h>
#ifdef IOLAB_WITH_PROBE
#include "iolab_probe.h"
#endif
#include <cstdio>
#include <cstdlib>

constexpr int BUFSIZE = 1000;

struct Session {
  SOCKET socket = INVALID_SOCKET;
  char recvBuffer[BUFSIZE] = {};
  WSAOVERLAPPED overlapped = {};
};

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: lecture_server PORT\n");
    return 2;
  }
  WSADATA wsa;
  if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) return 1;
  SOCKET listenSocket = socket(AF_INET, SOCK_STREAM, 0);
  u_long on = 1;
  ioctlsocket(listenSocket, FIONBIO, &on);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(u_short(std::atoi(argv[1])));
  if (bind(listenSocket, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == SOCKET_ERROR ||
      listen(listenSocket, SOMAXCONN) == SOCKET_ERROR) {
    std::printf("bind/listen failed: %d\n", WSAGetLastError());
    return 1;
  }
  std::printf("listening\n");
  std::fflush(stdout);

  Session session;
  while (true) {  // the lecture's non-blocking accept loop
    session.socket = accept(listenSocket, nullptr, nullptr);
    if (session.socket != INVALID_SOCKET) break;
    if (WSAGetLastError() != WSAEWOULDBLOCK) return 1;
    Sleep(1);
  }
  std::printf("Client Connected!\n");
  WSAEVENT wsaEvent = WSACreateEvent();
  session.overlapped.hEvent = wsaEvent;

  while (true) {
    WSABUF wsaBuf;
    wsaBuf.buf = session.recvBuffer;
    wsaBuf.len = BUFSIZE;
    DWORD recvLen = 0, flags = 0;
    if (WSARecv(session.socket, &wsaBuf, 1, &recvLen, &flags, &session.overlapped, nullptr) ==
        SOCKET_ERROR) {
      if (WSAGetLastError() != WSA_IO_PENDING) {
        std::printf("WSARecv failed: %d\n", WSAGetLastError());
        break;
      }
      WSAWaitForMultipleEvents(1, &wsaEvent, TRUE, WSA_INFINITE, FALSE);
      if (!WSAGetOverlappedResult(session.socket, &session.overlapped, &recvLen, FALSE, &flags)) {
        std::printf("WSAGetOverlappedResult failed: %d\n", WSAGetLastError());
        break;
      }
    }
    if (recvLen == 0) break;  // the peer closed (the lecture's loop forgets this)
    std::printf("Data Recv Len = %lu\n", static_cast<unsigned long>(recvLen));
  }
  std::printf("peer closed\n");
  closesocket(session.socket);
  WSACloseEvent(wsaEvent);
  closesocket(listenSocket);
  WSACleanup();
  return 0;
}
