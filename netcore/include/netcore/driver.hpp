// Driving an Engine from a program that can wait (the CLI, tests, scripted lessons): every
// drained transition is handed to a sink, and await() blocks on the engine's own notification,
// never on a guessed sleep.
//
// What the driver keeps is bounded, however long the run (a server under a flooding peer, an
// hour-long class): the newest `window` transitions, and each op's own transitions until
// `kept_ended_ops` newer ops have ended. Looking up an op costs the same at the millionth op as
// at the first. What falls out is counted (evicted(), forgotten_ops()); the sink saw it all.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "netcore/engine.hpp"

namespace netcore {

using Sink = std::function<void(const Transition&)>;

// An op's last word: completed_immediately, result_fetched, failed or peer_closed.
bool ends_op(Kind kind);

struct DriverLimits {
  size_t window = 16384;           // the newest transitions kept for await() and seen()
  size_t kept_ended_ops = 4096;    // ended ops whose transitions are still kept for of_op()
  size_t transitions_per_op = 16;  // an op has 2-5; more are counted, not kept
};

class Driver {
 public:
  explicit Driver(Engine& engine, Sink sink = {}, DriverLimits limits = {})
      : engine_(engine), sink_(std::move(sink)), limits_(limits) {}

  // Takes whatever the engine has recorded, without blocking.
  void pump();

  // A position in the run: how many transitions had been pumped. Transitions are numbered from 0
  // in the order drained; the window holds [window_begin(), end()).
  using Position = uint64_t;
  Position end() const { return window_begin_ + window_.size(); }
  Position window_begin() const { return window_begin_; }

  // The first transition (still in the window, or still to come) for which `match` holds; null
  // after `timeout` without one.
  std::optional<Transition> await(const std::function<bool(const Transition&)>& match,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The same from `from` on, which it moves past every transition it looked at: a caller that
  // follows the run in steps looks at each transition once. Transitions that left the window
  // before it got to them are added to missed().
  std::optional<Transition> await_from(Position& from,
                                       const std::function<bool(const Transition&)>& match,
                                       std::chrono::milliseconds timeout);

  // Per op (no scan of the run): its transition of `kind`, or its end.
  std::optional<Transition> await_kind(
      uint32_t op, Kind kind, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::optional<Transition> await_end(uint32_t op,
                                      std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // The op's transitions in order (empty if it has none yet, or if it was forgotten).
  std::vector<Transition> of_op(uint32_t op) const;
  // The op's transitions, or null; valid until the next pump().
  const std::vector<Transition>* find_op(uint32_t op) const;
  // The op that went pending last and has not ended (the one whose buffer the kernel holds), or 0.
  uint32_t last_pending_op() const;

  // Whether the peer's receives have taken every byte of a send, up to its end in the stream (a
  // socket's sends go out in the order posted). Counted on each connection as transitions are
  // kept (a connected/accepted starts a new stream), so it costs the same however long the run;
  // a send whose connection was since replaced counts as delivered: nothing more of it can come.
  // unknown: the op's post is not pumped yet, or its record was forgotten.
  enum class Delivery : uint8_t { unknown, not_a_send, on_the_way, delivered };
  Delivery delivery(uint32_t op) const;

  // The newest transitions, at most limits().window of them.
  const std::deque<Transition>& seen() const { return window_; }
  uint64_t evicted() const { return window_begin_; }  // fell out of the window (the sink had them)
  uint64_t forgotten_ops() const { return forgotten_ops_; }  // ended ops no longer kept
  uint64_t missed() const { return missed_; }        // await_from() could not look at them any more
  uint64_t untracked() const { return untracked_; }  // past transitions_per_op, not kept per op
  const DriverLimits& limits() const { return limits_; }
  Engine& engine() { return engine_; }

 private:
  struct OpRecord {
    std::vector<Transition> transitions;
    uint64_t pending_at = 0;  // 1 + its pending transition's position, 0 if it never pended
    bool ended = false;
    uint64_t stream_end = 0;  // a send: its session's bytes posted on the connection, with it
    uint64_t connection = 0;  // connection_ when it was posted
  };
  const OpRecord* record(uint32_t op) const;
  void keep(const Transition& t);
  void count_stream(const Transition& t);
  std::optional<Transition> await_op(uint32_t op,
                                     const std::function<bool(const Transition&)>& match,
                                     std::chrono::milliseconds timeout);
  // Pumps, then waits up to what is left until `deadline`; false once it has passed.
  bool wait_more(std::chrono::steady_clock::time_point deadline);

  Engine& engine_;
  Sink sink_;
  DriverLimits limits_;
  std::deque<Transition> window_;
  Position window_begin_ = 0;
  std::vector<Transition> batch_;
  std::unordered_map<uint32_t, OpRecord> ops_;
  std::deque<uint32_t> ended_ops_;  // oldest first; the first to be forgotten
  // The op an await_kind/await_end is waiting for, checked as each transition is kept: its
  // record could be forgotten within the same pump (4,096 other ops ending in one batch).
  struct Watch {
    uint32_t op = 0;
    const std::function<bool(const Transition&)>* match = nullptr;
    std::optional<Transition> found;
  } watch_;
  // Per session, on the current connection: WSASend bytes posted, WSARecv bytes taken.
  static constexpr uint32_t kSessions = 3;
  uint64_t connection_ = 0;  // connected / accepted seen so far
  uint64_t sent_[kSessions] = {};
  uint64_t received_[kSessions] = {};
  uint64_t forgotten_ops_ = 0;
  uint64_t missed_ = 0;
  uint64_t untracked_ = 0;
};

}  // namespace netcore
