// The socket verbs the four I/O-model workers (models.cpp) need beyond the backend's, one small
// file per platform chosen by CMake: src/win/models_win.cpp (Winsock) and
// src/linux/models_posix.cpp (POSIX). The overlapped cell uses the backend's own verbs
// (backend.hpp); what is here serves the pair, the threads and the other three cells.
// Results are the calls' own answers; errors are the platform codes.
#pragma once
#include <cstdint>
#include <string>

#include "netcore/transition.hpp"

namespace netcore::models_io {

// The lab's two operations in the model runs: the server's receive and the client's send.
inline constexpr uint32_t kRecvOp = 1, kSendOp = 2;

// A transition of the server's receive (session 1, op kRecvOp): the models' workers
// (models.cpp) and the Windows models (windows_models.cpp) build theirs with it.
inline Transition server_transition(Api op_api, Api api, Kind kind, int32_t result = 0,
                                    int32_t error = 0, uint32_t bytes = 0) {
  Transition t;
  t.session = kServerSession;
  t.op = kRecvOp;
  t.op_api = op_api;
  t.api = api;
  t.kind = kind;
  t.result = result;
  t.error = error;
  t.bytes = bytes;
  return t;
}

using Socket = std::intptr_t;  // SOCKET on Windows, a descriptor on Linux
inline constexpr Socket kInvalidSocket = -1;

// WSAStartup/WSACleanup and the backend's name: backend::startup, cleanup and id.

uint32_t thread_id();  // GetCurrentThreadId / gettid
uint64_t
thread_cpu_ns();  // CPU time of the calling thread (GetThreadTimes / CLOCK_THREAD_CPUTIME_ID)

// A connected loopback TCP pair on an ephemeral port: `receiver` is the accepted socket (the
// lecture's server session), `sender` the client. Both blocking. On failure, a one-line `error`.
struct Pair {
  Socket receiver = kInvalidSocket;
  Socket sender = kInvalidSocket;
};
bool make_pair(Pair& pair, std::string& error);
void close_socket(Socket s);

// "ECONNRESET (Connection reset by peer)": the code's name and the system's own words.
std::string describe_error(int32_t code);

// A call's raw answer: `ret` is what the function returned, `error` the platform code after it
// (WSAGetLastError / errno), 0 when it succeeded.
struct CallResult {
  int32_t ret = 0;
  int32_t error = 0;
};

CallResult send_bytes(Socket s, const char* data, uint32_t len);  // send (blocking)
CallResult shutdown_send(Socket s);                               // shutdown(SD_SEND)
// SO_LINGER {1, 0} then closesocket: the peer gets an RST. `s` is closed afterwards.
CallResult reset(Socket s);
// SO_RCVTIMEO, so a blocking recv is bounded (it then fails with the timeout code).
bool set_receive_timeout(Socket s, uint32_t ms, int32_t& error);
CallResult set_nonblocking(Socket s);  // ioctlsocket(FIONBIO, 1) / ioctl(FIONBIO, 1)
CallResult recv_bytes(Socket s, char* buffer, uint32_t len);  // recv, blocking or not
bool is_would_block(int32_t error);                           // WSAEWOULDBLOCK / EAGAIN
bool is_timeout(int32_t error);  // what a recv bounded by SO_RCVTIMEO fails with
// select(readfds = {s}, timeout): ret > 0 readable, 0 timeout, SOCKET_ERROR on error.
CallResult select_readable(Socket s, uint32_t timeout_ms);

}  // namespace netcore::models_io
