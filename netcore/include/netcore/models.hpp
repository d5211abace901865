// The four I/O models of the lecture's 2x2 matrix (LECTURE.md §1), each run live on its own
// worker thread with its own real loopback TCP pair: the receiver wants 100 bytes, the peer
// sends them `delay` after a start time shared by all four, so they share one time axis.
//
//                 synchronous                     asynchronous
//   blocking      blocking_sync: recv             blocking_async: select, then recv
//   non-blocking  nonblocking_sync: FIONBIO +     nonblocking_async: WSARecv + WSAOVERLAPPED +
//                 recv until not WSAEWOULDBLOCK   event (Linux: io_uring + eventfd)
//
// Every call is real; the transitions are what the calls answered. Thread-safe: start/stop from
// one thread (the UI's), drain/status from any.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "netcore/transition.hpp"

namespace netcore {

#define NETCORE_MODELS(X) \
  X(blocking_sync)        \
  X(nonblocking_sync)     \
  X(blocking_async)       \
  X(nonblocking_async)

enum class Model : uint8_t {
#define NETCORE_ENUM(name) name,
  NETCORE_MODELS(NETCORE_ENUM)
#undef NETCORE_ENUM
};

inline constexpr int kModelCount = 4;
inline constexpr std::array<Model, kModelCount> kAllModels = {
    Model::blocking_sync, Model::nonblocking_sync, Model::blocking_async, Model::nonblocking_async};
inline constexpr uint32_t kModelBytes = 100;  // what the receiver wants, as in the lecture

const char* model_name(Model m);  // the identifier: "blocking_sync"
const char* model_cell(Model m);  // the matrix cell: "blocking + synchronous"
const char* model_call(Model m);  // what the receiver calls: "recv on a blocking socket"

// What the peer does at `delay`: the lecture's send, or one of the two ways a connection ends
// early, to show how each model reports it.
enum class PeerAction : uint8_t {
  send,   // send the 100 bytes ("Hello World" padded with zeros)
  close,  // shutdown(SD_SEND) without sending: the receive ends with 0 bytes (peer_closed)
  reset,  // closesocket with SO_LINGER {1, 0}: an RST, the receive fails with WSAECONNRESET
};

struct ModelOptions {
  // The peer sends this long after the shared start, and never before its receiver has said it
  // waits (on a loaded machine a receiver thread can start later than that).
  std::chrono::milliseconds delay{1500};
  PeerAction peer = PeerAction::send;
  // Non-blocking sync: the thread spins (burning CPU, never sleeping) this long between recv
  // attempts. A bare loop would retry about a million times a second; spacing the attempts
  // keeps every one of them a transition the UI can draw.
  std::chrono::microseconds retry_spin{1000};
  // Non-blocking async: one unit of other work is this much real computing (hashing a buffer),
  // with a non-blocking check of the event between units.
  std::chrono::milliseconds work_unit{50};
  // Beyond `delay`, how long a receiver waits before it gives up (a bound, never a hang).
  std::chrono::milliseconds timeout{5000};
};

struct Summary {
  uint64_t wait_ns = 0;     // from the receiver's first call to having all the bytes
  uint64_t cpu_ns = 0;      // CPU time the receiving thread used in that span
  uint32_t attempts = 0;    // times it asked "is the data there?": recv, select, event checks
  uint32_t work_units = 0;  // units of other work done meanwhile (only the overlapped thread)
  uint32_t bytes = 0;       // bytes received (kModelBytes when it went well)
};

// Transitions of one run: seq is gap-free from 1; t_ns is the engine's clock
// (steady_clock, ns since its epoch). The receiver's transitions carry session kServerSession
// (op 1 for its receive, op 0 for the work it does itself); the peer's send carries
// kClientSession (op 2). Each thread has its own id.
struct ModelRun {
  Model model = Model::blocking_sync;
  uint64_t start_ns = 0;  // the shared start: the time axis's zero
  std::vector<Transition> transitions;
  Summary summary;
  bool started = false;
  bool finished = false;
  std::string error;  // one line when it went wrong ("recv failed: WSAECONNRESET ..."), or empty
};

// Live state of one model, for a UI that polls every frame (no transitions: drain those).
struct ModelStatus {
  bool started = false;
  bool finished = false;
  uint64_t start_ns = 0;
  Summary summary;  // updated while the run goes on
  std::string error;
};

class ModelRunner {
 public:
  explicit ModelRunner(ModelOptions options = {});
  ~ModelRunner();  // stops every run (bounded) and joins its threads
  ModelRunner(const ModelRunner&) = delete;
  ModelRunner& operator=(const ModelRunner&) = delete;

  Backend backend() const;
  const ModelOptions& options() const { return options_; }

  // Builds the socket pair(s) and starts the threads. A model still running is not restarted
  // (returns false); a finished one starts afresh. start_all gives all four one start time.
  // On failure `error` says why in one line and nothing is left running.
  bool start(Model m, std::string& error);
  bool start_all(std::string& error);

  // Asks every run to end now (the peers close instead of sending); returns once joined.
  void stop();

  // Appends the transitions of `m` recorded since the last drain of `m`. Never blocks for long.
  size_t drain(Model m, std::vector<Transition>& out);
  ModelStatus status(Model m) const;

  // Blocks until every started run has finished, or the timeout passes (returns false).
  bool wait(std::chrono::milliseconds timeout);

  // Every transition of every started run, with summaries (drain does not consume these).
  std::vector<ModelRun> results() const;

  // For the CLI and tests: start_all, wait (bounded by delay + timeout), results. Setup
  // failures land in each run's `error`.
  std::vector<ModelRun> run_all();

  struct Run;

 private:
  ModelOptions options_;
  std::array<std::unique_ptr<Run>, kModelCount> runs_;
};

}  // namespace netcore
