// The matrix's model (app/model/matrix): each model's transitions turned into the marks of its
// mini-timeline, the checks the GUI test relies on, the shared axis; and one real run of all
// four through netcore::ModelRunner (real loopback sockets, a short delay).
#include "model/matrix.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace iolab::model {
namespace {

using netcore::Api;
using netcore::Kind;
using netcore::Transition;
using Type = CellMark::Type;

constexpr uint64_t kStart = 1'000'000'000;  // the run's shared start on the steady clock
constexpr uint64_t kMs = 1'000'000;

// A transition `ms` after the start, from the receiver (server, op 1) unless told otherwise.
Transition at(double ms, Api api, Kind kind, uint32_t bytes = 0,
              uint32_t session = netcore::kServerSession, uint32_t op = 1) {
  Transition t;
  t.t_ns = kStart + static_cast<uint64_t>(ms * kMs);
  t.session = session;
  t.op = op;
  t.api = api;
  t.kind = kind;
  t.bytes = bytes;
  return t;
}

Transition peer_sends(double ms) {
  return at(ms, Api::send, Kind::completed_immediately, 100, netcore::kClientSession, 2);
}

netcore::ModelStatus finished() {
  netcore::ModelStatus s;
  s.started = s.finished = true;
  s.start_ns = kStart;
  s.summary.bytes = 100;
  return s;
}

CellTrack track(IoModel m, const std::vector<Transition>& ts, bool done = true) {
  CellTrack c(m);
  c.reset(kStart);
  c.apply(ts);
  netcore::ModelStatus s = finished();
  s.finished = done;
  c.set_status(s);
  return c;
}

TEST(MatrixCell, BlockingSyncIsOneSleepInRecvThenTheData) {
  const CellTrack c =
      track(IoModel::blocking_sync, {at(0.1, Api::recv, Kind::blocked, 100), peer_sends(1500),
                                     at(1500.2, Api::recv, Kind::unblocked, 100)});
  ASSERT_EQ(c.thread_marks().size(), 2u);
  const CellMark& sleep = c.thread_marks()[0];
  EXPECT_EQ(sleep.type, Type::asleep);
  EXPECT_EQ(sleep.api, Api::recv);
  EXPECT_FALSE(sleep.open);
  EXPECT_NEAR(sleep.t0, 0.1e6, 1);
  EXPECT_NEAR(sleep.t1, 1500.2e6, 1);
  EXPECT_EQ(c.thread_marks()[1].type, Type::completed);
  EXPECT_EQ(c.bytes(), 100u);
  EXPECT_NEAR(c.peer_at(), 1500e6, 1);
  EXPECT_TRUE(c.peer_sent());
  EXPECT_TRUE(c.op_marks().empty());
  EXPECT_EQ(c.check(), "");
}

TEST(MatrixCell, AnOpenSleepStaysOpenUntilItEnds) {
  CellTrack c = track(IoModel::blocking_sync, {at(0.1, Api::recv, Kind::blocked, 100)}, false);
  ASSERT_EQ(c.thread_marks().size(), 1u);
  EXPECT_TRUE(c.thread_marks()[0].open);
  EXPECT_TRUE(c.running());
  EXPECT_EQ(c.check(), "still running");
  c.apply({at(300, Api::recv, Kind::unblocked, 100)});
  EXPECT_FALSE(c.thread_marks()[0].open);
}

TEST(MatrixCell, NonBlockingSyncTicksEveryWouldBlock) {
  std::vector<Transition> ts = {at(0.05, Api::ioctlsocket, Kind::option_set)};
  for (int i = 0; i < 40; ++i) ts.push_back(at(0.1 + i, Api::recv, Kind::would_block));
  ts.push_back(peer_sends(40));
  ts.push_back(at(40.5, Api::recv, Kind::completed_immediately, 100));
  const CellTrack c = track(IoModel::nonblocking_sync, ts);
  EXPECT_EQ(c.would_blocks(), 40u);
  EXPECT_EQ(c.thread_marks().size(), 41u);  // option_set is not drawn
  EXPECT_EQ(c.thread_marks().back().type, Type::completed);
  EXPECT_NEAR(c.thread_begin(), 0.05e6, 1);
  EXPECT_NEAR(c.thread_end(), 40.5e6, 1);
  EXPECT_EQ(c.check(), "");

  const CellTrack no_retry =
      track(IoModel::nonblocking_sync,
            {peer_sends(0), at(1, Api::recv, Kind::completed_immediately, 100)});
  EXPECT_NE(no_retry.check(), "") << "the data was there at once: nothing to show";
}

TEST(MatrixCell, BlockingAsyncSleepsInSelectThenRecvCompletesAtOnce) {
  const CellTrack c =
      track(IoModel::blocking_async, {at(0.1, Api::select, Kind::blocked), peer_sends(1500),
                                      at(1500.3, Api::select, Kind::ready),
                                      at(1500.31, Api::recv, Kind::completed_immediately, 100)});
  ASSERT_EQ(c.thread_marks().size(), 3u);
  EXPECT_EQ(c.thread_marks()[0].type, Type::asleep);
  EXPECT_EQ(c.thread_marks()[0].api, Api::select);
  EXPECT_NEAR(c.thread_marks()[0].t1, 1500.3e6, 1);
  EXPECT_EQ(c.thread_marks()[1].type, Type::ready);
  EXPECT_EQ(c.thread_marks()[2].type, Type::completed);
  EXPECT_EQ(c.check(), "");
}

TEST(MatrixCell, OverlappedPendsWhileTheThreadWorks) {
  const CellTrack c =
      track(IoModel::nonblocking_async,
            {at(0.1, Api::WSARecv, Kind::posted, 100), at(0.2, Api::WSARecv, Kind::pending),
             at(50.2, Api::none, Kind::work, 0, netcore::kServerSession, 0),
             at(100.2, Api::none, Kind::work, 0, netcore::kServerSession, 0), peer_sends(120),
             at(150.2, Api::none, Kind::work, 0, netcore::kServerSession, 0),
             at(150.3, Api::WSAWaitForMultipleEvents, Kind::signaled),
             at(150.4, Api::WSAGetOverlappedResult, Kind::result_fetched, 100)});
  // The receive's own row: posted -> pending bar -> signaled -> fetched.
  ASSERT_EQ(c.op_marks().size(), 4u);
  EXPECT_EQ(c.op_marks()[0].type, Type::posted);
  EXPECT_EQ(c.op_marks()[1].type, Type::pending);
  EXPECT_NEAR(c.op_marks()[1].t0, 0.2e6, 1);
  EXPECT_NEAR(c.op_marks()[1].t1, 150.3e6, 1);
  EXPECT_EQ(c.op_marks()[2].type, Type::signaled);
  EXPECT_EQ(c.op_marks()[3].type, Type::fetched);
  // The thread's row: three units of work, back to back from the moment it went pending.
  ASSERT_EQ(c.thread_marks().size(), 3u);
  EXPECT_EQ(c.work_units(), 3u);
  EXPECT_NEAR(c.thread_marks()[0].t0, 0.2e6, 1);
  EXPECT_NEAR(c.thread_marks()[0].t1, 50.2e6, 1);
  EXPECT_NEAR(c.thread_marks()[1].t0, 50.2e6, 1);
  EXPECT_EQ(c.thread_marks()[2].index, 3u);
  EXPECT_EQ(c.check(), "");

  const CellTrack idle =
      track(IoModel::nonblocking_async,
            {at(0.1, Api::WSARecv, Kind::posted, 100), at(0.2, Api::WSARecv, Kind::pending),
             at(0.3, Api::WSAWaitForMultipleEvents, Kind::signaled),
             at(0.4, Api::WSAGetOverlappedResult, Kind::result_fetched, 100)});
  EXPECT_NE(idle.check(), "") << "no work done meanwhile";
}

TEST(MatrixCell, FailuresAndClosesEndOpenBars) {
  const CellTrack c =
      track(IoModel::blocking_sync,
            {at(0.1, Api::recv, Kind::blocked, 100),
             at(10, Api::shutdown, Kind::closed, 0, netcore::kClientSession, 2),
             at(10.1, Api::recv, Kind::unblocked), at(10.2, Api::recv, Kind::peer_closed)});
  ASSERT_EQ(c.thread_marks().size(), 2u);
  EXPECT_FALSE(c.thread_marks()[0].open);
  EXPECT_EQ(c.thread_marks()[1].type, Type::closed);
  EXPECT_FALSE(c.peer_sent());
  EXPECT_NEAR(c.peer_at(), 10e6, 1);
  EXPECT_NE(c.check(), "");
}

TEST(MatrixCell, ResetForgetsThePreviousRun) {
  CellTrack c = track(IoModel::nonblocking_sync, {at(1, Api::recv, Kind::would_block)});
  c.reset(kStart + 5 * kMs);
  EXPECT_EQ(c.would_blocks(), 0u);
  EXPECT_TRUE(c.thread_marks().empty());
  EXPECT_EQ(c.model(), IoModel::nonblocking_sync);
  c.apply({at(6, Api::recv, Kind::would_block)});
  EXPECT_NEAR(c.thread_marks()[0].t0, 1e6, 1) << "times count from the new start";
}

TEST(MatrixAxis, OneScaleForAllCellsWithRoomAfterTheDelay) {
  const MatrixAxis a = MatrixAxis::fit(1.5e9, 1.55e9, 8);
  EXPECT_GE(a.span_ns, 1.5e9 * 1.2);
  EXPECT_LE(a.span_ns, 1.5e9 * 1.3);
  EXPECT_LE(a.span_ns / a.step_ns, 8.0 + 1e-9);
  EXPECT_DOUBLE_EQ(a.step_ns, 0.5e9);  // 1, 2, 5 x 10^k
  // A run that went on longer stays whole in view.
  EXPECT_GE(MatrixAxis::fit(1.5e9, 6.5e9).span_ns, 6.5e9);
  // Delay 0: a span still wide enough to see the marks.
  const MatrixAxis zero = MatrixAxis::fit(0, 0.002e9);
  EXPECT_GE(zero.span_ns, 100e6);
  EXPECT_GT(zero.step_ns, 0);
}

// Real sockets, real threads: all four cells show their model's behaviour.
TEST(Matrix, RunsAllFourForReal) {
  Matrix matrix;
  std::string error;
  ASSERT_TRUE(matrix.start_all(std::chrono::milliseconds(200), error)) << error;
  EXPECT_EQ(matrix.delay(), std::chrono::milliseconds(200));
  // The peers wait 200 ms and no receiver has its data before its peer sent: still running.
  EXPECT_TRUE(matrix.any_running());
  EXPECT_FALSE(matrix.all_finished());
  EXPECT_FALSE(matrix.start_all(std::chrono::milliseconds(200), error)) << "running: no restart";
  EXPECT_NE(error, "");
  ASSERT_TRUE(matrix.wait(std::chrono::seconds(20)));
  matrix.poll();
  ASSERT_TRUE(matrix.all_finished()) << matrix.describe();
  for (IoModel m : netcore::kAllModels)
    EXPECT_EQ(matrix.cell(m).check(), "") << netcore::model_name(m) << "\n" << matrix.describe();
  // One start for all four: their peers sent at about the same time after it.
  for (IoModel m : netcore::kAllModels) {
    EXPECT_EQ(matrix.cell(m).start_ns(), matrix.cell(IoModel::blocking_sync).start_ns());
    EXPECT_GE(matrix.cell(m).peer_at(), 190e6);
  }

  // One cell again, with a new delay: only that cell starts afresh.
  const size_t others = matrix.cell(IoModel::blocking_sync).transitions();
  ASSERT_TRUE(matrix.start(IoModel::nonblocking_sync, std::chrono::milliseconds(50), error))
      << error;
  ASSERT_TRUE(matrix.wait(std::chrono::seconds(20)));
  matrix.poll();
  EXPECT_EQ(matrix.cell(IoModel::nonblocking_sync).check(), "") << matrix.describe();
  // A start of its own, with the new delay (a lower bound only: the peer sends after its
  // receiver said it waits, which on a loaded machine can be later than the delay).
  EXPECT_EQ(matrix.delay(), std::chrono::milliseconds(50));
  EXPECT_GT(matrix.cell(IoModel::nonblocking_sync).start_ns(),
            matrix.cell(IoModel::blocking_sync).start_ns());
  EXPECT_GE(matrix.cell(IoModel::nonblocking_sync).peer_at(), 49e6);
  EXPECT_EQ(matrix.cell(IoModel::blocking_sync).transitions(), others);
  EXPECT_TRUE(matrix.cell(IoModel::blocking_sync).finished()) << "kept after the new runner";
}

}  // namespace
}  // namespace iolab::model
