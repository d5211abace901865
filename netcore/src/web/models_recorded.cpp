// The web edition's 2x2 matrix: a page cannot open sockets, so its ModelRunner replays the four
// models' runs that the real runner recorded when the page was built (`iolab-cli demo models
// --format jsonl`, split per model by tools/record-web-traces.sh into
// $IOLAB_RECORDED_MODELS/MODEL.jsonl and summary.txt). A run's transitions come out once as
// much time has passed since start() as had passed in the recording since the four runs'
// shared start, restamped on this clock, so the cells grow as they did live. The shared start
// is not in the recording: the earliest transition of the four stands for it (it follows the
// start by the time a thread takes to make its first call).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "netcore/models.hpp"
#include "netcore/trace.hpp"
#include "recorded.hpp"

namespace netcore {

struct ModelRunner::Run {
  Model model = Model::blocking_sync;
  std::vector<Transition> recorded;
  Summary summary;
  bool started = false;
  bool stopped = false;
  uint64_t start_ns = 0;  // this clock's start of the replay
  size_t next = 0;        // recorded[next] is the next to come out

  bool finished() const { return started && (stopped || next == recorded.size()); }
};

namespace {

struct Recording {
  bool loaded = false;
  std::string error;  // why it could not be loaded
  Backend backend = Backend::linux_io_uring;
  uint64_t start_ns = 0;  // the earliest transition of the four runs
};

// Loads every run and the summaries once; later calls answer from the first.
const Recording& load(std::array<std::unique_ptr<ModelRunner::Run>, kModelCount>& runs) {
  static Recording recording;
  if (recording.loaded || !recording.error.empty()) return recording;
  const std::string dir = recorded::models_dir();
  uint64_t earliest = UINT64_MAX;
  for (auto& run : runs) {
    LoadedTrace trace = load_trace_file(dir + "/" + model_name(run->model) + ".jsonl");
    if (!trace.ok() || trace.trace.transitions.empty()) {
      recording.error = "no recorded run of the 2x2 matrix in this page (" +
                        (trace.ok() ? dir + ": empty" : trace.errors.front()) + ")";
      return recording;
    }
    run->recorded = std::move(trace.trace.transitions);
    recording.backend = trace.trace.backend;
    for (const Transition& t : run->recorded) earliest = std::min(earliest, t.t_ns);
  }
  // summary.txt: one line per model, "MODEL wait_ns cpu_ns attempts work_units bytes".
  std::ifstream in(dir + "/summary.txt");
  std::string line;
  while (std::getline(in, line)) {
    char name[32] = {};
    unsigned long long wait = 0, cpu = 0;
    unsigned attempts = 0, work = 0, bytes = 0;
    if (std::sscanf(line.c_str(), "%31s %llu %llu %u %u %u", name, &wait, &cpu, &attempts, &work,
                    &bytes) != 6)
      continue;
    for (auto& run : runs)
      if (std::string(model_name(run->model)) == name)
        run->summary = {wait, cpu, attempts, work, bytes};
  }
  recording.start_ns = earliest;
  recording.loaded = true;
  return recording;
}

}  // namespace

ModelRunner::ModelRunner(ModelOptions options) : options_(options) {
  for (Model m : kAllModels) {
    runs_[static_cast<int>(m)] = std::make_unique<Run>();
    runs_[static_cast<int>(m)]->model = m;
  }
}

ModelRunner::~ModelRunner() = default;

Backend ModelRunner::backend() const {
  return load(const_cast<std::array<std::unique_ptr<Run>, kModelCount>&>(runs_)).backend;
}

bool ModelRunner::start(Model m, std::string& error) {
  const Recording& recording = load(runs_);
  if (!recording.loaded) {
    error = recording.error;
    return false;
  }
  Run& run = *runs_[static_cast<int>(m)];
  if (run.started && !run.finished()) {
    error = std::string(model_name(m)) + " is still running";
    return false;
  }
  run.started = true;
  run.stopped = false;
  run.next = 0;
  run.start_ns = recorded::now_ns();
  return true;
}

bool ModelRunner::start_all(std::string& error) {
  for (const auto& run : runs_)
    if (run->started && !run->finished()) {
      error = std::string(model_name(run->model)) + " is still running";
      return false;
    }
  for (Model m : kAllModels)
    if (!start(m, error)) return false;
  const uint64_t shared = recorded::now_ns();
  for (auto& run : runs_) run->start_ns = shared;  // one shared start, as live
  return true;
}

void ModelRunner::stop() {
  for (auto& run : runs_)
    if (run->started) run->stopped = true;
}

size_t ModelRunner::drain(Model m, std::vector<Transition>& out) {
  Run& run = *runs_[static_cast<int>(m)];
  if (!run.started || run.stopped) return 0;
  const uint64_t recorded_start = load(runs_).start_ns;
  const uint64_t elapsed = recorded::now_ns() - run.start_ns;
  size_t n = 0;
  for (; run.next < run.recorded.size(); ++run.next, ++n) {
    Transition t = run.recorded[run.next];
    if (t.t_ns - recorded_start > elapsed) break;
    t.t_ns = run.start_ns + (t.t_ns - recorded_start);
    out.push_back(t);
  }
  return n;
}

ModelStatus ModelRunner::status(Model m) const {
  const Run& run = *runs_[static_cast<int>(m)];
  ModelStatus s;
  s.started = run.started;
  s.finished = run.finished();
  s.start_ns = run.start_ns;
  if (s.finished) s.summary = run.summary;  // the recorded run's, once it has all been shown
  return s;
}

bool ModelRunner::wait(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  std::vector<Transition> ignored;
  for (;;) {
    bool all = true;
    for (Model m : kAllModels) {
      drain(m, ignored);
      all = all && (!runs_[static_cast<int>(m)]->started || runs_[static_cast<int>(m)]->finished());
    }
    if (all) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // tests only: the UI polls
  }
}

std::vector<ModelRun> ModelRunner::results() const {
  std::vector<ModelRun> out;
  for (const auto& run : runs_) {
    if (!run->started) continue;
    ModelRun r;
    r.model = run->model;
    r.start_ns = run->start_ns;
    r.transitions = run->recorded;
    r.summary = run->summary;
    r.started = true;
    r.finished = run->finished();
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<ModelRun> ModelRunner::run_all() {
  std::string error;
  if (!start_all(error)) return {};
  wait(options_.delay + options_.timeout);
  return results();
}

}  // namespace netcore
