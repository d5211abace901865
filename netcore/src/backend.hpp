// The verbs a platform backend implements (src/win/ or src/linux/, chosen by CMake).
// The engine loop (engine.cpp) is written once against these; each backend is a short file.
#pragma once
#include <cstdint>
#include <string>

#include "netcore/transition.hpp"

namespace netcore::backend {

using Socket = std::intptr_t;  // SOCKET on Windows, a descriptor on Linux
inline constexpr Socket kInvalidSocket = -1;
struct Waker;

Backend id();
bool startup(std::string& error);  // WSAStartup; nothing on Linux
void cleanup();

// --- Plain sockets: the lab's setup, not the lecture's subject. `error` gets the platform code.
// A non-blocking listening socket bound to host:port (port 0: ephemeral).
Socket listen_tcp(const char* host, uint16_t port, int32_t& error);
uint16_t local_port(Socket s);
// The connected peer's address, "127.0.0.1:53122" (getpeername); empty when there is none.
std::string peer_address(Socket s);
// An IPv4 address and port, both in host order, as peer_address writes them.
inline std::string ipv4_text(uint32_t address, uint16_t port) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
         std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff) + ":" +
         std::to_string(port);
}
// accept() on the non-blocking listener: kInvalidSocket with error = would-block when none.
Socket accept_peer(Socket listener, int32_t& error);
bool is_would_block(int32_t error);
// Connects (blocking, then switches the socket to overlapped use); kInvalidSocket on failure.
Socket connect_tcp(const char* host, uint16_t port, int32_t& error);
bool set_buffer_size(Socket s, bool send_buffer, int32_t bytes, int32_t& error);
bool shutdown_send(Socket s, int32_t& error);
void close_socket(Socket s);
// Waits until a peer connects to the listener (returns its socket) or the waker fires
// (returns kInvalidSocket with error 0). Serve mode: the lecture's accept loop without spinning.
// The wake is consumed: the caller handles commands right after.
Socket accept_wait(Socket listener, Waker* waker, int32_t& error);

// --- Waking the engine thread: an event it waits on beside the operations' events.
struct Waker;
Waker* create_waker();
void destroy_waker(Waker* w);
void wake(Waker* w);   // any thread
void clear(Waker* w);  // engine thread, after the wait returned for it

// --- One overlapped operation in flight: its OVERLAPPED (or ring) and its own event.
// The buffers live in the engine's Op and must not move while the operation is pending.
struct Overlapped;
Overlapped* create_overlapped(int32_t& error);  // WSACreateEvent + WSAOVERLAPPED / ring + eventfd
void destroy_overlapped(Overlapped* ov);

// The WSABUF array: separate blocks of memory, so scatter-gather is real.
struct Buffers {
  char* buf[kMaxWsabufs] = {};
  uint32_t len[kMaxWsabufs] = {};
  uint32_t count = 0;
};

enum class Status : uint8_t { immediate, pending, failed };

struct PostResult {
  Status status = Status::failed;
  int32_t ret = 0;     // WSARecv/WSASend's own return value (0 or SOCKET_ERROR)
  int32_t error = 0;   // WSAGetLastError(): kWsaIoPending when pending
  uint32_t bytes = 0;  // lpNumberOfBytes, meaningful when immediate
};

// WSARecv/WSASend with ov's event in hEvent. On immediate completion the event is signaled too,
// as Windows does; the engine consumes it so the next wait does not report it twice.
PostResult post_recv(Socket s, Overlapped* ov, const Buffers& buffers);
PostResult post_send(Socket s, Overlapped* ov, const Buffers& buffers);

struct Snapshot {
  uint64_t internal = 0, internal_high = 0, event = 0;
  bool signaled = false, cqe_ready = false;
};
Snapshot snapshot(Overlapped* ov);

// The OVERLAPPED's fields as a transition shows them (the inspector's view of the struct).
inline void show_snapshot(Transition& t, const Snapshot& snap) {
  t.ov_internal = snap.internal;
  t.ov_internal_high = snap.internal_high;
  t.ov_event = snap.event;
  t.event_signaled = snap.signaled;
  t.cqe_ready = snap.cqe_ready;
}

// WSAWaitForMultipleEvents(n + 1, {ops..., waker}, FALSE, timeout, FALSE).
// Returns the index of a signaled op, n for the waker, -1 on timeout, -2 on error (`error` set).
// n is at most kMaxWaitOps (64 events in all, the Winsock limit).
inline constexpr int kMaxWaitOps = 63;
int wait_any(Overlapped* const* ovs, int n, Waker* waker, int timeout_ms, int32_t& error);

// fetch_result on an op that has not completed yet: ok=false, error=kWsaIoIncomplete (996),
// as WSAGetOverlappedResult(fWait=FALSE) answers; the engine keeps waiting.
inline constexpr int32_t kWsaIoIncomplete = 996;
struct FetchResult {
  bool ok = false;
  int32_t ret = 0;    // WSAGetOverlappedResult's return (TRUE/FALSE)
  int32_t error = 0;  // when !ok: WSAECONNRESET, WSA_OPERATION_ABORTED, ECANCELED...
  uint32_t bytes = 0;
  uint32_t flags = 0;
};
// WSAGetOverlappedResult(s, ov, &bytes, fWait=FALSE, &flags) after the event was signaled.
// Resets the event (WSAResetEvent, as Microsoft's samples do; the next post would too) so it is
// not reported again. reset=false leaves it signaled, as the lecture's code does when it does
// not post again: the reset demo shows the wait that then never sleeps.
FetchResult fetch_result(Socket s, Overlapped* ov, bool reset = true);
// Called after an immediate completion: consume the signal it left (WSAResetEvent / read eventfd).
// True when the event was signaled: what the program would have seen had it looked.
bool consume_signal(Overlapped* ov);

// CancelIoEx(s, ov): the operation then completes (signals) with an abort code.
bool cancel(Socket s, Overlapped* ov, int32_t& error);
// Called for each pending op of `s` just before close_socket(s). Winsock: nothing, closesocket
// itself aborts them. io_uring: a close does not abort a queued op, so it is cancelled here.
// Either way the op then signals and fetch_result (which must work after the close) fails it.
void before_close(Socket s, Overlapped* ov);

}  // namespace netcore::backend
