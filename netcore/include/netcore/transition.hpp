// One line on the timeline: what one thread saw one overlapped operation (or itself) do.
// Plain data, copyable, no pointers, <cstdint> only: the seam between netcore and everything else.
#pragma once
#include <cstdint>

namespace netcore {

// The vocabulary shown by the UI and printed by the CLI (names are the identifiers).
#define NETCORE_KINDS(X)                                                                    \
  X(posted)                /* WSARecv/WSASend called */                                     \
  X(completed_immediately) /* it returned 0: path 1 -> 2 */                                 \
  X(pending)               /* SOCKET_ERROR + WSA_IO_PENDING */                              \
  X(signaled)              /* the wait returned for this op's event */                      \
  X(result_fetched)        /* WSAGetOverlappedResult: bytes, flags */                       \
  X(failed)                /* any other error: code and name */                             \
  X(peer_closed)           /* a receive completed with 0 bytes */                           \
  X(would_block)           /* WSAEWOULDBLOCK / EAGAIN */                                    \
  X(blocked)               /* a thread went to sleep inside a call */                       \
  X(unblocked)             /* ... and woke up */                                            \
  X(ready)                 /* select/poll reported readiness */                             \
  X(work)                  /* a unit of other work done while I/O pends */                  \
  X(listening)             /* setup: the listening socket is bound */                       \
  X(accepted)              /* setup: a peer was accepted */                                 \
  X(connected)             /* setup: the client connected */                                \
  X(option_set)            /* setsockopt, reading on/off */                                 \
  X(closed)                /* closesocket on a session */                                   \
  X(canceled)              /* CancelIoEx was called for a pending op */                     \
  X(unwatched)             /* pending, but the waiting thread's 64 handles are all taken */ \
  X(watched)               /* ... a handle freed: its event joins the wait */               \
  X(completion_queued)     /* the OS has the completion; the routine or packet waits */     \
  X(callback)              /* the completion routine ran: bytes and error */                \
  X(dequeued)              /* GetQueuedCompletionStatus returned a packet: key, bytes */    \
  X(network_events)        /* WSAEnumNetworkEvents: result = the FD_ bits */

enum class Kind : uint8_t {
#define NETCORE_ENUM(name) name,
  NETCORE_KINDS(NETCORE_ENUM)
#undef NETCORE_ENUM
};

// Windows names on every platform: the lecture is about Winsock.
#define NETCORE_APIS(X)                                                                      \
  X(none)                                                                                    \
  X(WSARecv)                                                                                 \
  X(WSASend)                                                                                 \
  X(WSAWaitForMultipleEvents)                                                                \
  X(WSAGetOverlappedResult) X(CancelIoEx) X(closesocket) X(shutdown) X(setsockopt) X(listen) \
      X(accept) X(connect) X(recv) X(send) X(select) X(ioctlsocket) X(WSAEventSelect)        \
          X(WSAEnumNetworkEvents) X(SleepEx) X(CreateIoCompletionPort)                       \
              X(GetQueuedCompletionStatus) X(PostQueuedCompletionStatus)

enum class Api : uint8_t {
#define NETCORE_ENUM(name) name,
  NETCORE_APIS(NETCORE_ENUM)
#undef NETCORE_ENUM
};

enum class Backend : uint8_t { winsock, linux_io_uring };

// Well-known sessions of the lab: the lecture's server (accepted socket) and client.
enum : uint32_t { kNoSession = 0, kServerSession = 1, kClientSession = 2 };

// The Winsock codes the lecture names, used on every backend for the same meaning.
enum : int32_t {
  kSocketError = -1,
  kWsaIoPending = 997,
  kWsaOperationAborted = 995,
  kWsaWaitTimeout = 258,       // WSAWaitForMultipleEvents' return when its timeout passed
  kWsaWaitIoCompletion = 192,  // an alertable wait returned because completion routines ran
};

// The lab's own codes: no Winsock call gave them, the engine did. Negative, so no platform code
// can look the same; errors.hpp names them "LAB_..." and is_lab_code() tells them apart.
enum : int32_t {
  kLabRefused = -2,        // refused before any call: not a session, or buffers beyond 16 MiB
  kLabNotRun = -3,         // the engine stopped before this post ran: nothing was called
  kLabGaveUpWaiting = -4,  // still pending when the engine stopped waiting for it
};

inline constexpr int kDataCapacity = 64;  // first bytes of the buffer, for the inspector
inline constexpr int kMaxWsabufs = 4;

struct Transition {
  uint64_t seq = 0;   // gap-free per engine: a gap means the UI lost something
  uint64_t t_ns = 0;  // steady clock, stamped on the thread that saw it
  uint32_t thread = 0, session = 0, op = 0;  // op 0: the thread itself, not an operation
  uint16_t slot = 0;                         // which OVERLAPPED (per session) the op uses
  Api api = Api::none;                       // the call that produced this transition
  Api op_api = Api::none;  // what the op is (WSARecv / WSASend / recv ...), on all its transitions
  Kind kind = Kind::posted;
  int32_t result = 0;  // raw return value of the call
  int32_t error = 0;   // platform error code (WSAGetLastError / errno), 997 for pending;
                       // negative: the lab's own (kLab...), not the platform's
  uint32_t bytes = 0;  // bytes transferred (or requested, on posted)

  // The OVERLAPPED as the inspector shows it. Winsock: the fields themselves.
  // io_uring: internal = 0x103 until the CQE is reaped, then 0 or the errno;
  // internal_high = cqe->res once reaped; event = the eventfd's descriptor.
  uint64_t ov_internal = 0, ov_internal_high = 0, ov_event = 0;
  uint8_t event_signaled = 0;  // WaitForSingleObject(hEvent, 0) / eventfd readable
  uint8_t cqe_ready = 0;       // io_uring only: a CQE sits in the ring

  uint8_t wsabuf_count = 0;
  uint8_t data_len = 0;
  uint32_t wsabuf_len[kMaxWsabufs] = {};
  char data[kDataCapacity] = {};  // first bytes of the buffer (sent, or received)
};

inline const char* kind_name(Kind k) {
  switch (k) {
#define NETCORE_NAME(name) \
  case Kind::name:         \
    return #name;
    NETCORE_KINDS(NETCORE_NAME)
#undef NETCORE_NAME
  }
  return "?";
}

inline const char* api_name(Api a) {
  switch (a) {
#define NETCORE_NAME(name) \
  case Api::name:          \
    return #name;
    NETCORE_APIS(NETCORE_NAME)
#undef NETCORE_NAME
  }
  return "?";
}

inline const char* backend_name(Backend b) {
  return b == Backend::winsock ? "Winsock" : "Linux io_uring";
}

}  // namespace netcore
