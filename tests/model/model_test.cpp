// The model turns transitions into ops, paths, lanes and counts. Each test feeds the stream the
// engine would produce for one scene of the lecture.
#include "model/model.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace iolab::model {
namespace {

using netcore::kClientSession;
using netcore::kServerSession;

// Builds a stream with gap-free sequence numbers and rising times.
struct Stream {
  uint64_t seq = 1;
  uint64_t t = 1'000'000;
  Transition make(uint32_t session, uint32_t op, Api api, Kind kind, uint32_t bytes = 0,
                  uint16_t slot = 0, uint32_t thread = 1) {
    Transition tr;
    tr.seq = seq++;
    tr.t_ns = (t += 1000);
    tr.session = session;
    tr.op = op;
    tr.api = api;
    tr.kind = kind;
    tr.bytes = bytes;
    tr.slot = slot;
    tr.thread = thread;
    if (kind == Kind::pending) {
      tr.result = netcore::kSocketError;
      tr.error = netcore::kWsaIoPending;
    }
    return tr;
  }
};

// Issue 19 point 12: the inspector shows where a touched send landed in the stream. Two sends
// of 100 bytes (the second touched); the server's receives take 150, then 50: the touched send
// (stream bytes 100..200) starts at offset 100 of the first receive. Planted bug: the sends'
// offsets not accumulated (both sends at stream byte 0) -> this test failed.
TEST(Model, ATouchedSendIsFoundInTheReceiveThatHoldsIt) {
  Model m;
  Stream s;
  m.apply(s.make(kClientSession, 0, Api::connect, Kind::connected));
  m.apply(s.make(kClientSession, 1, Api::WSASend, Kind::posted, 100));
  m.apply(s.make(kClientSession, 2, Api::WSASend, Kind::posted, 100));
  m.apply(s.make(kClientSession, 1, Api::WSASend, Kind::pending));
  m.apply(s.make(kClientSession, 2, Api::WSASend, Kind::pending));
  Transition touch = s.make(kClientSession, 2, Api::none, Kind::option_set);
  std::memcpy(touch.data, "XXXXo World", 11);
  touch.data_len = 11;
  m.apply(touch);
  m.apply(s.make(kServerSession, 3, Api::WSARecv, Kind::posted, 65536));
  m.apply(s.make(kServerSession, 3, Api::WSARecv, Kind::completed_immediately, 150));
  m.apply(s.make(kServerSession, 4, Api::WSARecv, Kind::posted, 65536));
  m.apply(s.make(kServerSession, 4, Api::WSARecv, Kind::completed_immediately, 50));
  m.apply(s.make(kClientSession, 1, Api::WSAGetOverlappedResult, Kind::result_fetched, 100));
  m.apply(s.make(kClientSession, 2, Api::WSAGetOverlappedResult, Kind::result_fetched, 100));

  const Op* send = m.find_op(2);
  ASSERT_NE(send, nullptr);
  EXPECT_EQ(send->stream_at, 100u);
  EXPECT_TRUE(send->touched);
  uint64_t offset = 0;
  const Op* by = m.receive_holding(kClientSession, send->stream_at, offset);
  ASSERT_NE(by, nullptr);
  EXPECT_EQ(by->id, 3u);
  EXPECT_EQ(offset, 100u);
  EXPECT_EQ(m.touched_send_in(*by), send);
  EXPECT_EQ(m.touched_send_in(*m.find_op(4)), nullptr);
  // The send's fetched result carries no bytes: the inspector still shows the touched buffer.
  const Transition latest = m.latest(*send);
  EXPECT_EQ(std::string(latest.data, latest.data_len), "XXXXo World");
}

TEST(Model, ImmediateCompletionTakesPathOneTwo) {
  Model m;
  Stream s;
  m.apply(s.make(kClientSession, 1, Api::WSASend, Kind::posted, 100));
  m.apply(s.make(kClientSession, 1, Api::WSASend, Kind::completed_immediately, 100));

  const Op* op = m.find_op(1);
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->path, Path::immediate);
  EXPECT_EQ(op->bytes_done, 100u);
  EXPECT_EQ(op->bytes_requested, 100u);
  EXPECT_FALSE(op->went_pending());
  EXPECT_TRUE(op->finished());
  EXPECT_EQ(op->t_end(), op->t_returned);
  EXPECT_EQ(m.counts().posted, 1u);
  EXPECT_EQ(m.counts().immediate, 1u);
  EXPECT_EQ(m.counts().pending, 0u);
}

