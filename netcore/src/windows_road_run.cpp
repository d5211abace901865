// Runs the road (windows_road.hpp): select and overlapped + event on the 2x2 matrix's runner,
// the other three on run_windows_model, all started together so they share one time axis.
#include <atomic>
#include <thread>

#include "netcore/models.hpp"
#include "netcore/windows_models.hpp"
#include "netcore/windows_road.hpp"

namespace netcore {

Road run_windows_road(std::chrono::milliseconds delay) {
  ModelOptions options;
  options.delay = delay;
  ModelRunner runner(options);
  Road road;
  road.backend = runner.backend();
  WindowsModelRun others[3];
  std::vector<std::thread> threads;
  for (size_t i = 0; i < 3; ++i)
    threads.emplace_back(
        [&others, i, delay] { others[i] = run_windows_model(kWindowsModels[i], delay); });
  // Only the two models of the road: the other two cells would burn a core for nothing.
  std::string start_error;
  const bool started = runner.start(Model::blocking_async, start_error) &&
                       runner.start(Model::nonblocking_async, start_error);
  if (started) runner.wait(options.delay + options.timeout);
  const std::vector<ModelRun> runs = runner.results();
  for (std::thread& t : threads) t.join();

  auto from_runner = [&](Model m, RoadModel lane) {
    RoadLane l;
    l.model = lane;
    l.error = start_error;
    for (const ModelRun& r : runs)
      if (r.model == m) {
        l.transitions = r.transitions;
        l.cpu_ns = r.summary.cpu_ns;
        if (l.error.empty()) l.error = r.error;
      }
    if (l.error.empty() && l.transitions.empty()) l.error = "the run did not start";
    road.lanes.push_back(std::move(l));
  };
  auto from_other = [&](const WindowsModelRun& r, RoadModel lane) {
    road.lanes.push_back({lane, r.transitions, r.error, r.cpu_ns});
  };
  from_runner(Model::blocking_async, RoadModel::select);
  from_other(others[0], RoadModel::event_select);
  from_runner(Model::nonblocking_async, RoadModel::overlapped_event);
  from_other(others[1], RoadModel::completion_routine);
  from_other(others[2], RoadModel::iocp);
  return road;
}

}  // namespace netcore

namespace netcore {

struct RoadRunner::State {
  std::thread thread;
  std::atomic<bool> done{false};
  Road running;  // written by the thread until `done`
  Road road;     // the last finished run
};

RoadRunner::RoadRunner() : state_(std::make_unique<State>()) {}

RoadRunner::~RoadRunner() {
  if (state_->thread.joinable()) state_->thread.join();
}

bool RoadRunner::start(std::chrono::milliseconds delay, std::string& error) {
  if (running()) {
    error = "the Windows models are still running";
    return false;
  }
  state_->done = false;
  State* s = state_.get();
  s->thread = std::thread([s, delay] {
    s->running = run_windows_road(delay);
    s->done = true;
  });
  return true;
}

bool RoadRunner::running() {
  if (!state_->thread.joinable()) return false;
  if (!state_->done) return true;
  state_->thread.join();
  state_->road = std::move(state_->running);
  return false;
}

const Road& RoadRunner::road() const {
  return state_->road;
}

}  // namespace netcore
