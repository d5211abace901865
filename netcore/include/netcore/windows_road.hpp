// The road of the course's Windows I/O models, side by side (issue 15): the lecture's exchange
// (the client sends "Hello World" in a 100-byte buffer, the server fetches 100 bytes) in select,
// WSAEventSelect, overlapped + event, overlapped + completion routine and IOCP, all five at
// once so they share one time axis. select and overlapped + event are the 2x2 matrix's
// blocking_async and nonblocking_async runs (ModelRunner); the other three are
// run_windows_model's. `iolab-cli demo models --windows-models` prints it, the matrix view's
// second page draws it; both count with road_counts.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "netcore/transition.hpp"

namespace netcore {

enum class RoadModel : uint8_t { select, event_select, overlapped_event, completion_routine, iocp };

inline constexpr int kRoadModelCount = 5;
// The order of the road: the lecture before this one, this one, the two after it.
inline constexpr std::array<RoadModel, kRoadModelCount> kRoadModels = {
    RoadModel::select, RoadModel::event_select, RoadModel::overlapped_event,
    RoadModel::completion_routine, RoadModel::iocp};

const char* road_label(RoadModel m);  // as the course names it: "WSAEventSelect", "IOCP"
const char* road_name(RoadModel m);   // an identifier: "event_select" (file names, jsonl)

struct RoadLane {
  RoadModel model = RoadModel::select;
  std::vector<Transition> transitions;  // every side's, in seq order; session 2 is the client
  std::string error;                    // empty when the exchange ran to its end
  uint64_t cpu_ns = 0;                  // measured CPU time of the server side's threads
};

struct Road {
  Backend backend = Backend::linux_io_uring;
  std::vector<RoadLane> lanes;  // kRoadModels' order
};

// Runs all five at once; the client sends `delay` after each server is ready to receive.
// Every wait is bounded; a lane that went wrong says why in `error`.
Road run_windows_road(std::chrono::milliseconds delay);

// For a UI that polls every frame: run_windows_road on a thread of its own. The web edition's
// runner replays the road recorded when the page was built (web/windows_road_recorded.cpp),
// finishing once as much time has passed as the recorded run took.
class RoadRunner {
 public:
  RoadRunner();
  ~RoadRunner();  // waits for a run still going (each of its waits is bounded)
  RoadRunner(const RoadRunner&) = delete;
  RoadRunner& operator=(const RoadRunner&) = delete;

  // False with `error` when a run is still going or the road cannot be run (web: not recorded).
  bool start(std::chrono::milliseconds delay, std::string& error);
  // True while a run goes on; once it has ended, road() holds it.
  bool running();
  // The last finished run (no lanes before the first).
  const Road& road() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// The server's side of a lane: everything but the client's (the IOCP port and its wake-up
// key 0 are the server's too).
bool road_server_side(const Transition& t);
// A thread returned from a wait: select ready, an event signaled, a sleeping call woke up
// (recv, SleepEx), GetQueuedCompletionStatus dequeued a packet.
bool road_wakeup(const Transition& t);

struct RoadCounts {
  int threads = 0;                   // distinct server-side threads
  int wakeups = 0;                   // road_wakeup transitions
  uint64_t cpu_ns = 0;               // the lane's measured CPU time
  uint64_t first_ns = 0;             // the server side's first transition (0: none)
  const Transition* data = nullptr;  // the transition that hands the program its 100 bytes
};
RoadCounts road_counts(const RoadLane& lane);

}  // namespace netcore