TEST(Model, PendingReceiveTakesPathOneTwoThreeFour) {
  Model m;
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted, 1024));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  EXPECT_EQ(m.find_op(1)->path, Path::pending);
  EXPECT_FALSE(m.find_op(1)->finished());
  EXPECT_EQ(m.find_op(1)->t_end(), kNever);

  m.apply(s.make(kServerSession, 1, Api::WSAWaitForMultipleEvents, Kind::signaled));
  EXPECT_EQ(m.find_op(1)->path, Path::signaled);
  m.apply(s.make(kServerSession, 1, Api::WSAGetOverlappedResult, Kind::result_fetched, 100));

  const Op* op = m.find_op(1);
  EXPECT_EQ(op->path, Path::completed);
  EXPECT_EQ(op->api, Api::WSARecv) << "the op keeps the API it was posted with";
  EXPECT_EQ(op->bytes_done, 100u);
  EXPECT_TRUE(op->went_pending());
  EXPECT_LT(op->t_returned, op->t_signaled);
  EXPECT_LT(op->t_signaled, op->t_fetched);
  EXPECT_EQ(op->last_kind, Kind::result_fetched);
  EXPECT_EQ(m.lines_of(*op).size(), 4u);
  EXPECT_EQ(m.counts().pending, 1u);
  EXPECT_EQ(m.counts().fetched, 1u);
}

// The other I/O models' words take the same path: queued is step 3 (the kernel has it, the
// program has not seen it), the routine's callback or the worker's dequeued is step 4; a
// WSAEventSelect round's recv after its network event ends it completed, not "immediately".
// Planted bug: the queued transition not taken as step 3 (sent as `work` instead) -> the
// routine's op stayed pending, and this failed.
TEST(Model, OtherModelsTakeThePendingPath) {
  Model m;
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted, 100));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::completion_queued));
  EXPECT_EQ(m.find_op(1)->path, Path::signaled);
  EXPECT_FALSE(m.find_op(1)->finished()) << "the routine has not run";
  m.apply(s.make(kServerSession, 1, Api::SleepEx, Kind::callback, 100));
  EXPECT_EQ(m.find_op(1)->path, Path::completed);
  EXPECT_EQ(m.find_op(1)->bytes_done, 100u);

  m.apply(s.make(kServerSession, 2, Api::WSARecv, Kind::posted, 100));
  m.apply(s.make(kServerSession, 2, Api::WSARecv, Kind::pending));
  Transition aborted = s.make(kServerSession, 2, Api::GetQueuedCompletionStatus, Kind::dequeued);
  aborted.error = 125;
  m.apply(aborted);
  EXPECT_EQ(m.find_op(2)->path, Path::failed) << "an aborted receive through the port";

  m.apply(s.make(kServerSession, 3, Api::recv, Kind::posted, 100));
  m.apply(s.make(kServerSession, 3, Api::WSAWaitForMultipleEvents, Kind::blocked));
  EXPECT_EQ(m.find_op(3)->path, Path::pending);
  m.apply(s.make(kServerSession, 3, Api::WSAWaitForMultipleEvents, Kind::signaled));
  m.apply(s.make(kServerSession, 3, Api::WSAEnumNetworkEvents, Kind::network_events));
  m.apply(s.make(kServerSession, 3, Api::recv, Kind::completed_immediately, 100));
  EXPECT_EQ(m.find_op(3)->path, Path::completed);
  EXPECT_EQ(m.counts().fetched, 1u);
}

