// The matrix's second page (app/model/windows_road, netcore/windows_road): the counts and marks
// made from each lane's transitions, the checks the GUI test relies on; and one real run of the
// five models (real loopback sockets, a short delay).
#include "model/windows_road.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace iolab::model {
namespace {

using netcore::Api;
using netcore::Kind;
using netcore::RoadModel;
using netcore::Transition;
using Type = RoadMark::Type;

constexpr uint64_t kZero = 5'000'000'000;
constexpr uint64_t kMs = 1'000'000;

// A server-side transition `ms` after the zero, on thread `thread`.
Transition at(double ms, Api api, Kind kind, uint32_t bytes = 0, uint32_t thread = 7,
              uint32_t session = netcore::kServerSession) {
  Transition t;
  t.t_ns = kZero + static_cast<uint64_t>(ms * kMs);
  t.session = session;
  t.op = 1;
  t.api = api;
  t.kind = kind;
  t.bytes = bytes;
  t.thread = thread;
  if (bytes) t.data_len = 11;
  return t;
}

netcore::RoadLane iocp_lane() {
  netcore::RoadLane lane;
  lane.model = RoadModel::iocp;
  lane.cpu_ns = 300'000;
  lane.transitions = {
      at(0, Api::WSARecv, Kind::posted, 100),
      at(0.01, Api::WSARecv, Kind::pending),
      at(0.2, Api::GetQueuedCompletionStatus, Kind::blocked, 0, 8),
      at(1, Api::send, Kind::completed_immediately, 100, 9, netcore::kClientSession),
      at(300, Api::GetQueuedCompletionStatus, Kind::dequeued, 100, 8),
      at(300, Api::GetQueuedCompletionStatus, Kind::blocked, 0, 8),
      at(300.1, Api::PostQueuedCompletionStatus, Kind::posted, 0, 7, netcore::kNoSession),
      at(300.2, Api::GetQueuedCompletionStatus, Kind::dequeued, 0, 8, netcore::kNoSession),
  };
  return lane;
}

netcore::RoadLane routine_lane() {
  netcore::RoadLane lane;
  lane.model = RoadModel::completion_routine;
  lane.transitions = {
      at(0.1, Api::WSARecv, Kind::posted, 100),       at(0.2, Api::WSARecv, Kind::pending),
      at(305, Api::WSARecv, Kind::completion_queued), at(350, Api::none, Kind::work),
      at(350, Api::SleepEx, Kind::blocked),           at(350.1, Api::SleepEx, Kind::callback, 100),
      at(350.1, Api::SleepEx, Kind::unblocked),
  };
  return lane;
}

TEST(WindowsRoad, CountsThreadsWakeupsAndTheDataOfALane) {
  const netcore::RoadLane lane = iocp_lane();
  const netcore::RoadCounts c = netcore::road_counts(lane);
  EXPECT_EQ(c.threads, 2);  // the issuing thread (7) and the worker (8); the client is not counted
  EXPECT_EQ(c.wakeups, 2);  // two returns from GetQueuedCompletionStatus
  EXPECT_EQ(c.cpu_ns, 300'000u);
  ASSERT_NE(c.data, nullptr);
  EXPECT_EQ(c.data->kind, Kind::dequeued);
  EXPECT_EQ(c.data->bytes, 100u);
  EXPECT_EQ(c.first_ns, kZero);
}

TEST(WindowsRoad, MarksShareOneZeroAndCloseBarsByThread) {
  netcore::Road road;
  road.lanes = {iocp_lane(), routine_lane()};
  const Road r = build_road(road);
  ASSERT_EQ(r.tracks.size(), 2u);
  const RoadTrack& iocp = r.tracks[0];
  // The worker's first sleep ends at its first dequeue; its second at the wake-up packet.
  std::vector<const RoadMark*> sleeps;
  for (const RoadMark& m : iocp.marks)
    if (m.type == Type::asleep) sleeps.push_back(&m);
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_DOUBLE_EQ(sleeps[0]->t0, 0.2 * kMs);
  EXPECT_DOUBLE_EQ(sleeps[0]->t1, 300.0 * kMs);
  EXPECT_DOUBLE_EQ(sleeps[1]->t1, 300.2 * kMs);
  // The pending receive ends where the port hands out its packet, on the operation's row.
  const RoadMark* pending = nullptr;
  for (const RoadMark& m : iocp.marks)
    if (m.type == Type::pending) pending = &m;
  ASSERT_NE(pending, nullptr);
  EXPECT_TRUE(pending->op_row);
  EXPECT_DOUBLE_EQ(pending->t1, 300.0 * kMs);
  EXPECT_DOUBLE_EQ(iocp.data_at, 300.0 * kMs);
  EXPECT_EQ(iocp.check(), "");
  // The routine lane: the same zero (its first transition is 0.1 ms after the IOCP lane's).
  const RoadTrack& routine = r.tracks[1];
  EXPECT_DOUBLE_EQ(routine.queued_at, 305.0 * kMs);
  EXPECT_DOUBLE_EQ(routine.data_at, 350.1 * kMs);
  EXPECT_EQ(routine.wakeups, 1);
  EXPECT_EQ(routine.check(), "");
  // The work unit starts where its thread's previous transition was.
  for (const RoadMark& m : routine.marks)
    if (m.type == Type::work) {
      EXPECT_DOUBLE_EQ(m.t0, 305.0 * kMs);
    }
  EXPECT_DOUBLE_EQ(r.latest, 350.1 * kMs);
}

TEST(WindowsRoad, CheckNamesWhatIsMissing) {
  netcore::RoadLane lane = routine_lane();
  // The routine ran before the completion was queued: not the model's road.
  std::swap(lane.transitions[2], lane.transitions[5]);
  netcore::Road road;
  road.lanes = {lane};
  EXPECT_EQ(build_road(road).tracks[0].check(), "no SleepEx blocked where the model has one");
  // A lane with no 100 bytes.
  lane = routine_lane();
  lane.transitions[5].bytes = 0;
  road.lanes = {lane};
  EXPECT_EQ(build_road(road).tracks[0].check(), "the program never had the 100 bytes");
  // IOCP with the packet's key wrong.
  lane = iocp_lane();
  lane.transitions[4].session = 5;
  road.lanes = {lane};
  EXPECT_EQ(build_road(road).tracks[0].check(), "the packet's key is not the socket's");
}

// The five, for real: each lane shows its model, in the road's order, with its counts.
TEST(WindowsRoad, RealRunOfTheFive) {
  WindowsRoad road;
  std::string error;
  ASSERT_TRUE(road.start(std::chrono::milliseconds(150), error)) << error;
  EXPECT_TRUE(road.running());
  EXPECT_FALSE(road.start(std::chrono::milliseconds(150), error));  // one run at a time
  ASSERT_TRUE(road.wait(std::chrono::seconds(20)));
  ASSERT_TRUE(road.finished());
  const Road& r = road.road();
  ASSERT_EQ(r.tracks.size(), 5u);
  for (size_t i = 0; i < r.tracks.size(); ++i) {
    const RoadTrack& t = r.tracks[i];
    EXPECT_EQ(t.model, netcore::kRoadModels[i]);
    EXPECT_EQ(t.check(), "") << road.describe();
    // The client sends 150 ms after the server is ready: nobody has the data before.
    EXPECT_GE(t.data_at, 140.0 * kMs) << road.describe();
  }
  EXPECT_EQ(r.tracks[0].threads, 1);
  EXPECT_EQ(r.tracks[4].threads, 2);  // IOCP: the issuing thread and the worker
  EXPECT_EQ(r.tracks[1].wakeups, 2);  // WSAEventSelect: FD_READ, then FD_CLOSE
  // Overlapped + event works while it waits (50 ms units of hashing): it uses CPU; select
  // sleeps. Loose bounds: on a loaded machine the working thread gets less of a core.
  EXPECT_GT(r.tracks[2].cpu_ns, 10 * kMs) << road.describe();
  EXPECT_LT(r.tracks[0].cpu_ns * 4, r.tracks[2].cpu_ns) << road.describe();
  EXPECT_EQ(r.tracks[3].data_api, Api::SleepEx);
  EXPECT_EQ(r.tracks[4].data_api, Api::GetQueuedCompletionStatus);
}

}  // namespace
}  // namespace iolab::model
