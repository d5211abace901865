#include "model/windows_road.hpp"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <thread>

#include "model/matrix.hpp"  // ns_since
#include "netcore/models.hpp"

namespace iolab::model {

using netcore::Api;
using netcore::Kind;
using netcore::RoadModel;
using netcore::Transition;
using Type = RoadMark::Type;

namespace {

// What a transition draws as, or false for the ones the lane leaves out (option_set, closed).
bool mark_type(const Transition& t, Type& type) {
  switch (t.kind) {
    case Kind::blocked:
      type = Type::asleep;
      return true;
    case Kind::pending:
      type = Type::pending;
      return true;
    case Kind::work:
      type = Type::work;
      return true;
    case Kind::posted:
      type = Type::posted;
      return true;
    case Kind::ready:
    case Kind::signaled:
    case Kind::network_events:
    case Kind::completion_queued:
    case Kind::unblocked:
      type = Type::woke;
      return true;
    case Kind::completed_immediately:
    case Kind::result_fetched:
    case Kind::callback:
      type = Type::got_data;
      return true;
    case Kind::dequeued:  // key 0 is PostQueuedCompletionStatus's wake-up, not data
      type = t.bytes ? Type::got_data : Type::woke;
      return true;
    case Kind::failed:
    case Kind::peer_closed:
      type = Type::failed;
      return true;
    default:
      return false;
  }
}

// The kinds that end a thread's sleep, and those that end a pending receive.
bool wakes(Kind k) {
  return k == Kind::unblocked || k == Kind::ready || k == Kind::signaled || k == Kind::dequeued ||
         k == Kind::failed || k == Kind::peer_closed;
}
bool completes(Kind k) {
  return k == Kind::completion_queued || k == Kind::signaled || k == Kind::dequeued ||
         k == Kind::callback || k == Kind::result_fetched || k == Kind::failed ||
         k == Kind::peer_closed;
}

RoadTrack build_track(const netcore::RoadLane& lane, uint64_t zero) {
  RoadTrack track;
  track.model = lane.model;
  track.error = lane.error;
  const netcore::RoadCounts counts = netcore::road_counts(lane);
  track.threads = counts.threads;
  track.wakeups = counts.wakeups;
  track.cpu_ns = counts.cpu_ns;
  if (counts.data) {
    track.data_at = ns_since(counts.data->t_ns, zero);
    track.data_api = counts.data->api;
  }
  struct Seen {
    uint32_t thread;
    double first, last;
  };
  std::vector<Seen> seen;  // each thread's latest transition: where its next unit of work began
  uint32_t work_units = 0;
  auto close_bar = [&](Type type, uint32_t thread, double t, bool any_thread) {
    for (auto it = track.marks.rbegin(); it != track.marks.rend(); ++it)
      if (it->type == type && it->t1 < 0 && (any_thread || it->index == thread)) {
        it->t1 = std::max(t, it->t0);
        return;
      }
  };
  for (const Transition& tr : lane.transitions) {
    if (!netcore::road_server_side(tr)) {
      if (tr.kind == Kind::completed_immediately && track.client_at < 0)
        track.client_at = ns_since(tr.t_ns, zero);
      continue;
    }
    track.server.push_back(tr);
    const double t = ns_since(tr.t_ns, zero);
    track.end = std::max(track.end, t);
    auto s = std::find_if(seen.begin(), seen.end(),
                          [&](const Seen& x) { return x.thread == tr.thread; });
    const double thread_last = s == seen.end() ? t : s->last;
    if (s == seen.end())
      seen.push_back({tr.thread, t, t});
    else
      s->last = t;
    if (wakes(tr.kind)) close_bar(Type::asleep, tr.thread, t, false);
    if (completes(tr.kind)) close_bar(Type::pending, 0, t, true);
    if (tr.kind == Kind::completion_queued && track.queued_at < 0) track.queued_at = t;
    RoadMark mark;
    if (!mark_type(tr, mark.type)) continue;
    mark.kind = tr.kind;
    mark.api = tr.api;
    mark.t0 = mark.t1 = t;
    mark.op_row = tr.api == Api::WSARecv;
    mark.bytes = tr.bytes;
    mark.result = tr.result;
    mark.session = tr.session;
    if (mark.type == Type::asleep) {
      mark.t1 = -1;  // open until its thread wakes
      mark.index = tr.thread;
    } else if (mark.type == Type::pending) {
      mark.t1 = -1;
    } else if (mark.type == Type::work) {
      mark.t0 = std::min(thread_last, t);
      mark.index = ++work_units;
    }
    track.marks.push_back(mark);
  }
  for (const Seen& x : seen) track.threads_alive.push_back({x.first, x.last});
  for (RoadMark& m : track.marks) {
    if (m.t1 < 0) m.t1 = std::max(track.end, m.t0);  // still open when the run ended
    if (m.type == Type::asleep) m.index = 0;
  }
  return track;
}

struct Step {
  Kind kind;
  Api api = Api::none;  // none: any call
};

// Does `server` hold these steps in this order (others may sit between)? Else the first missing.
std::string in_order(const std::vector<Transition>& server, std::initializer_list<Step> steps) {
  auto want = steps.begin();
  for (const Transition& t : server)
    if (want != steps.end() && t.kind == want->kind &&
        (want->api == Api::none || t.api == want->api))
      ++want;
  if (want == steps.end()) return {};
  std::string missing = netcore::kind_name(want->kind);
  if (want->api != Api::none) missing = std::string(netcore::api_name(want->api)) + " " + missing;
  return "no " + missing + " where the model has one";
}

}  // namespace

Road build_road(const netcore::Road& road) {
  Road out;
  out.backend = road.backend;
  uint64_t zero = UINT64_MAX;
  for (const netcore::RoadLane& lane : road.lanes)
    for (const Transition& t : lane.transitions)
      if (netcore::road_server_side(t)) zero = std::min(zero, t.t_ns);
  for (const netcore::RoadLane& lane : road.lanes) {
    out.tracks.push_back(build_track(lane, zero));
    out.latest = std::max(out.latest, out.tracks.back().end);
  }
  return out;
}

std::string RoadTrack::check() const {
  if (!error.empty()) return "error: " + error;
  if (data_at < 0) return "the program never had the 100 bytes";
  switch (model) {
    case RoadModel::select:
      return in_order(server, {{Kind::blocked, Api::select},
                               {Kind::ready, Api::select},
                               {Kind::completed_immediately, Api::recv}});
    case RoadModel::event_select: {
      std::string why = in_order(server, {{Kind::blocked, Api::WSAWaitForMultipleEvents},
                                          {Kind::signaled, Api::WSAWaitForMultipleEvents},
                                          {Kind::network_events, Api::WSAEnumNetworkEvents},
                                          {Kind::completed_immediately, Api::recv}});
      if (!why.empty()) return why;
      for (const Transition& t : server)
        if (t.kind == Kind::network_events)
          return t.result & 1 ? "" : "the first network events had no FD_READ";
      return {};
    }
    case RoadModel::overlapped_event: {
      std::string why = in_order(server, {{Kind::posted, Api::WSARecv},
                                          {Kind::pending, Api::WSARecv},
                                          {Kind::signaled},
                                          {Kind::result_fetched, Api::WSAGetOverlappedResult}});
      if (!why.empty()) return why;
      return in_order(server, {{Kind::pending}, {Kind::work}}).empty()
                 ? ""
                 : "no work done while the receive was pending";
    }
    case RoadModel::completion_routine:
      return in_order(server, {{Kind::posted, Api::WSARecv},
                               {Kind::pending, Api::WSARecv},
                               {Kind::completion_queued},
                               {Kind::blocked, Api::SleepEx},
                               {Kind::callback, Api::SleepEx},
                               {Kind::unblocked, Api::SleepEx}});
    case RoadModel::iocp: {
      std::string why = in_order(server, {{Kind::posted, Api::WSARecv},
                                          {Kind::pending, Api::WSARecv},
                                          {Kind::blocked, Api::GetQueuedCompletionStatus},
                                          {Kind::dequeued, Api::GetQueuedCompletionStatus}});
      if (!why.empty()) return why;
      for (const Transition& t : server)
        if (t.kind == Kind::dequeued && t.bytes)
          return t.session == netcore::kServerSession ? "" : "the packet's key is not the socket's";
      return {};
    }
  }
  return "unknown model";
}

std::string RoadTrack::describe() const {
  std::string words;
  for (const RoadMark& m : marks) words += std::string(" ") + netcore::kind_name(m.kind);
  char line[160];
  std::snprintf(line, sizeof line,
                "%-19s threads %d, wake-ups %d, cpu %.1f ms, data at %.1f ms%s%s:",
                netcore::road_label(model), threads, wakeups, cpu_ns / 1e6, data_at / 1e6,
                error.empty() ? "" : ", error: ", error.c_str());
  return line + words + "\n";
}

bool WindowsRoad::start(std::chrono::milliseconds delay, std::string& error) {
  if (!runner_.start(delay, error)) return false;
  delay_ = delay;
  running_ = true;
  return true;
}

bool WindowsRoad::poll() {
  if (!running_ || runner_.running()) return false;
  running_ = false;
  road_ = build_road(runner_.road());
  return true;
}

bool WindowsRoad::wait(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (running_) {
    poll();
    if (std::chrono::steady_clock::now() >= until) return !running_;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // tests only: the UI polls
  }
  return true;
}

std::string WindowsRoad::describe() const {
  std::string out;
  for (const RoadTrack& t : road_.tracks) {
    out += t.describe();
    const std::string why = t.check();
    out += "  check: " + (why.empty() ? std::string("ok") : why) + "\n";
  }
  return out;
}

}  // namespace iolab::model