TEST(Model, FailureAfterCancelEndsTheOp) {
  Model m;
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted, 1024));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  m.apply(s.make(kServerSession, 1, Api::CancelIoEx, Kind::canceled));
  m.apply(s.make(kServerSession, 1, Api::WSAWaitForMultipleEvents, Kind::signaled));
  Transition failed = s.make(kServerSession, 1, Api::WSAGetOverlappedResult, Kind::failed);
  failed.error = netcore::kWsaOperationAborted;
  m.apply(failed);

  const Op* op = m.find_op(1);
  EXPECT_EQ(op->path, Path::failed);
  EXPECT_NE(op->t_end(), kNever);
  EXPECT_EQ(m.latest(*op).error, netcore::kWsaOperationAborted);
  EXPECT_EQ(m.counts().failed, 1u);
}

TEST(Model, PeerClosedCompletesAPendingReceive) {
  Model m;
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted, 1024));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  m.apply(s.make(kServerSession, 1, Api::WSAWaitForMultipleEvents, Kind::signaled));
  m.apply(s.make(kServerSession, 1, Api::WSAGetOverlappedResult, Kind::peer_closed, 0));
  EXPECT_EQ(m.find_op(1)->path, Path::completed);
  EXPECT_EQ(m.find_op(1)->bytes_done, 0u);
}

TEST(Model, OneLanePerSessionSlotAndPerThread) {
  Model m;
  Stream s;
  // Client first (session 2) then server (session 1): slot lanes still come server first.
  m.apply(s.make(kClientSession, 1, Api::WSASend, Kind::posted, 100, 0, 1));
  m.apply(s.make(kServerSession, 2, Api::WSARecv, Kind::posted, 1024, 0, 1));
  m.apply(s.make(kServerSession, 3, Api::WSARecv, Kind::posted, 1024, 1, 1));
  m.apply(s.make(kServerSession, 4, Api::WSARecv, Kind::posted, 1024, 0, 2));

  ASSERT_EQ(m.lanes().size(), 5u);
  const auto& lanes = m.lanes();
  EXPECT_EQ(lanes[0].type, Lane::Type::slot);
  EXPECT_EQ(lanes[0].session, kServerSession);
  EXPECT_EQ(lanes[0].slot, 0);
  EXPECT_EQ(lanes[0].ops.size(), 2u) << "ops 2 and 4 share the server's slot 0";
  EXPECT_EQ(lanes[0].api, Api::WSARecv);
  EXPECT_EQ(lanes[1].session, kServerSession);
  EXPECT_EQ(lanes[1].slot, 1);
  EXPECT_EQ(lanes[2].session, kClientSession);
  EXPECT_EQ(lanes[2].api, Api::WSASend);
  EXPECT_EQ(lanes[3].type, Lane::Type::thread);
  EXPECT_EQ(lanes[3].thread, 1u);
  EXPECT_EQ(lanes[4].thread, 2u);
}

TEST(Model, ThreadWaitsComeFromBlockedAndUnblocked) {
  Model m;
  Stream s;
  m.apply(s.make(netcore::kNoSession, 0, Api::WSAWaitForMultipleEvents, Kind::blocked));
  m.apply(s.make(netcore::kNoSession, 0, Api::WSAWaitForMultipleEvents, Kind::unblocked));
  m.apply(s.make(netcore::kNoSession, 0, Api::WSAWaitForMultipleEvents, Kind::blocked));

  ASSERT_EQ(m.lanes().size(), 1u);
  const Lane& lane = m.lanes()[0];
  EXPECT_EQ(lane.type, Lane::Type::thread);
  ASSERT_EQ(lane.waits.size(), 2u);
  EXPECT_LT(lane.waits[0].t_begin, lane.waits[0].t_end);
  EXPECT_EQ(lane.waits[0].api, Api::WSAWaitForMultipleEvents);
  EXPECT_EQ(lane.waits[1].t_end, kNever) << "still asleep";
  EXPECT_TRUE(m.ops().empty()) << "op 0 is the thread itself, not an operation";
}

TEST(Model, SequenceGapsAreCounted) {
  Model m;
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted));
  s.seq += 3;  // three transitions lost
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::signaled));
  EXPECT_EQ(m.seq_gaps(), 3u);
}

TEST(Model, NoGapWhenTheStreamStartsAnywhere) {
  Model m;
  Stream s;
  s.seq = 42;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  EXPECT_EQ(m.seq_gaps(), 0u);
}

