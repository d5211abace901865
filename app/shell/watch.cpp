// Watching other programs (iolab --watch, File > Watch a program): the probes' transitions
// (probe/iolab_probe.h, merged by netcore's WatchFeed) feed the same model, timeline, log and
// inspector the lab's engine feeds; the lab's controls are off, as in a replay.
#include <cstdio>

#include "shell/app.hpp"
#include "views/widgets.hpp"

namespace iolab::shell {

std::string App::watch_on(int port) {
  auto feed = std::make_unique<netcore::WatchFeed>();
  if (std::string error = feed->listen("127.0.0.1", port); !error.empty()) return error;
  watch_with(std::move(feed));
  return {};
}

void App::watch_with(std::unique_ptr<netcore::WatchFeed> feed) {
  watch_ = std::move(feed);
  if (engine_ok_) engine_.stop();  // the lab goes: its controls would post on nothing shown
  engine_ok_ = false;
  runner_.reset();
  classroom_.runner = nullptr;
  classroom_.replay_file.clear();
  model_ = model::Model();
  model_.set_max_transitions(options_.max_transitions);
  recording_.clear();
  clock_ = LiveClock();
  lab_up_ = true;  // a --drive script needs no lab connection
  ui_.select(0, false);
  ui_.replay = false;
  ui_.live_lab_offered = false;
  ui_.paused = false;
  ui_.port = 0;
  ui_.engine_error = nullptr;
  ui_.backend = netcore::Backend::winsock;  // what the probe streams
  ui_.watching = true;
  ui_.watch = views::Watching();
  ui_.watch.where = "127.0.0.1:" + std::to_string(watch_->port());
  const netcore::WatchFeed* w = watch_.get();
  auto name = [](const netcore::WatchLabel* l, std::string& who, uint32_t& own) {
    if (!l) return false;
    who = l->who;
    own = l->own;
    return true;
  };
  views::set_watched_names([w, name](uint32_t s, std::string& who,
                                     uint32_t& own) { return name(w->session_label(s), who, own); },
                           [w, name](uint32_t t, std::string& who, uint32_t& own) {
                             return name(w->thread_label(t), who, own);
                           });
  std::printf("iolab: watching for programs on %s\n", ui_.watch.where.c_str());
  std::fflush(stdout);
}

// Before the model takes this frame's transitions: a pitfall's line is the model's next lines.
void App::drain_watch() {
  const uint64_t first_new_line = model_.first_line() + model_.log_size() + drained_.size();
  const size_t before = drained_.size();
  std::vector<netcore::WatchedPitfall> hits;
  std::vector<std::string> notes;
  watch_->drain(drained_, hits, notes);
  for (const netcore::WatchedPitfall& h : hits) {
    const netcore::Transition& t = drained_[h.index];
    views::PitfallMark mark;
    mark.pitfall = h.pitfall;
    mark.line = first_new_line + (h.index - before);
    mark.t_ns = t.t_ns;
    mark.session = t.session;
    mark.op = t.op;
    mark.thread = t.thread;
    mark.slot = t.slot;
    ui_.watch.pitfall_at_line[mark.line] = ui_.watch.pitfalls.size();
    ui_.watch.pitfalls.push_back(mark);
    std::printf("iolab: watch: PITFALL %s (line %llu)\n", netcore::pitfall_name(h.pitfall),
                static_cast<unsigned long long>(mark.line));
  }
  // Connections come and go in the terminal (and in a test's output), not on the screen.
  for (const std::string& n : notes) std::printf("iolab: watch: %s\n", n.c_str());
  if (!hits.empty() || !notes.empty()) std::fflush(stdout);
  ui_.watch.connected = watch_->connected();
  ui_.watch.seen = watch_->programs_seen();
}

}  // namespace iolab::shell
