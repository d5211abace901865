// The transition stream turned into what the panels draw: operations, their states and paths,
// lanes (one per OVERLAPPED slot, one per netcore thread) and counts.
// No ImGui here: the model is plain C++ and unit-tested on hand-made transitions.
//
// The store is compact (docs/performance.md, "GUI"): the log keeps a 40-byte Record per
// transition, not the engine's 160-byte Transition; the OVERLAPPED/WSABUF snapshot and the
// first data bytes (what only the inspector shows) are kept per op, for the first kFirstSnapshots
// ops of a lab and the newest kRecentSnapshots. The store is bounded: past max_transitions() the
// oldest quarter is dropped in one go, and counted (cap_dropped()), never silently lost.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "netcore/transition.hpp"

namespace iolab::model {

using netcore::Api;
using netcore::Kind;
using netcore::Transition;

inline constexpr uint64_t kNever = UINT64_MAX;  // a time that has not happened (yet)
inline constexpr uint64_t kNoLine = UINT64_MAX;

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

// One log line: what the log, the code panel and the timeline need of a transition.
struct Record {
  uint64_t t_ns = 0;
  uint32_t op = 0, bytes = 0;
  int32_t result = 0, error = 0;
  uint32_t thread = 0;
  uint32_t prev = 0;     // lines back to the op's previous transition (0: none kept)
  uint16_t session = 0;  // the lab's sessions are a handful of small numbers
  uint16_t slot = 0;
  Api api = Api::none;
  Kind kind = Kind::posted;
  uint8_t wsabuf_count = 0;
};
static_assert(sizeof(Record) == 40, "the log's record is meant to stay small");

// The part of a Transition only the inspector shows.
struct Snapshot {
  uint32_t op = 0;  // 0: empty
  uint8_t event_signaled = 0, cqe_ready = 0, wsabuf_count = 0, data_len = 0;
  uint64_t ov_internal = 0, ov_internal_high = 0, ov_event = 0;
  uint32_t wsabuf_len[netcore::kMaxWsabufs] = {};
  char data[netcore::kDataCapacity] = {};
};

struct Op {
  uint32_t id = 0;
  uint32_t session = 0;
  uint32_t thread = 0;
  uint16_t slot = 0;
  Api api = Api::none;
  Path path = Path::not_yet;
  Kind last_kind = Kind::posted;

  // When each step happened (kNever: not yet).
  uint64_t t_posted = kNever, t_returned = kNever, t_signaled = kNever, t_fetched = kNever,
           t_failed = kNever;
  uint64_t t_first = 0;    // its first transition kept (the post, unless the cap dropped it)
  uint64_t last_line = 0;  // absolute log line of its newest transition (Model::record)
  uint32_t bytes_requested = 0;
  uint32_t bytes_done = 0;  // immediate or fetched result
  int32_t last_error = 0;
  // Where its bytes sit in its connection's byte stream (counted from the connection's start):
  // a send's from its post (one socket's sends go out in post order), a receive's from its
  // completion. kNever: no bytes yet, or counted before a cap dropped the start.
  uint64_t stream_at = kNever;
  bool touched = false;  // touch_buffer overwrote its buffer while pending (the pitfall)