TEST(Model, ClearForgetsTheOldLabButKeepsCountingGaps) {
  Model m;
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_TRUE(m.ops().empty());
  EXPECT_TRUE(m.lanes().empty());
  EXPECT_EQ(m.counts().posted, 0u);

  // The old op's cancellation arrives after the reset: counted in sequence, not shown.
  m.apply(s.make(kServerSession, 1, Api::CancelIoEx, Kind::canceled));
  EXPECT_TRUE(m.ops().empty());
  m.apply(s.make(kServerSession, 2, Api::WSARecv, Kind::posted));
  EXPECT_EQ(m.ops().size(), 1u);
  EXPECT_EQ(m.seq_gaps(), 0u);
  s.seq += 1;
  m.apply(s.make(kServerSession, 2, Api::WSARecv, Kind::pending));
  EXPECT_EQ(m.seq_gaps(), 1u);
}

TEST(Model, LatestOpByApi) {
  Model m;
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted));
  m.apply(s.make(kClientSession, 2, Api::WSASend, Kind::posted));
  m.apply(s.make(kServerSession, 3, Api::WSARecv, Kind::posted));
  ASSERT_NE(m.latest_op(Api::WSARecv), nullptr);
  EXPECT_EQ(m.latest_op(Api::WSARecv)->id, 3u);
  EXPECT_EQ(m.latest_op(Api::WSASend)->id, 2u);
  EXPECT_EQ(m.latest_op(Api::recv), nullptr);
}

TEST(Model, StepsOfTheLecture) {
  EXPECT_EQ(step_of(Kind::posted), 2);
  EXPECT_EQ(step_of(Kind::completed_immediately), 2);
  EXPECT_EQ(step_of(Kind::pending), 2);
  EXPECT_EQ(step_of(Kind::signaled), 3);
  EXPECT_EQ(step_of(Kind::result_fetched), 4);
  EXPECT_EQ(step_of(Kind::listening), 0);
}

// --- The compact store, the cap and the binary-search culling (docs/performance.md, "GUI") ---

