// The 2x2 matrix of LECTURE.md §1, live: the four I/O models run by netcore::ModelRunner (real
// sockets, one worker thread per receiver), each model's transitions turned into the marks of a
// mini-timeline (bars, ticks, points), and the one time axis all four cells share.
// No ImGui: the matrix view draws these, tests/model/matrix_test.cpp checks them.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "netcore/models.hpp"
#include "netcore/transition.hpp"

namespace iolab::model {

using IoModel = netcore::Model;  // iolab::model::Model is the lab's model

// ns from `start` to `t` on netcore's steady clock, never negative (a thread's first stamp can
// precede the start it was given by a hair).
inline double ns_since(uint64_t t, uint64_t start) {
  return t > start ? static_cast<double>(t - start) : 0.0;
}

// One mark on a cell's mini-timeline. Times are ns since the run's shared start (the axis's 0).
struct CellMark {
  enum class Type : uint8_t {
    asleep,       // bar: the thread sleeps inside `api` (recv, select)
    pending,      // bar: the overlapped receive is pending (WSA_IO_PENDING .. signaled)
    work,         // bar: one unit of other work the thread did meanwhile (`index` counts them)
    would_block,  // tick: a recv that failed with WSAEWOULDBLOCK (the caller retries)
    posted,       // point: WSARecv called
    ready,        // point: select reported the socket readable
    completed,    // point: the call returned the data at once (`bytes`)
    signaled,     // point: the event was found signaled
    fetched,      // point: WSAGetOverlappedResult (`bytes`)
    failed,       // point: an error ended the receive
    closed,       // point: the receive ended with 0 bytes (the peer closed)
  };
  Type type = Type::completed;
  double t0 = 0, t1 = 0;  // t1 == t0 for ticks and points
  bool open = false;      // a bar still growing: it ends at "now"
  netcore::Api api = netcore::Api::none;
  uint32_t bytes = 0;
  uint32_t index = 0;  // work: 1, 2, 3 ...

  bool is_bar() const {
    return type == Type::asleep || type == Type::pending || type == Type::work;
  }
};

// What one model's run looked like: the receiving thread's row, the overlapped operation's row
// (only the non-blocking + asynchronous cell has one), and when the peer acted.
class CellTrack {
 public:
  explicit CellTrack(IoModel model = IoModel::blocking_sync) : model_(model) {}

  // A new run starting at `start_ns` (netcore's steady clock): forgets the previous one.
  void reset(uint64_t start_ns);
  // Appends transitions of the run (receiver's and peer's, in seq order).
  void apply(const std::vector<netcore::Transition>& transitions);
  void set_status(const netcore::ModelStatus& status) { status_ = status; }

  IoModel model() const { return model_; }
  bool started() const { return status_.started; }
  bool running() const { return status_.started && !status_.finished; }
  bool finished() const { return status_.started && status_.finished; }
  const netcore::ModelStatus& status() const { return status_; }
  uint64_t start_ns() const { return start_ns_; }

  const std::vector<CellMark>& thread_marks() const { return thread_; }
  const std::vector<CellMark>& op_marks() const { return op_; }
  bool has_op_row() const { return model_ == IoModel::nonblocking_async; }
  // When the receiving thread was seen first and last (ns since the start; -1: not yet).
  double thread_begin() const { return thread_begin_; }
  double thread_end() const { return thread_end_; }
  // When the peer sent (or closed): ns since the start, -1 before it did.
  double peer_at() const { return peer_at_; }
  bool peer_sent() const { return peer_sent_; }

  uint32_t would_blocks() const { return would_blocks_; }
  uint32_t work_units() const { return work_units_; }
  uint32_t bytes() const { return bytes_; }
  size_t transitions() const { return count_; }
  // The latest time seen in this run (ns since its start), for the shared axis.
  double latest() const { return latest_; }

  // Empty when the run showed its model's behaviour (LECTURE.md §1), otherwise why not:
  //   blocking_sync:     asleep in recv, woke up with the 100 bytes
  //   nonblocking_sync:  at least one WSAEWOULDBLOCK, then a recv with the 100 bytes
  //   blocking_async:    select reported ready, then a recv that completed with the 100 bytes
  //   nonblocking_async: posted -> pending -> signaled -> result_fetched 100, work done meanwhile
  std::string check() const;
  // One line: "blocking_sync finished: 1 transitions ... ".
  std::string describe() const;

 private:
  void close_open(CellMark::Type type, double t);
  CellMark* last_open(CellMark::Type type);

  IoModel model_;
  uint64_t start_ns_ = 0;
  netcore::ModelStatus status_;
  std::vector<CellMark> thread_, op_;
  double thread_begin_ = -1, thread_end_ = -1, peer_at_ = -1, latest_ = 0;
  double work_from_ = -1;  // where the next unit of work began
  bool peer_sent_ = false;
  uint32_t would_blocks_ = 0, work_units_ = 0, bytes_ = 0;
  size_t count_ = 0;
};

// The one time axis of the four cells: same scale everywhere, 0 = each run's start.
struct MatrixAxis {
  double span_ns = 1e9;  // the width of every cell's plot
  double step_ns = 1e8;  // between labelled ticks (1, 2, 5 x 10^k)

  // Wide enough for the peer's delay with room after it, and for everything seen so far
  // (`latest_ns`), so a run that goes on longer than expected stays whole in view.
  static MatrixAxis fit(double delay_ns, double latest_ns, int max_ticks = 8);
};

// Owns the runner; the UI calls poll() every frame (drain + status: never blocks for long).
class Matrix {
 public:
  Matrix();
  ~Matrix();
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;

  // Start one cell, or all four with one shared start. The peer sends after `delay` (a new
  // delay takes effect once nothing is running). False with `error` when it could not start.
  bool start(IoModel m, std::chrono::milliseconds delay, std::string& error);
  bool start_all(std::chrono::milliseconds delay, std::string& error);
  void stop();
  void poll();
  // Blocks until every started run finished, or the timeout (for tests; the UI polls).
  bool wait(std::chrono::milliseconds timeout);

  const CellTrack& cell(IoModel m) const { return cells_[static_cast<int>(m)]; }
  bool any_running() const;
  bool all_finished() const;  // all four started and finished
  std::chrono::milliseconds delay() const { return runner_->options().delay; }
  netcore::Backend backend() const;
  // The latest time any cell has seen, ns since its start (live: `now_ns` for running cells).
  double latest(uint64_t now_ns) const;
  std::string describe() const;

 private:
  void ensure_runner(std::chrono::milliseconds delay);
  void begin(IoModel m);

  std::unique_ptr<netcore::ModelRunner> runner_;
  std::array<CellTrack, netcore::kModelCount> cells_;
  std::array<bool, netcore::kModelCount> on_runner_{};  // the cell's run is runner_'s
  std::vector<netcore::Transition> scratch_;
};

}  // namespace iolab::model
