// The web edition's Windows I/O models (the matrix's second page): a page cannot open sockets,
// so its RoadRunner replays the road that `iolab-cli demo models --windows-models --format
// jsonl` recorded when the page was built (split per model by tools/record-web-traces.sh into
// $IOLAB_RECORDED_MODELS/road/MODEL.jsonl and summary.txt: "MODEL cpu_ns"). A run ends once as
// much time has passed since start() as the recorded run took, from its first transition to
// its last; then road() holds the recording (the page shows it whole, as the live one does).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "netcore/trace.hpp"
#include "netcore/windows_road.hpp"
#include "recorded.hpp"

namespace netcore {

struct RoadRunner::State {
  bool loaded = false;
  std::string error;  // why the recording could not be loaded
  Road recorded;
  uint64_t span_ns = 0;  // the recorded run's first transition to its last
  bool running = false;
  uint64_t start_ns = 0;
  Road road;

  bool load() {
    if (loaded || !error.empty()) return loaded;
    const std::string dir = recorded::models_dir() + "/road";
    uint64_t first = UINT64_MAX, last = 0;
    for (RoadModel m : kRoadModels) {
      LoadedTrace trace = load_trace_file(dir + "/" + road_name(m) + ".jsonl");
      if (!trace.ok() || trace.trace.transitions.empty()) {
        error = "no recorded run of the Windows I/O models in this page (" +
                (trace.ok() ? dir + ": empty" : trace.errors.front()) + ")";
        return false;
      }
      RoadLane lane;
      lane.model = m;
      lane.transitions = std::move(trace.trace.transitions);
      for (const Transition& t : lane.transitions) {
        first = std::min(first, t.t_ns);
        last = std::max(last, t.t_ns);
      }
      recorded.backend = trace.trace.backend;
      recorded.lanes.push_back(std::move(lane));
    }
    std::ifstream in(dir + "/summary.txt");
    std::string line;
    while (std::getline(in, line)) {
      char name[32] = {};
      unsigned long long cpu = 0;
      if (std::sscanf(line.c_str(), "%31s %llu", name, &cpu) != 2) continue;
      for (RoadLane& lane : recorded.lanes)
        if (road_name(lane.model) == std::string(name)) lane.cpu_ns = cpu;
    }
    span_ns = last - first;
    loaded = true;
    return true;
  }
};

RoadRunner::RoadRunner() : state_(std::make_unique<State>()) {}

RoadRunner::~RoadRunner() = default;

bool RoadRunner::start(std::chrono::milliseconds, std::string& error) {
  if (running()) {
    error = "the Windows models are still running";
    return false;
  }
  if (!state_->load()) {
    error = state_->error;
    return false;
  }
  state_->running = true;
  state_->start_ns = recorded::now_ns();
  return true;
}

bool RoadRunner::running() {
  State& s = *state_;
  if (s.running && recorded::now_ns() - s.start_ns >= s.span_ns) {
    s.running = false;
    s.road = s.recorded;
  }
  return s.running;
}

const Road& RoadRunner::road() const {
  return state_->road;
}

Road run_windows_road(std::chrono::milliseconds) {
  RoadRunner::State s;
  s.load();
  return s.recorded;
}

}  // namespace netcore