// A recorded scene (R pending, S immediate, the wait, the fetch, a failure) with snapshots.
std::vector<Transition> recorded_scene() {
  Stream s;
  std::vector<Transition> ts;
  auto add = [&](Transition t, uint8_t wsabufs = 1) {
    t.wsabuf_count = wsabufs;
    t.ov_internal = 0x103;
    t.ov_event = 7;
    t.data_len = 5;
    std::memcpy(t.data, "Hello", 5);
    t.wsabuf_len[0] = t.bytes;
    t.result = t.kind == Kind::pending ? netcore::kSocketError : static_cast<int32_t>(t.bytes);
    ts.push_back(t);
  };
  add(s.make(kServerSession, 1, Api::WSARecv, Kind::posted, 1024), 2);
  add(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  add(s.make(0, 0, Api::WSAWaitForMultipleEvents, Kind::blocked));
  add(s.make(kClientSession, 2, Api::WSASend, Kind::posted, 100));
  add(s.make(kClientSession, 2, Api::WSASend, Kind::completed_immediately, 100));
  add(s.make(0, 0, Api::WSAWaitForMultipleEvents, Kind::unblocked));
  add(s.make(kServerSession, 1, Api::WSAWaitForMultipleEvents, Kind::signaled));
  add(s.make(kServerSession, 1, Api::WSAGetOverlappedResult, Kind::result_fetched, 100));
  Transition f = s.make(kServerSession, 3, Api::WSARecv, Kind::failed);
  f.error = 10054;
  add(f);
  return ts;
}

TEST(CompactStore, LogLinesCarryEveryFieldTheLogPrints) {
  const std::vector<Transition> ts = recorded_scene();
  Model m;
  m.apply(ts);
  ASSERT_EQ(m.log_size(), ts.size());
  for (size_t i = 0; i < ts.size(); ++i) {
    const Transition t = m.transition(i);
    // Every field log_line() (app/views/log_view.cpp) reads: the text is the same as before.
    EXPECT_EQ(t.t_ns, ts[i].t_ns);
    EXPECT_EQ(t.op, ts[i].op);
    EXPECT_EQ(t.session, ts[i].session);
    EXPECT_EQ(t.thread, ts[i].thread);
    EXPECT_EQ(t.slot, ts[i].slot);
    EXPECT_EQ(t.api, ts[i].api);
    EXPECT_EQ(t.kind, ts[i].kind);
    EXPECT_EQ(t.bytes, ts[i].bytes);
    EXPECT_EQ(t.wsabuf_count, ts[i].wsabuf_count);
    EXPECT_EQ(t.result, ts[i].result);
    EXPECT_EQ(t.error, ts[i].error);
  }
  // The inspector's op: its newest transition with the OVERLAPPED and the data bytes.
  const Op* op = m.find_op(1);
  ASSERT_NE(op, nullptr);
  const Transition latest = m.latest(*op);
  EXPECT_EQ(latest.kind, Kind::result_fetched);
  EXPECT_EQ(latest.bytes, 100u);
  EXPECT_EQ(latest.ov_internal, 0x103u);
  EXPECT_EQ(latest.ov_event, 7u);
  EXPECT_EQ(latest.data_len, 5);
  EXPECT_EQ(std::string(latest.data, 5), "Hello");
  EXPECT_EQ(m.lines_of(*op), (std::vector<size_t>{0, 1, 6, 7}));
  EXPECT_EQ(m.newest_op()->id, 3u);
  EXPECT_EQ(m.find_op(3)->last_error, 10054);
  EXPECT_LE(sizeof(Record), 48u);
}

TEST(CompactStore, SnapshotsKeptForTheFirstAndTheNewestOps) {
  Model m;
  Stream s;
  const uint32_t n = Model::kFirstSnapshots + Model::kRecentSnapshots * 2;
  for (uint32_t op = 1; op <= n; ++op)
    m.apply(s.make(kClientSession, op, Api::WSASend, Kind::posted, 10));
  EXPECT_TRUE(m.has_snapshot(*m.find_op(1)));
  EXPECT_TRUE(m.has_snapshot(*m.find_op(Model::kFirstSnapshots)));
  EXPECT_FALSE(m.has_snapshot(*m.find_op(Model::kFirstSnapshots + 10)));
  EXPECT_TRUE(m.has_snapshot(*m.find_op(n)));
  // Without a snapshot the op still shows its call, result and error.
  EXPECT_EQ(m.latest(*m.find_op(Model::kFirstSnapshots + 10)).bytes, 10u);
}

TEST(Cap, DropsTheOldestCountsThemAndKeepsGapsApart) {
  Model m;
  m.set_max_transitions(100);
  Stream s;
  for (uint32_t op = 1; op <= 500; ++op) {
    m.apply(s.make(kClientSession, op, Api::WSASend, Kind::posted, 10));
    m.apply(s.make(kClientSession, op, Api::WSASend, Kind::completed_immediately, 10));
  }
  EXPECT_LE(m.log_size(), 100u);
  EXPECT_GE(m.log_size(), 75u);
  EXPECT_EQ(m.cap_dropped() + m.log_size(), 1000u);  // never silently lost
  EXPECT_EQ(m.counts().transitions, 1000u);          // the lab's counts stay whole
  EXPECT_EQ(m.counts().posted, 500u);
  EXPECT_EQ(m.seq_gaps(), 0u);  // the cap is not an engine loss
  EXPECT_EQ(m.find_op(1), nullptr);
  ASSERT_NE(m.find_op(500), nullptr);
  EXPECT_EQ(m.find_op(500)->path, Path::immediate);
  EXPECT_EQ(m.lines_of(*m.find_op(500)).size(), 2u);
  EXPECT_EQ(m.first_line(), m.cap_dropped());
  // The lab's origin stays: the timeline does not mistake a drop for a reset.
  EXPECT_EQ(m.t_first(), 1'001'000u);
  // An engine loss (a seq gap) is still seen, and told apart.
  s.seq += 3;
  m.apply(s.make(kClientSession, 501, Api::WSASend, Kind::posted, 10));
  EXPECT_EQ(m.seq_gaps(), 3u);
  EXPECT_NE(m.describe().find("cap_dropped"), std::string::npos);
}

TEST(Cap, AnOpWhosePostWentStartsAtItsFirstKeptTransition) {
  Model m;
  m.set_max_transitions(16);
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted, 64));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  for (uint32_t op = 2; op <= 10; ++op) {
    m.apply(s.make(kClientSession, op, Api::WSASend, Kind::posted, 10));
    m.apply(s.make(kClientSession, op, Api::WSASend, Kind::completed_immediately, 10));
  }
  m.apply(s.make(kServerSession, 1, Api::WSAWaitForMultipleEvents, Kind::signaled));
  const Op* op = m.find_op(1);
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->t_posted, kNever);
  EXPECT_EQ(op->t_begin(), op->t_first);
  EXPECT_EQ(op->last_kind, Kind::signaled);
}

