// The matrix view's second page, "Windows I/O models": the lecture's exchange in select,
// WSAEventSelect, overlapped + event, overlapped + completion routine and IOCP, run together
// by netcore::RoadRunner (real sockets; the web replays a recorded run), each lane's
// transitions turned into marks on one shared time axis, with its counts (threads, wake-ups,
// measured CPU) from netcore::road_counts. No ImGui: the matrix view draws these,
// tests/model/windows_road_test.cpp checks them.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "netcore/windows_road.hpp"

namespace iolab::model {

// One mark on a lane. Times are ns since the road's zero: the earliest server-side transition
// of the five lanes. `kind` is the transition's own event word (netcore::kind_name).
struct RoadMark {
  enum class Type : uint8_t {
    asleep,    // bar: a thread sleeps inside `api` (select, WSAWaitForMultipleEvents, SleepEx,
               // GetQueuedCompletionStatus)
    pending,   // bar: the overlapped WSARecv is pending, until its completion is known
    work,      // bar: a unit of the thread's own work
    posted,    // point: WSARecv called
    woke,      // point: a wait returned: ready, signaled, network_events, completion_queued
    got_data,  // point: the program has the bytes: recv, WSAGetOverlappedResult, the routine,
               // a dequeued packet
    failed,    // point: an error or the peer's close
  };
  Type type = Type::posted;
  netcore::Kind kind = netcore::Kind::posted;
  netcore::Api api = netcore::Api::none;
  double t0 = 0, t1 = 0;  // t1 == t0 for points
  bool op_row = false;    // the operation's row (WSARecv), else the threads' row
  uint32_t bytes = 0;
  int32_t result = 0;    // network_events: the FD_ bits
  uint32_t session = 0;  // dequeued: the completion key
  uint32_t index = 0;    // work: 1, 2, 3 ...

  bool is_bar() const {
    return type == Type::asleep || type == Type::pending || type == Type::work;
  }
};

// One model's lane, built from its RoadLane.
struct RoadTrack {
  netcore::RoadModel model = netcore::RoadModel::select;
  std::vector<RoadMark> marks;
  struct Span {
    double t0 = 0, t1 = 0;
  };
  std::vector<Span> threads_alive;          // each server-side thread, first to last transition
  std::vector<netcore::Transition> server;  // the server side's transitions, in order
  std::string error;                        // the run's own, or empty
  int threads = 0, wakeups = 0;             // netcore::road_counts
  uint64_t cpu_ns = 0;
  double data_at = -1;  // when the program had the 100 bytes (ns on the axis), -1: never
  netcore::Api data_api = netcore::Api::none;  // ... from which call
  double queued_at = -1;                       // completion_queued, -1: none
  double end = 0;                              // the lane's last server-side transition
  double client_at = -1;                       // when the client's send completed, -1: never

  // Empty when the lane showed its model's road (in this order, others between):
  //   select              select blocked -> ready -> recv completed_immediately 100
  //   WSAEventSelect      WSAWaitForMultipleEvents blocked -> signaled -> network_events with
  //                       FD_READ -> recv completed_immediately 100
  //   overlapped+event    WSARecv posted -> pending -> signaled -> result_fetched 100, work
  //   completion routine  WSARecv posted -> pending -> completion_queued -> SleepEx blocked ->
  //                       callback 100 -> unblocked
  //   IOCP                WSARecv posted -> pending -> GetQueuedCompletionStatus blocked ->
  //                       dequeued key 1, 100 bytes
  std::string check() const;
  std::string describe() const;  // one line: the label, the event words, the counts
};

struct Road {
  netcore::Backend backend = netcore::Backend::linux_io_uring;
  std::vector<RoadTrack> tracks;  // netcore::kRoadModels' order
  double latest = 0;              // the latest mark of any lane (ns on the axis)
};

// Builds the tracks of a finished road: one zero for all lanes, marks, counts.
Road build_road(const netcore::Road& road);

// Owns the runner; the UI calls poll() every frame.
class WindowsRoad {
 public:
  bool start(std::chrono::milliseconds delay, std::string& error);
  // True when a run ended since the last poll (road() has it then).
  bool poll();
  bool running() const { return running_; }
  bool finished() const { return !road_.tracks.empty(); }
  const Road& road() const { return road_; }
  std::chrono::milliseconds delay() const { return delay_; }
  // For tests: polls until the run ends or the timeout passes (false).
  bool wait(std::chrono::milliseconds timeout);
  std::string describe() const;

 private:
  netcore::RoadRunner runner_;
  Road road_;
  bool running_ = false;
  std::chrono::milliseconds delay_{1500};
};

}  // namespace iolab::model