  bool went_pending() const { return t_returned != kNever && path != Path::immediate; }
  bool finished() const {
    return path == Path::immediate || path == Path::completed || path == Path::failed;
  }
  uint64_t t_end() const;  // the last known time of the op, kNever while it is still open
  uint64_t t_begin() const { return t_posted != kNever ? t_posted : t_first; }
};

// A stretch of time a netcore thread spent asleep in a call (blocked .. unblocked).
struct Wait {
  uint64_t t_begin = 0, t_end = kNever;  // kNever: still waiting
  Api api = Api::none;
  // WSAWaitForMultipleEvents: the events it waited on (its `blocked` result, as the CLI's "on N
  // event(s)": the many-clients server counts its wake event in, up to 64 handles; the lab's
  // engine its ops only), and the event index whose `signaled` ended it (-1: none, e.g. a wake).
  int32_t events = 0, woke_index = -1;
};

struct Lane {
  enum class Type : uint8_t { slot, thread };
  Type type = Type::slot;
  uint32_t session = 0;       // slot lanes
  uint16_t slot = 0;          // slot lanes
  uint32_t thread = 0;        // thread lanes
  Api api = Api::none;        // slot lanes: the API last seen on the slot
  std::vector<uint32_t> ops;  // indices into Model::ops(), in post (= time) order
  std::vector<Wait> waits;    // thread lanes
  // Ops visible() cannot find by their begin time: still open, or longer than kLongOpNs.
  std::vector<uint32_t> open, long_ops;
};

inline constexpr uint64_t kLongOpNs = 50'000'000;  // 50 ms

// The timeline's rows (issue 16). While the lab has a few sessions (the lecture's server and
// client) every lane is a row, as it always was, thread lanes last. Past kGroupSessionsAbove
// sessions the thread lanes come first (a few waiting threads or workers, the point of the
// picture with many clients), then each session is one row that shows the ops of all its slot
// lanes, the most recently active first; an expanded session's row is followed by its lanes.
inline constexpr size_t kGroupSessionsAbove = 4;

struct Row {
  uint32_t session = 0;      // the row's session (0: a thread lane)
  uint32_t lane = 0;         // index into Model::lanes(): the lane, or a session's first lane
  uint32_t lanes = 1;        // a session row: how many lanes (from `lane` on) it shows
  bool session_row = false;  // one row for the whole session
  bool expanded = false;     // a session row whose lanes follow it
  uint64_t t_active = 0;     // a session row: the time of its newest transition
};

struct Counts {
  uint64_t transitions = 0;
  uint64_t posted = 0, immediate = 0, pending = 0, signaled = 0, fetched = 0, failed = 0;
  // Of those, the other models' forms (the legend names what the marks stand for): signaled
  // counts completion_queued too, fetched counts callback and dequeued too.
  uint64_t queued = 0, callbacks = 0, dequeued = 0;
};

// [first, last): positions in a lane's ops whose extent may meet [t_begin, t_end]: a binary
// search on the begin times (ops are in time order per lane), widened back by kLongOpNs. Ops that
// began earlier and are still open or longer than that are in Lane::open and Lane::long_ops.
struct Range {
  size_t first = 0, last = 0;
};

class Model {
 public:
  static constexpr size_t kDefaultMaxTransitions = 1'000'000;
  static constexpr uint32_t kFirstSnapshots = 4096, kRecentSnapshots = 4096;

  void apply(const Transition& t);
  void apply(const std::vector<Transition>& ts) {
    for (const Transition& t : ts) apply(t);
  }
  // Forgets everything shown (Reset lab) but keeps counting sequence gaps across it.
  // Transitions of the ops known so far (their close/cancel reports arrive after the reset)
  // are counted but not shown: they belong to the old lab.
  void clear();

  // The cap: at most this many transitions kept (>= 16); past it the oldest quarter goes.
  void set_max_transitions(size_t n);
  size_t max_transitions() const { return max_transitions_; }
  uint64_t cap_dropped() const { return cap_dropped_; }  // transitions the cap let go

  // The log: lines first_line() .. first_line() + log_size() - 1 (absolute: they survive the
  // cap dropping older ones). record(i) takes an index 0 .. log_size() - 1.
  size_t log_size() const { return log_.size(); }
  uint64_t first_line() const { return base_line_; }
  const Record& record(size_t i) const { return log_[i]; }
  // A log line as a Transition (seq, snapshot and data left at zero).
  Transition transition(size_t i) const;
  // The op as last seen, with its snapshot when one is kept (has_snapshot).
  Transition latest(const Op& op) const;
  bool has_snapshot(const Op& op) const { return snapshot(op.id) != nullptr; }
  // The op's kept transitions, oldest first (indices for record()).
  std::vector<size_t> lines_of(const Op& op) const;

