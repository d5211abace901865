// The engine: one thread that performs real overlapped socket I/O and reports every
// state change as a Transition. submit() from any thread; drain() never blocks.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "netcore/command.hpp"
#include "netcore/transition.hpp"

namespace netcore {

enum class LabMode : uint8_t {
  loopback,  // the lecture's demo: a listener, a server session and a client, all on 127.0.0.1
  serve,     // only the server side: accept one real peer (nc, Python, iolab-cli connect)
  connect,   // only the client side: connect to a real server
};

// The I/O model of the lab's server session (docs/models.md: the lecture's road). The client
// session always uses the event model; R (post_recv on the server) and A (alertable) follow it.
enum class LabModel : uint8_t {
  event,               // WSARecv with an event, WSAWaitForMultipleEvents, WSAGetOverlappedResult
  completion_routine,  // WSARecv with lpCompletionRoutine; the routine runs in SleepEx(.., TRUE)
  iocp,                // CreateIoCompletionPort, a worker in GetQueuedCompletionStatus
  event_select,        // WSAEventSelect, WSAWaitForMultipleEvents, WSAEnumNetworkEvents, recv
};
inline constexpr LabModel kLabModels[] = {LabModel::event, LabModel::completion_routine,
                                          LabModel::iocp, LabModel::event_select};
const char* lab_model_name(LabModel m);  // "event", "completion-routine", "iocp", "event-select"
bool lab_model_from_name(std::string_view name, LabModel& out);

struct EngineOptions {
  LabMode mode = LabMode::loopback;
  LabModel model = LabModel::event;  // the server session's model at start (set_model changes it)
  std::string host = "127.0.0.1";    // bind address (loopback/serve) or server (connect)
  uint16_t port = 0;                 // 0: an ephemeral port (loopback only)
  size_t queue_capacity = 1 << 20;   // transitions held for drain(); beyond it, counted drops
  // The reading loop (set_reading, `serve`) posts its next WSARecv only while fewer transitions
  // than this wait for drain(): a peer that sends faster than the program drains is slowed by
  // TCP's own flow control, instead of filling memory or the queue (nothing is dropped).
  size_t read_backlog = 32768;
  bool record = true;  // false: no transition is built or queued, the I/O is the same (benchmarks)
  // Called on the netcore thread when transitions become ready to drain after the queue had
  // been drained empty (so about once per drain, never per transition): lets a UI that sleeps
  // between frames wake at once (glfwPostEmptyEvent). Must be cheap and must not call back in.
  std::function<void()> on_ready;
};

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();  // stops the thread; pending operations are cancelled and reported first
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Binds/connects and starts the netcore thread. On failure returns false and `error`
  // says what went wrong in one line ("port 8000 is in use: ...").
  bool start(std::string& error);
  void stop();

  // Queues a command; returns the op id for post_recv/post_send (0 otherwise).
  uint32_t submit(Command command);

  // Appends every transition recorded since the last drain; never blocks.
  size_t drain(std::vector<Transition>& out);

  // Blocks the caller until a transition is ready to drain, or the timeout passes.
  // For the CLI and tests; the UI never calls it.
  bool wait_for_transitions(std::chrono::milliseconds timeout);

  uint64_t dropped() const;  // transitions lost to a full queue (the UI shows it; stays 0)
  Backend backend() const;
  uint16_t port() const;        // the listening port (loopback/serve) or the peer's (connect)
  bool peer_connected() const;  // serve: a peer has been accepted
  LabModel model() const;       // the server session's model (the last set_model submitted)
  // serve: the address of the client accepted last ("127.0.0.1:53122", getpeername); empty
  // before the first. Set before its `accepted` transition is queued.
  std::string peer_address() const;

  struct Impl;

 private:
  friend struct EngineTestHooks;  // src/engine_hooks.hpp: the benchmark drives emit() directly
  std::unique_ptr<Impl> impl_;
};

}  // namespace netcore
