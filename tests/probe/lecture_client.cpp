// The lecture's event-model client (LECTURE.md section 5): non-blocking connect loop, then
// WSASend of a 100-byte "Hello World" buffer COUNT times, waiting the same way on WSA_IO_PENDING.
//   lecture_client.exe PORT COUNT
#include <winsock2.h>
#ifdef IOLAB_WITH_PROBE
#include "iolab_probe.h"
#endif
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: lecture_client PORT COUNT\n");
    return 2;
  }
  WSADATA wsa;
  if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) return 1;
  SOCKET clientSocket = socket(AF_INET, SOCK_STREAM, 0);
  u_long on = 1;
  ioctlsocket(clientSocket, FIONBIO, &on);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(u_short(std::atoi(argv[1])));
  while (true) {
    if (connect(clientSocket, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == SOCKET_ERROR) {
      const int error = WSAGetLastError();
      if (error == WSAEWOULDBLOCK || error == WSAEALREADY || error == WSAEINVAL) continue;
      if (error == WSAEISCONN) break;
      std::printf("connect failed: %d\n", error);
      return 1;
    }
    break;
  }
  std::printf("Connected to Server!\n");

  char sendBuffer[100] = "Hello World";
  WSAEVENT wsaEvent = WSACreateEvent();
  WSAOVERLAPPED overlapped = {};
  overlapped.hEvent = wsaEvent;
  const int count = std::atoi(argv[2]);
  for (int i = 0; i < count; ++i) {
    WSABUF wsaBuf;
    wsaBuf.buf = sendBuffer;
    wsaBuf.len = 100;
    DWORD sendLen = 0, flags = 0;
    if (WSASend(clientSocket, &wsaBuf, 1, &sendLen, flags, &overlapped, nullptr) == SOCKET_ERROR) {
      if (WSAGetLastError() != WSA_IO_PENDING) {
        std::printf("WSASend failed: %d\n", WSAGetLastError());
        break;
      }
      WSAWaitForMultipleEvents(1, &wsaEvent, TRUE, WSA_INFINITE, FALSE);
      WSAGetOverlappedResult(clientSocket, &overlapped, &sendLen, FALSE, &flags);
    }
    std::printf("Send Data Len = %lu\n", static_cast<unsigned long>(sendLen));
    Sleep(50);  // paced like the lecture's client, so the server's WSARecv goes pending
  }
  closesocket(clientSocket);
  WSACloseEvent(wsaEvent);
  WSACleanup();
  return 0;
}
