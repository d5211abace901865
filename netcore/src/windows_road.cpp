// The road's names and counts (windows_road.hpp): the same on every platform, the web's
// recorded road included. Running it is windows_road_run.cpp (or web/windows_road_recorded.cpp).
#include "netcore/windows_road.hpp"

#include <algorithm>

#include "netcore/models.hpp"

namespace netcore {

const char* road_label(RoadModel m) {
  switch (m) {
    case RoadModel::select:
      return "select";
    case RoadModel::event_select:
      return "WSAEventSelect";
    case RoadModel::overlapped_event:
      return "overlapped+event";
    case RoadModel::completion_routine:
      return "completion routine";
    case RoadModel::iocp:
      return "IOCP";
  }
  return "?";
}

const char* road_name(RoadModel m) {
  switch (m) {
    case RoadModel::select:
      return "select";
    case RoadModel::event_select:
      return "event_select";
    case RoadModel::overlapped_event:
      return "overlapped_event";
    case RoadModel::completion_routine:
      return "completion_routine";
    case RoadModel::iocp:
      return "iocp";
  }
  return "?";
}

bool road_server_side(const Transition& t) {
  return t.session != kClientSession;
}

bool road_wakeup(const Transition& t) {
  return road_server_side(t) && (t.kind == Kind::ready || t.kind == Kind::signaled ||
                                 t.kind == Kind::unblocked || t.kind == Kind::dequeued);
}

RoadCounts road_counts(const RoadLane& lane) {
  RoadCounts c;
  c.cpu_ns = lane.cpu_ns;
  std::vector<uint32_t> threads;
  for (const Transition& t : lane.transitions) {
    if (!road_server_side(t)) continue;
    if (!c.first_ns) c.first_ns = t.t_ns;
    if (std::find(threads.begin(), threads.end(), t.thread) == threads.end())
      threads.push_back(t.thread);
    c.wakeups += road_wakeup(t);
    const bool hands_data = t.kind == Kind::completed_immediately ||
                            t.kind == Kind::result_fetched || t.kind == Kind::callback ||
                            t.kind == Kind::dequeued;
    if (!c.data && hands_data && t.bytes == kModelBytes && t.data_len) c.data = &t;
  }
  c.threads = static_cast<int>(threads.size());
  return c;
}

}  // namespace netcore
