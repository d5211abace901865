// Many clients at once: one server, N real TCP clients (1 to 500), one WSARecv posted per
// session, in one of two models (docs/many-clients.md):
//
//   event  each session's WSARecv has its own event; a waiting thread watches at most 63 of
//          them in WSAWaitForMultipleEvents, plus its wake event: 64 handles, Winsock's limit
//          (WSA_MAXIMUM_WAIT_EVENTS). N sessions need ceil(N / 63) waiting threads. Linux: the
//          backend's io_uring ops, each signalling its own eventfd, watched with poll().
//   iocp   one completion port, two workers in GetQueuedCompletionStatus, the session number
//          as the completion key. Linux: one io_uring shared by the two workers.
//
// Transitions: every session's carry its own `session` (1..N in accept order); a waiting
// thread's `blocked`, `signaled` (result: the event index that woke it) and `unblocked` (its wake
// event) carry its own `thread`. Memory is bounded: a session's next WSARecv waits while
// `session_backlog` of its transitions wait for drain() (TCP's flow control then slows its
// peer); beyond `session_cap` or `queue_capacity`, transitions are dropped and counted.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "netcore/transition.hpp"

namespace netcore {

enum class ManyModel : uint8_t { event, iocp };
inline constexpr int kMaxManyClients = 500;
inline constexpr int kEventsPerWaitingThread = 63;  // + the thread's wake event = 64 handles
inline constexpr int kIocpWorkers = 2;

const char* many_model_name(ManyModel m);  // "event", "iocp"
bool many_model_from_name(std::string_view name, ManyModel& out);

struct ManyClientsOptions {
  ManyModel model = ManyModel::event;
  int clients = 10;  // the server ends after this many sessions were accepted and closed
  std::string host = "127.0.0.1";
  uint16_t port = 0;            // 0: an ephemeral port
  size_t session_backlog = 64;  // a session's transitions before its next WSARecv waits
  size_t session_cap = 256;     // a session's transitions before they are dropped
  size_t queue_capacity = 1 << 20;
};

struct ManyClientsStats {
  int clients = 0;
  int threads = 0;       // waiting threads (event) or workers (iocp) that served
  uint64_t wakeups = 0;  // waits that returned (an event, the wake event, a packet)
  uint64_t fetches = 0;  // receives that returned bytes
  uint64_t bytes = 0;
  uint64_t messages = 0;                         // whole 100-byte messages
  int sessions_closed = 0, sessions_failed = 0;  // failed: reset, or an error
  uint64_t dropped = 0;
  uint64_t server_cpu_ns = 0;  // the serving threads' CPU time (not the accept thread's)
  // The lab's own clients stamp each message when they send it: arrival -> fetch latency.
  uint64_t latency_samples = 0, latency_p50_ns = 0, latency_p99_ns = 0;
  double seconds = 0;    // from the first accept to the last close
  double ops_per_s = 0;  // messages fetched per second
  double cpu_ns_per_message() const {
    return messages ? double(server_cpu_ns) / double(messages) : 0;
  }
};

class ManyClientsServer {
 public:
  explicit ManyClientsServer(ManyClientsOptions options);
  ~ManyClientsServer();  // stops
  ManyClientsServer(const ManyClientsServer&) = delete;
  ManyClientsServer& operator=(const ManyClientsServer&) = delete;

  // Listens and starts accepting; false and a one-line `error` ("port 9000 is in use: ...").
  bool start(std::string& error);
  void stop();  // ends the threads (pending receives are cancelled first); stats are final then
  uint16_t port() const;
  Backend backend() const;
  // The peers connected now, in accept order ("127.0.0.1:53122", getpeername): a session's goes
  // when it closes.
  std::vector<std::string> peers() const;

  size_t drain(std::vector<Transition>& out);  // never blocks
  // Blocks until a transition waits for drain(), the run finished, or the timeout passed.
  bool wait_for_transitions(std::chrono::milliseconds timeout);
  bool finished() const;      // every one of the N sessions was accepted and has closed
  std::string error() const;  // a serving thread's failure (one line), empty when none
  ManyClientsStats stats() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The GUI's own clients (iolab --clients N, Lab > Clients): N connections to a ManyClientsServer,
// made on their own thread; each send_wave() sends one stamped 100-byte message from every one
// of them ("Hello World", as the demo's), at the pace the teacher asks for.
class ManyLabClients {
 public:
  ManyLabClients(std::string host, uint16_t port, int clients);
  ~ManyLabClients();  // closes the N sockets (each session then sees its peer close)
  ManyLabClients(const ManyLabClients&) = delete;
  ManyLabClients& operator=(const ManyLabClients&) = delete;

  void send_wave();             // asks the thread for one message from every client
  int connected() const;        // clients connected so far
  uint64_t waves_sent() const;  // waves every client has sent
  std::string error() const;    // "3 of the lab's clients could not connect: ..." or empty

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The demo: a server and N lab clients on loopback; each client sends `messages` 100-byte
// messages ("Hello World" and its send time), then closes. Every transition drained is handed
// to `on_transition` (may be empty).
struct ManyClientsRun {
  Backend backend = Backend::winsock;
  std::string error;  // empty when every message was fetched and every session closed
  ManyClientsStats stats;
  uint64_t transitions = 0;
};
ManyClientsRun run_many_clients(ManyModel model, int clients, int messages,
                                const std::function<void(const Transition&)>& on_transition = {},
                                std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace netcore
