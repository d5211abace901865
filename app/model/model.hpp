// The transition stream turned into what the panels draw: operations, their states and paths,
// lanes (one per OVERLAPPED slot, one per netcore thread) and counts.
// No ImGui here: the model is plain C++ and unit-tested on hand-made transitions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "netcore/transition.hpp"

namespace iolab::model {

using netcore::Api;
using netcore::Kind;
using netcore::Transition;

inline constexpr uint64_t kNever = UINT64_MAX;  // a time that has not happened (yet)

// The lecture's numbered flow: 1 -> 2 when WSARecv/WSASend returned 0,
// 1 -> 2 -> 3 -> 4 when it went pending, was signaled and its result was fetched.
enum class Path : uint8_t {
  not_yet,    // posted, the call has not returned
  immediate,  // 1 -> 2
  pending,    // 1 -> 2 (pending), waiting for step 3
  signaled,   // 1 -> 2 -> 3, WSAGetOverlappedResult not called yet
  completed,  // 1 -> 2 -> 3 -> 4
  failed,     // any other error (or canceled, aborted)
};

// The lecture's step (1..4) a transition belongs to; 0 when it is not one of them.
// Step 1 (socket + WSACreateEvent + hEvent) is setup, done before any op exists.
int step_of(Kind kind);

struct Op {
  uint32_t id = 0;
  uint32_t session = 0;
  uint16_t slot = 0;
  uint32_t thread = 0;
  Api api = Api::none;
  Path path = Path::not_yet;

  // When each step happened (kNever: not yet).
  uint64_t t_posted = kNever, t_returned = kNever, t_signaled = kNever, t_fetched = kNever,
           t_failed = kNever;
  uint32_t bytes_requested = 0;
  uint32_t bytes_done = 0;  // immediate or fetched result
  Kind last_kind = Kind::posted;
  Transition latest;              // for the inspector: the op as last seen
  std::vector<size_t> log_lines;  // indices into Model::log()

  bool went_pending() const { return t_returned != kNever && path != Path::immediate; }
  bool finished() const {
    return path == Path::immediate || path == Path::completed || path == Path::failed;
  }
  uint64_t t_end() const;  // the last known time of the op, kNever while it is still open
};

// A stretch of time a netcore thread spent asleep in a call (blocked .. unblocked).
struct Wait {
  uint64_t t_begin = 0, t_end = kNever;  // kNever: still waiting
  Api api = Api::none;
};

struct Lane {
  enum class Type : uint8_t { slot, thread };
  Type type = Type::slot;
  uint32_t session = 0;     // slot lanes
  uint16_t slot = 0;        // slot lanes
  uint32_t thread = 0;      // thread lanes
  Api api = Api::none;      // slot lanes: the API last seen on the slot
  std::vector<size_t> ops;  // indices into Model::ops(), in post order
  std::vector<Wait> waits;  // thread lanes
};

struct Counts {
  uint64_t transitions = 0;
  uint64_t posted = 0, immediate = 0, pending = 0, signaled = 0, fetched = 0, failed = 0;
};

class Model {
 public:
  void apply(const Transition& t);
  void apply(const std::vector<Transition>& ts) {
    for (const Transition& t : ts) apply(t);
  }
  // Forgets everything shown (Reset lab) but keeps counting sequence gaps across it.
  // Transitions of the ops known so far (their close/cancel reports arrive after the reset)
  // are counted but not shown: they belong to the old lab.
  void clear();

  const std::vector<Transition>& log() const { return log_; }
  const std::vector<Op>& ops() const { return ops_; }
  const std::vector<Lane>& lanes() const { return lanes_; }
  const Counts& counts() const { return counts_; }

  const Op* find_op(uint32_t id) const;
  // The newest op of an API (e.g. the server's latest WSARecv), or nullptr.
  const Op* latest_op(Api api) const;

  uint64_t seq_gaps() const { return seq_gaps_; }  // transitions the UI never saw
  bool empty() const { return log_.empty(); }
  uint64_t t_first() const { return t_first_; }  // time of the first transition kept
  uint64_t t_last() const { return t_last_; }

  // One line per op and lane, for tests and --drive output.
  std::string describe() const;

 private:
  Op& op_for(const Transition& t);
  void apply_to_op(Op& op, const Transition& t, size_t line);
  void apply_to_thread(const Transition& t);
  Lane& slot_lane(uint32_t session, uint16_t slot);
  Lane& thread_lane(uint32_t thread);

  std::vector<Transition> log_;
  std::vector<Op> ops_;
  std::vector<Lane> lanes_;
  Counts counts_;
  uint64_t next_seq_ = 0;
  bool seen_any_ = false;
  uint64_t seq_gaps_ = 0;
  uint64_t t_first_ = 0, t_last_ = 0;
  std::unordered_map<uint32_t, size_t> op_index_;  // op id -> index in ops_
  uint32_t max_op_ = 0, ignore_ops_upto_ = 0;
};

}  // namespace iolab::model