  const std::vector<Op>& ops() const { return ops_; }
  const std::vector<Lane>& lanes() const { return lanes_; }
  const Counts& counts() const { return counts_; }

  // The peer's receive whose bytes hold stream byte `at` of `session`'s sends, and where in its
  // buffer; null when no receive has taken it (yet). For the inspector: where a send landed.
  const Op* receive_holding(uint32_t session, uint64_t at, uint64_t& offset) const;
  // The touched send of the peer whose first byte this receive holds, or null.
  const Op* touched_send_in(const Op& receive) const;

  const Op* find_op(uint32_t id) const;
  // The newest op of an API (e.g. the server's latest WSARecv), or nullptr.
  const Op* latest_op(Api api) const;
  // The op of the newest transition that has one, or nullptr.
  const Op* newest_op() const { return find_op(newest_op_id_); }

  // The timeline's rows: see Row. `expanded`: the sessions the teacher opened.
  std::vector<Row> rows(const std::unordered_set<uint32_t>& expanded) const;
  // Sessions with at least one slot lane; more than kGroupSessionsAbove: rows() groups them.
  size_t session_count() const;
  // The time of the newest transition kept of a lane's ops (0: none).
  uint64_t lane_active(const Lane& lane) const;

  // The thread's wait that began last at or before t_ns (null: none kept), e.g. the wait a
  // `signaled` line ended.
  const Wait* wait_at(uint32_t thread, uint64_t t_ns) const;

  // Ops of a slot lane that can show in [t_begin, t_end] (absolute ns).
  Range visible(const Lane& lane, uint64_t t_begin, uint64_t t_end) const;

  uint64_t seq_gaps() const { return seq_gaps_; }  // transitions the engine lost (never seen)
  bool empty() const { return log_.empty(); }
  uint64_t t_first() const { return t_first_; }  // time of the lab's first transition
  uint64_t t_last() const { return t_last_; }

  // Bytes the store holds (log, ops, lanes, snapshots, index), for bytes_per_transition.
  size_t memory_bytes() const;

  // One line per op and lane, for tests and --drive output.
  std::string describe() const;

 private:
  void store(const Record& r, const Snapshot* snap);
  Op& op_for(const Record& r);
  void apply_to_op(Op& op, const Record& r, uint64_t line);
  void apply_to_thread(const Record& r);
  void count_received(Op& op, uint32_t bytes);
  Lane& slot_lane(uint32_t session, uint16_t slot);
  Lane& thread_lane(uint32_t thread);
  void drop_oldest();
  const Snapshot* snapshot(uint32_t op) const;
  void keep_snapshot(const Transition& t);

  std::vector<Record> log_;
  uint64_t base_line_ = 0;  // absolute line number of log_[0]
  std::vector<Op> ops_;
  std::vector<Lane> lanes_;
  Counts counts_;
  uint64_t next_seq_ = 0;
  bool seen_any_ = false;
  uint64_t seq_gaps_ = 0;
  uint64_t t_first_ = 0, t_last_ = 0;
  bool have_first_ = false;
  // Op ids grow with each post: find_op is a binary search; the rare id out of order goes here.
  std::unordered_map<uint32_t, uint32_t> op_stray_;
  bool ops_sorted_ = true;
  uint32_t max_op_ = 0, ignore_ops_upto_ = 0, newest_op_id_ = 0;
  size_t max_transitions_ = kDefaultMaxTransitions;
  uint64_t cap_dropped_ = 0;
  uint32_t first_snapshot_op_ = 0;  // id of the lab's first op (0: none yet)
  std::vector<Snapshot> first_snaps_, recent_snaps_;
  // Bytes posted (sends) / received per session on the current connection; see Op::stream_at.
  uint64_t stream_sent_[3] = {}, stream_received_[3] = {};
  bool rebuilding_ = false;  // drop_oldest replays kept records: streams are not counted twice
};

}  // namespace iolab::model
