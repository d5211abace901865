// The model turns transitions into ops, paths, lanes and counts. Each test feeds the stream the
// engine would produce for one scene of the lecture.
#include "model/model.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace iolab::model