TEST(Visible, BinarySearchFindsTheRangeAtItsEdges) {
  Model m;
  // Ops on one lane at 10, 20, ... 100 µs after the first, each 1 µs long.
  uint64_t seq = 1;
  auto at = [&](uint32_t op, uint64_t t, Kind kind) {
    Transition tr;
    tr.seq = seq++;
    tr.t_ns = t;
    tr.session = kClientSession;
    tr.op = op;
    tr.api = Api::WSASend;
    tr.kind = kind;
    tr.thread = 1;
    m.apply(tr);
  };
  for (uint32_t op = 1; op <= 10; ++op) {
    at(op, op * 10'000, Kind::posted);
    at(op, op * 10'000 + 1'000, Kind::completed_immediately);
  }
  const Lane* lane = nullptr;
  for (const Lane& l : m.lanes())
    if (l.type == Lane::Type::slot) lane = &l;
  ASSERT_NE(lane, nullptr);
  auto ids = [&](Range r) {
    std::vector<uint32_t> out;
    for (size_t k = r.first; k < r.last; ++k) out.push_back(m.ops()[lane->ops[k]].id);
    return out;
  };
  // Exactly on the edges: an op that begins at t_end is in; one that begins after it is out.
  // Ops that began up to kLongOpNs before t_begin are candidates (the view culls by pixel).
  EXPECT_EQ(ids(m.visible(*lane, kLongOpNs + 200'000, kLongOpNs + 300'000)),
            std::vector<uint32_t>{});
  EXPECT_EQ(ids(m.visible(*lane, kLongOpNs + 30'000, kLongOpNs + 50'000)),
            (std::vector<uint32_t>{3, 4, 5, 6, 7, 8, 9, 10}));
  const Range all = m.visible(*lane, 0, 1'000'000);
  EXPECT_EQ(all.first, 0u);
  EXPECT_EQ(all.last, 10u);
  const Range upto = m.visible(*lane, 0, 50'000);
  EXPECT_EQ(ids(upto).back(), 5u);
  EXPECT_EQ(ids(m.visible(*lane, 0, 49'999)).back(), 4u);
  EXPECT_EQ(ids(m.visible(*lane, 0, 9'999)), std::vector<uint32_t>{});
  EXPECT_EQ(ids(m.visible(*lane, 100'000, 100'000)).back(), 10u);
  EXPECT_EQ(ids(m.visible(*lane, 100'001, 200'000)).back(), 10u);  // still within kLongOpNs
  EXPECT_TRUE(lane->open.empty());
  EXPECT_TRUE(lane->long_ops.empty());
}

TEST(Visible, LongAndOpenOpsAreListedApart) {
  Model m;
  Stream s;
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::posted, 64));
  m.apply(s.make(kServerSession, 1, Api::WSARecv, Kind::pending));
  const Lane* lane = &m.lanes().front();
  EXPECT_EQ(lane->open, std::vector<uint32_t>{0});
  s.t += kLongOpNs * 2;
  m.apply(s.make(kServerSession, 1, Api::WSAWaitForMultipleEvents, Kind::signaled));
  m.apply(s.make(kServerSession, 1, Api::WSAGetOverlappedResult, Kind::result_fetched, 64));
  lane = &m.lanes().front();
  EXPECT_TRUE(lane->open.empty());
  EXPECT_EQ(lane->long_ops, std::vector<uint32_t>{0});
}

}  // namespace
}  // namespace iolab::model
