// The socket verbs the four I/O-model workers (models.cpp) need, one small file per platform
// chosen by CMake: src/win/models_win.cpp (Winsock) and src/linux/models_posix.cpp (POSIX +
// io_uring). Results are the calls' own answers; errors are the platform codes.
#pragma once
#include <cstdint>
#include <string>

#include "netcore/transition.hpp"

namespace netcore::models_io {

using Socket = std::intptr_t;  // SOCKET on Windows, a descriptor on Linux
inline constexpr Socket kInvalidSocket = -1;

Backend id();
bool startup(std::string& error);  // WSAStartup (reference counted); nothing on Linux
void cleanup();

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
CallResult set_nonblocking(Socket s);  // ioctlsocket(FIONBIO, 1) / fcntl(O_NONBLOCK)
CallResult recv_bytes(Socket s, char* buffer, uint32_t len);  // recv, blocking or not
bool is_would_block(int32_t error);                           // WSAEWOULDBLOCK / EAGAIN
bool is_timeout(int32_t error);  // what a recv bounded by SO_RCVTIMEO fails with
// select(readfds = {s}, timeout): ret > 0 readable, 0 timeout, SOCKET_ERROR on error.
CallResult select_readable(Socket s, uint32_t timeout_ms);

// --- One overlapped receive: WSAOVERLAPPED + event (Linux: a small io_uring + registered eventfd).
struct Overlapped;
Overlapped* create_overlapped(std::string& error);
void destroy_overlapped(Overlapped* ov);  // only once no receive is pending on it

enum class Post : uint8_t { immediate, pending, failed };
struct PostResult {
  Post status = Post::failed;
  int32_t ret = 0;     // WSARecv's return: 0 or SOCKET_ERROR
  int32_t error = 0;   // kWsaIoPending when pending
  uint32_t bytes = 0;  // when immediate
};
// WSARecv(s, {buffer, len}, 1, ...) with the event in hEvent. The buffer must stay put until
// the receive has been fetched (or cancelled and fetched).
PostResult post_recv(Socket s, Overlapped* ov, char* buffer, uint32_t len);

// WSAWaitForMultipleEvents(1, &event, TRUE, timeout_ms, FALSE): ret is its own answer
// (WSA_WAIT_EVENT_0 = 0 when signaled, WSA_WAIT_TIMEOUT = 258 when not); `signaled` says which.
struct WaitResult {
  bool signaled = false;
  int32_t ret = 0;
  int32_t error = 0;
};
WaitResult wait_event(Overlapped* ov, uint32_t timeout_ms);

// WSAGetOverlappedResult(s, ov, &bytes, fWait=FALSE, &flags) after the event was signaled;
// also resets the event.
struct FetchResult {
  bool ok = false;
  int32_t ret = 0;    // TRUE / FALSE
  int32_t error = 0;  // when !ok
  uint32_t bytes = 0;
};
FetchResult fetch_result(Socket s, Overlapped* ov);

// If a receive is still in flight (posted, not fetched): CancelIoEx on it, then wait (at most
// timeout_ms) until it has completed, so its buffer may be released. Nothing in flight: true at
// once. Returns false if it did not complete in time.
bool cancel_and_wait(Socket s, Overlapped* ov, uint32_t timeout_ms);

// For the inspector: OVERLAPPED.Internal / InternalHigh / hEvent as the transition carries them.
struct OverlappedFields {
  uint64_t internal = 0, internal_high = 0, event = 0;
};
OverlappedFields fields(Overlapped* ov);

}  // namespace netcore::models_io
