// The engine on real loopback sockets: each scenario must show the lecture's exact path, as the
// kernel decides it. Nothing here is timed; every wait is on a transition.
#include "netcore/engine.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "netcore/driver.hpp"
#include "netcore/errors.hpp"
#include "netcore/format.hpp"
#include "netcore/reset_demo.hpp"
#include "netcore/scenarios.hpp"

namespace netcore {
namespace {

using Kinds = std::vector<Kind>;

Kinds kinds_of(const std::vector<Transition>& ts) {
  Kinds k;
  for (const Transition& t : ts) k.push_back(t.kind);
  return k;
}

std::string text_of(const Transition& t) {
  return std::string(t.data, t.data_len);
}

// The promises every run keeps: seq has no gap, and every posted op ends exactly once,
// with nothing reported for it afterwards.
void expect_invariants(const std::vector<Transition>& seen) {
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i].seq, i) << "seq gap at " << i;
  std::map<uint32_t, int> ends;
  std::set<uint32_t> posted;
  for (const Transition& t : seen) {
    if (!t.op) continue;
    if (t.kind == Kind::posted) posted.insert(t.op);
    EXPECT_EQ(ends[t.op], 0) << "op " << t.op << " reported " << kind_name(t.kind)
                             << " after it ended";
    if (ends_op(t.kind)) ++ends[t.op];
  }
  for (uint32_t op : posted) EXPECT_EQ(ends[op], 1) << "op " << op << " did not end once";
}

bool saw(const Driver& driver, uint32_t op, Kind kind) {
  for (const Transition& t : driver.of_op(op))
    if (t.kind == kind) return true;
  return false;
}

// An op aborted by closesocket (or by stop, which closes). io_uring: ECANCELED. Winsock: 995
// WSA_OPERATION_ABORTED (documented); Wine reports 676 for a closesocket, and IOCP users meet 64
// (ERROR_NETNAME_DELETED) or 1236.
bool is_close_abort_code(Backend b, int32_t code) {
  if (b == Backend::linux_io_uring) return code == 125;
  return code == 995 || code == 676 || code == 64 || code == 1236;
}

// An op aborted by CancelIoEx: WSA_OPERATION_ABORTED (995) and nothing else (Wine too: see
// CancelIoExAbortsWith995AndTheSocketStaysUsable in tests/win).
bool is_cancel_code(Backend b, int32_t code) {
  return code == (b == Backend::linux_io_uring ? 125 : 995);
}

// A started loopback lab and its driver.
struct Lab {
  Engine engine;
  Driver driver{engine};
  explicit Lab(EngineOptions options = {}) : engine(options) {
    std::string error;
    started = engine.start(error);
    EXPECT_TRUE(started) << error;
  }
  bool started = false;
  std::vector<Transition> run(const char* scenario, int count = 5) {
    ScenarioOptions o;
    o.count = count;
    EXPECT_EQ(run_scenario(scenario, driver, o), "");
    return {driver.seen().begin(), driver.seen().end()};
  }
  // The op whose first transition matches.
  uint32_t op_where(Api api, uint32_t session) {
    for (const Transition& t : driver.seen())
      if (t.kind == Kind::posted && t.op_api == api && t.session == session) return t.op;
    return 0;
  }
  void finish() {
    engine.stop();
    driver.pump();
    EXPECT_EQ(driver.evicted(), 0u) << "the invariants need the whole run";
    expect_invariants({driver.seen().begin(), driver.seen().end()});
  }
};

TEST(Engine, RecvPostedBeforeDataGoesPendingThenSignaledThenFetched) {
  Lab lab;
  lab.run("recv-pending");
  const uint32_t recv = lab.op_where(Api::WSARecv, kServerSession);
  const auto ts = lab.driver.of_op(recv);
  EXPECT_EQ(kinds_of(ts),
            (Kinds{Kind::posted, Kind::pending, Kind::signaled, Kind::result_fetched}));
  EXPECT_EQ(ts[1].result, kSocketError);
  EXPECT_EQ(ts[1].error, kWsaIoPending);
  EXPECT_STREQ(error_name(lab.engine.backend(), ts[1].error), "WSA_IO_PENDING");
  EXPECT_EQ(ts[1].ov_internal, 0x103u) << "STATUS_PENDING while pending";
  EXPECT_FALSE(ts[0].event_signaled);
  EXPECT_FALSE(ts[1].event_signaled) << "pending: nothing has arrived";
  EXPECT_EQ(ts[2].api, Api::WSAWaitForMultipleEvents);
  EXPECT_TRUE(ts[2].event_signaled);
  EXPECT_FALSE(ts[3].event_signaled) << "WSAGetOverlappedResult's fetch resets the event";
  EXPECT_EQ(ts[3].api, Api::WSAGetOverlappedResult);
  EXPECT_EQ(ts[3].bytes, 100u);
  EXPECT_EQ(text_of(ts[3]).substr(0, 11), "Hello World");
  EXPECT_EQ(ts[3].data_len, 64) << "the first 64 of the 100 bytes are kept";
  lab.finish();
}

TEST(Engine, RecvPostedAfterDataCompletesImmediatelyAndStillSignals) {
  Lab lab;
  lab.run("recv-immediate");
  const uint32_t recv = lab.op_where(Api::WSARecv, kServerSession);
  const auto ts = lab.driver.of_op(recv);
  ASSERT_EQ(kinds_of(ts), (Kinds{Kind::posted, Kind::completed_immediately}));
  EXPECT_EQ(ts[1].result, 0);
  EXPECT_EQ(ts[1].bytes, 100u);
  EXPECT_EQ(text_of(ts[1]).substr(0, 11), "Hello World");
  EXPECT_FALSE(ts[0].event_signaled);
  EXPECT_TRUE(ts[1].event_signaled) << "an immediate completion signals the event too";
  lab.finish();
}

TEST(Engine, SendGoesPendingWhileThePeerDoesNotReadAndCompletesWhole) {
  Lab lab;
  lab.run("send-pending");
  uint32_t stuck = 0;
  for (const Transition& t : lab.driver.seen())
    if (t.op_api == Api::WSASend && t.kind == Kind::pending) stuck = t.op;
  ASSERT_NE(stuck, 0u);
  const auto ts = lab.driver.of_op(stuck);
  EXPECT_EQ(kinds_of(ts),
            (Kinds{Kind::posted, Kind::pending, Kind::signaled, Kind::result_fetched}));
  EXPECT_EQ(ts.back().bytes, 64u * 1024) << "a pending WSASend completes with its full length";
  lab.finish();
}

TEST(Engine, ScatterGatherSplitsBytesAcrossTheWsabufs) {
  Lab lab;
  lab.run("scatter-gather");
  const auto send = lab.driver.of_op(lab.op_where(Api::WSASend, kClientSession));
  const auto recv = lab.driver.of_op(lab.op_where(Api::WSARecv, kServerSession));
  ASSERT_FALSE(send.empty());
  ASSERT_FALSE(recv.empty());
  EXPECT_EQ(send[0].wsabuf_count, 2);
  EXPECT_EQ(recv[0].wsabuf_count, 2);
  EXPECT_EQ(recv[0].wsabuf_len[0], 20u);
  EXPECT_EQ(recv[0].wsabuf_len[1], 20u);
  EXPECT_EQ(recv.back().kind, Kind::result_fetched);
  EXPECT_EQ(recv.back().bytes, 40u);
  // Gathered from two blocks, scattered into two others: the stream arrives whole and in order.
  EXPECT_EQ(text_of(recv.back()), "Hello from WSABUF[0]..and from WSABUF[1]");
  EXPECT_EQ(text_of(send[0]), text_of(recv.back()));
  lab.finish();
}

TEST(Engine, ClosingTheSocketWithARecvPendingFailsItWithAnAbortCode) {
  Lab lab;
  lab.run("close-while-pending");
  const auto ts = lab.driver.of_op(lab.op_where(Api::WSARecv, kServerSession));
  ASSERT_EQ(kinds_of(ts), (Kinds{Kind::posted, Kind::pending, Kind::signaled, Kind::failed}));
  EXPECT_EQ(ts.back().bytes, 0u);
  EXPECT_TRUE(is_close_abort_code(lab.engine.backend(), ts.back().error))
      << "got " << ts.back().error << " " << error_name(lab.engine.backend(), ts.back().error);
  lab.finish();
}

TEST(Engine, PeerCloseCompletesThePendingRecvWithZeroBytes) {
  Lab lab;
  lab.run("peer-close");
  const auto ts = lab.driver.of_op(lab.op_where(Api::WSARecv, kServerSession));
  ASSERT_EQ(kinds_of(ts), (Kinds{Kind::posted, Kind::pending, Kind::signaled, Kind::peer_closed}));
  EXPECT_EQ(ts.back().bytes, 0u);
  lab.finish();
}

TEST(Engine, LectureLoopsDeliverEveryMessage) {
  Lab lab;
  lab.run("lecture", 8);
  uint64_t sent = 0, received = 0;
  int sends = 0;
  for (const Transition& t : lab.driver.seen()) {
    if (!ends_op(t.kind)) continue;
    EXPECT_NE(t.kind, Kind::failed);
    if (t.op_api == Api::WSASend) sent += t.bytes, ++sends;
    if (t.op_api == Api::WSARecv) received += t.bytes;
  }
  EXPECT_EQ(sends, 8);
  EXPECT_EQ(sent, 800u);
  EXPECT_EQ(received, 800u);
  lab.finish();
}

TEST(Engine, CancelAbortsOnlyThatOpAndTheSocketStaysUsable) {
  Lab lab;
  Engine& e = lab.engine;
  const uint32_t recv = e.submit(post_recv(kServerSession, 1024));
  ASSERT_TRUE(lab.driver.await_kind(recv, Kind::pending));
  e.submit(cancel(kServerSession, recv));
  ASSERT_TRUE(lab.driver.await_kind(recv, Kind::canceled));
  const auto end = lab.driver.await_end(recv);
  ASSERT_TRUE(end);
  EXPECT_EQ(end->kind, Kind::failed);
  EXPECT_TRUE(is_cancel_code(e.backend(), end->error)) << end->error;
  // The socket still works: the next receive gets the next message.
  const uint32_t again = e.submit(post_recv(kServerSession, 1024));
  const uint32_t send = e.submit(post_send(kClientSession, "after cancel", 12));
  ASSERT_TRUE(lab.driver.await_end(send));
  const auto got = lab.driver.await_end(again);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->bytes, 12u);
  EXPECT_EQ(text_of(*got), "after cancel");
  lab.finish();
}

TEST(Engine, EachOutstandingOpHasItsOwnOverlapped) {
  Lab lab;
  Engine& e = lab.engine;
  std::vector<uint32_t> recvs;
  for (int i = 0; i < 3; ++i) {
    recvs.push_back(e.submit(post_recv(kServerSession, 10)));
    ASSERT_TRUE(lab.driver.await_kind(recvs.back(), Kind::pending));
  }
  std::set<uint16_t> slots;
  for (uint32_t r : recvs) slots.insert(lab.driver.of_op(r)[0].slot);
  EXPECT_EQ(slots.size(), 3u) << "a pending OVERLAPPED is never reused";
  e.submit(post_send(kClientSession, "0123456789abcdefghijABCDEFGHIJ", 30));
  uint32_t total = 0;
  for (uint32_t r : recvs) {
    const auto end = lab.driver.await_end(r);
    ASSERT_TRUE(end);
    EXPECT_EQ(end->kind, Kind::result_fetched);
    total += end->bytes;
  }
  EXPECT_EQ(total, 30u);
  // Outstanding receives are filled in the order they were posted, as Winsock does.
  EXPECT_EQ(text_of(*lab.driver.await_end(recvs[0])), "0123456789");
  EXPECT_EQ(text_of(*lab.driver.await_end(recvs[1])), "abcdefghij");
  EXPECT_EQ(text_of(*lab.driver.await_end(recvs[2])), "ABCDEFGHIJ");
  lab.finish();
}

TEST(Engine, SeveralPendingSendsOnOneSocketCompleteWholeAndInOrder) {
  Lab lab;
  Engine& e = lab.engine;
  e.submit(set_buffer(kClientSession, true, 4096));
  e.submit(set_buffer(kServerSession, false, 4096));
  std::vector<uint32_t> sends;
  for (int i = 0; i < 4; ++i) sends.push_back(e.submit(post_send_bytes(kClientSession, 65536)));
  ASSERT_TRUE(lab.driver.await_kind(sends.back(), Kind::pending));
  e.submit(set_buffer(kServerSession, false, 256 * 1024));
  Command read = set_reading(kServerSession, true);
  read.size = 65536;
  e.submit(read);
  uint64_t last_seq = 0;
  for (uint32_t op : sends) {
    const auto end = lab.driver.await_end(op);
    ASSERT_TRUE(end) << "send op " << op << " never completed";
    EXPECT_EQ(end->kind, Kind::result_fetched);
    EXPECT_EQ(end->bytes, 65536u);
    EXPECT_GT(end->seq, last_seq) << "sends complete in posting order";
    last_seq = end->seq;
  }
  uint64_t received = 0;
  ASSERT_TRUE(lab.driver.await([&](const Transition& t) {
    if (t.op_api == Api::WSARecv && ends_op(t.kind)) received += t.bytes;
    return received >= 4u * 65536;
  }));
  EXPECT_EQ(received, 4u * 65536);
  lab.finish();
}

TEST(Engine, StopWithOperationsPendingReportsEachAbortAndReturns) {
  Lab lab;
  Engine& e = lab.engine;
  const uint32_t a = e.submit(post_recv(kServerSession, 64));
  const uint32_t b = e.submit(post_recv(kClientSession, 64));
  ASSERT_TRUE(lab.driver.await_kind(a, Kind::pending));
  ASSERT_TRUE(lab.driver.await_kind(b, Kind::pending));
  lab.finish();  // stop() must not hang, and every op must end (checked by the invariants)
  for (uint32_t op : {a, b}) {
    const auto ts = lab.driver.of_op(op);
    EXPECT_EQ(ts.back().kind, Kind::failed);
    EXPECT_TRUE(is_close_abort_code(e.backend(), ts.back().error)) << ts.back().error;
  }
}

TEST(Engine, ResetAbortsPendingOpsAndBuildsTheLabAgain) {
  Lab lab;
  Engine& e = lab.engine;
  const uint32_t recv = e.submit(post_recv(kServerSession, 64));
  ASSERT_TRUE(lab.driver.await_kind(recv, Kind::pending));
  e.submit(reset_lab());
  const auto end = lab.driver.await_end(recv);
  ASSERT_TRUE(end);
  EXPECT_EQ(end->kind, Kind::failed);
  ASSERT_TRUE(lab.driver.await(
      [&](const Transition& t) { return t.kind == Kind::accepted && t.seq > end->seq; }));
  lab.run("recv-pending");
  lab.finish();
}

// Found by the soak under ASan (the engine slower than two submitting threads): posts still
// queued when stop() came were never run nor reported, so their op ids never ended.
TEST(Engine, PostsStillQueuedAtStopEndWithAnAbort) {
  Engine engine;
  std::string error;
  ASSERT_TRUE(engine.start(error)) << error;
  std::vector<uint32_t> ops;
  for (int i = 0; i < 2000; ++i) ops.push_back(engine.submit(post_send(kClientSession, "x", 1)));
  engine.stop();  // some of them, or most, have not run yet
  std::vector<Transition> got;
  engine.drain(got);
  expect_invariants(got);
  std::map<uint32_t, int> ends;
  std::set<uint32_t> posted;
  for (const Transition& t : got) {
    if (t.kind == Kind::posted) posted.insert(t.op);
    if (ends_op(t.kind)) ++ends[t.op];
    // Never called, so Winsock said nothing: the end is the lab's own code, not a made-up 995.
    if (ends_op(t.kind) && !posted.count(t.op)) {
      EXPECT_EQ(t.error, kLabNotRun) << t.op;
    }
  }
  for (uint32_t op : ops) EXPECT_EQ(ends[op], 1) << "op " << op;
}

// Found by fuzz_engine (UBSan: index 128 out of bounds for 'const char[128]'): a Command whose
// text_len claims more than the 128-byte text made the send read past it.
TEST(Engine, ATextLenBeyondTheTextIsClampedToIt) {
  Lab lab;
  Command send = post_send(kClientSession, "abc", 200);
  send.text_len = 255;
  const uint32_t recv = lab.engine.submit(post_recv(kServerSession, 200, 1));
  Command touch = touch_buffer(recv, "t");
  touch.text_len = 255;
  lab.engine.submit(touch);
  const uint32_t sent = lab.engine.submit(send);
  ASSERT_TRUE(lab.driver.await_end(sent));
  const auto got = lab.driver.await_end(recv);
  ASSERT_TRUE(got);
  EXPECT_EQ(text_of(*got).substr(0, 3), "abc");
  lab.finish();
}

// Found by fuzz_engine (out-of-memory, malloc(2966499750)): the engine allocated whatever size
// a Command asked for. Larger than 16 MiB is now refused like any other bad parameter.
TEST(Engine, AHugeSizeIsRefusedInsteadOfAllocated) {
  Lab lab;
  for (const Command& c :
       {post_recv(kServerSession, 0xFFFFFFFFu), post_send_bytes(kClientSession, 3000000000u)}) {
    const uint32_t op = lab.engine.submit(c);
    const auto end = lab.driver.await_end(op);
    ASSERT_TRUE(end);
    EXPECT_EQ(end->kind, Kind::failed);
    EXPECT_EQ(end->error, kLabRefused) << "the lab's own code: no Winsock call was made";
    EXPECT_TRUE(is_lab_code(end->error));
  }
  lab.finish();
}

// An Engine can be started again after stop().
TEST(Engine, StartsAgainAfterStop) {
  Lab lab;
  lab.engine.stop();
  std::string error;
  ASSERT_TRUE(lab.engine.start(error)) << error;
  const uint32_t recv = lab.engine.submit(post_recv(kServerSession, 8));
  const uint32_t send = lab.engine.submit(post_send(kClientSession, "again", 5));
  ASSERT_TRUE(lab.driver.await_end(send));
  const auto end = lab.driver.await_end(recv);
  ASSERT_TRUE(end);
  EXPECT_EQ(end->kind, Kind::result_fetched);
  EXPECT_EQ(text_of(*end), "again");
  // Across both runs seq goes on without a gap and every op ends once (the second run's
  // listening follows the first run's last transition). Planted bug: seq restarted at 0 in
  // start() -> "seq gap at" failed here.
  lab.finish();
  size_t listening = 0;
  for (const Transition& t : lab.driver.seen()) listening += t.kind == Kind::listening;
  EXPECT_EQ(listening, 2u) << "both runs reached the driver";
}

TEST(Engine, AFullQueueCountsDropsInsteadOfBlockingAndLeavesASeqGap) {
  EngineOptions options;
  options.queue_capacity = 4;
  Engine engine(options);
  std::string error;
  ASSERT_TRUE(engine.start(error)) << error;
  // listening, connected, accepted fill 3 places; these posts overflow the rest.
  for (int i = 0; i < 5; ++i) engine.submit(post_send(kClientSession, "x", 1));
  engine.stop();  // the thread ran every command without anyone draining
  std::vector<Transition> got;
  engine.drain(got);
  ASSERT_EQ(got.size(), 4u);
  const uint64_t dropped = engine.dropped();
  EXPECT_GT(dropped, 0u);
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].seq, i);
  // The loss must show as a gap: seq counted the dropped transitions too, so the next run's
  // first one (the queue has room again) comes after all of them. Planted bug: seq advanced only
  // when the push succeeded -> the next seq was 4, not 4 + dropped (this check failed).
  ASSERT_TRUE(engine.start(error)) << error;
  engine.stop();
  got.clear();
  engine.drain(got);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.front().seq, 4 + dropped);
}

TEST(Engine, APortInUseIsReportedInOneClearLine) {
  Engine first;
  std::string error;
  ASSERT_TRUE(first.start(error)) << error;
  EngineOptions options;
  options.mode = LabMode::serve;
  options.port = first.port();
  Engine second(options);
  EXPECT_FALSE(second.start(error));
  EXPECT_NE(error.find("in use"), std::string::npos) << error;
  EXPECT_NE(error.find(std::to_string(first.port())), std::string::npos) << error;
}

// WSARecv has no limit of its own: the 64th outstanding receive is posted and goes pending. The
// limit is WSAWaitForMultipleEvents' 64 handles (63 ops + the engine's wake-up), so op 64 is
// reported unwatched, and watched once op 1 ends and frees a handle; then it completes.
TEST(Engine, The64thRecvGoesPendingUnwatchedUntilAWaitHandleFrees) {
  Lab lab;
  std::vector<uint32_t> recvs;
  for (int i = 0; i < 64; ++i) recvs.push_back(lab.engine.submit(post_recv(kServerSession, 8)));
  for (uint32_t op : recvs) ASSERT_TRUE(lab.driver.await_kind(op, Kind::pending)) << op;
  ASSERT_TRUE(lab.driver.await_kind(recvs.back(), Kind::unwatched));
  // 64 sends of 8 bytes: each receive takes 8, op 1 first; op 64 is watched after op 1 ends.
  for (int i = 0; i < 64; ++i) lab.engine.submit(post_send(kClientSession, "12345678", 8));
  ASSERT_TRUE(lab.driver.await_kind(recvs.back(), Kind::watched));
  const auto last = lab.driver.await_end(recvs.back());
  ASSERT_TRUE(last);
  EXPECT_EQ(last->kind, Kind::result_fetched);
  for (uint32_t op : recvs) {
    const auto end = lab.driver.await_end(op);
    ASSERT_TRUE(end) << op;
    EXPECT_EQ(end->kind, Kind::result_fetched) << op;
  }
  for (size_t i = 0; i < 63; ++i)
    EXPECT_FALSE(saw(lab.driver, recvs[i], Kind::unwatched))
        << "op " << recvs[i] << " had a handle";
  lab.finish();
}

// Issue 20: the 63 handles are shared by all sessions of the one waiting thread. 40 receives on
// the server and 40 on the client: the last 17 posted are unwatched, and the wait still works
// (op 1 completes). Planted bug: gather_pending capping per session (each session's own 63)
// -> all 80 events go to one wait, poll refuses 80 (EINVAL), the loop spins and op 1 never ends:
// this test failed (await_kind unwatched timed out) and passes without it.
TEST(Engine, TheWaitHandlesAreCountedAcrossServerAndClient) {
  Lab lab;
  std::vector<uint32_t> recvs;
  for (uint32_t session : {uint32_t(kServerSession), uint32_t(kClientSession)})
    for (int i = 0; i < 40; ++i) recvs.push_back(lab.engine.submit(post_recv(session, 8)));
  for (uint32_t op : recvs) ASSERT_TRUE(lab.driver.await_kind(op, Kind::pending)) << op;
  ASSERT_TRUE(lab.driver.await_kind(recvs.back(), Kind::unwatched));
  for (size_t i = 0; i < recvs.size(); ++i)
    EXPECT_EQ(saw(lab.driver, recvs[i], Kind::unwatched), i >= 63) << "op " << recvs[i];
  lab.engine.submit(post_send(kClientSession, "12345678", 8));
  const auto first = lab.driver.await_end(recvs.front());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->kind, Kind::result_fetched);
  ASSERT_TRUE(lab.driver.await_kind(recvs[63], Kind::watched));
  lab.finish();
}

// Found by the soak: a post on a number that is not a session was dropped without a word, so
// the op id submit() had returned never appeared and never ended.
TEST(Engine, APostOnSomethingThatIsNotASessionStillEndsOnce) {
  Lab lab;
  for (uint32_t session : {uint32_t(kNoSession), 7u}) {
    const uint32_t recv = lab.engine.submit(post_recv(session, 16));
    const uint32_t send = lab.engine.submit(post_send(session, "x", 1));
    for (uint32_t op : {recv, send}) {
      const auto end = lab.driver.await_end(op);
      ASSERT_TRUE(end) << "op " << op << " on session " << session << " was never reported";
      EXPECT_EQ(end->kind, Kind::failed);
      EXPECT_EQ(end->error, kLabRefused);
    }
  }
  lab.finish();
}

// Issue 19 point 4: WSACreateEvent's event is manual-reset. Left signaled after the fetch (no
// WSAResetEvent, no new WSARecv on it), it wakes every WSAWaitForMultipleEvents at once: each of
// the 20 waits (1 s allowed) returns it; after the reset the wait sleeps to its timeout. Planted
// bug: the demo's fetch resetting the event (reset=true) -> returned_at_once 0: this failed.
TEST(ResetDemo, AnEventNobodyResetsWakesEveryWait) {
  const ResetDemo r = run_reset_demo(20);
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.waits, 20);
  EXPECT_EQ(r.returned_at_once, 20);
  EXPECT_TRUE(r.slept_after_reset);
  size_t fetched = 0, failed_b = 0;
  for (const Transition& t : r.transitions) {
    fetched += t.op == 1 && t.kind == Kind::result_fetched && t.bytes == 100;
    failed_b += t.op == 2 && t.kind == Kind::failed;
  }
  EXPECT_EQ(fetched, 1u);
  EXPECT_EQ(failed_b, 1u) << "the second receive ends with its socket";
}

// Issue 19 point 2: a code the engine made up never passes for Winsock's: its name says LAB_,
// the CLI's text says so, and no platform code can be the same (they are negative).
TEST(Format, TheLabsOwnCodesAreLabelledEverywhere) {
  for (int32_t code : {int32_t(kLabRefused), int32_t(kLabNotRun), int32_t(kLabGaveUpWaiting)}) {
    EXPECT_TRUE(is_lab_code(code));
    for (Backend b : {Backend::winsock, Backend::linux_io_uring}) {
      EXPECT_EQ(std::string(error_name(b, code)).rfind("LAB_", 0), 0u) << code;
      EXPECT_EQ(std::string(error_help(b, code)).rfind("lab: ", 0), 0u) << code;
      Transition t;
      t.kind = Kind::failed;
      t.error = code;
      EXPECT_NE(format_text(t, b, 0).find("the lab's own code, not Winsock's"), std::string::npos);
      EXPECT_NE(format_jsonl(t, b).find("\"error_name\":\"LAB_"), std::string::npos);
    }
  }
  for (int32_t code : {87, 258, 995, 997, 10035, 125}) EXPECT_FALSE(is_lab_code(code)) << code;
}

TEST(Format, JsonlCarriesTheFieldsTheUiAndReplayNeed) {
  Transition t;
  t.seq = 7;
  t.op = 3;
  t.session = kServerSession;
  t.api = Api::WSARecv;
  t.op_api = Api::WSARecv;
  t.kind = Kind::pending;
  t.result = -1;
  t.error = 997;
  const std::string line = format_jsonl(t, Backend::linux_io_uring);
  for (const char* field : {"\"seq\":7", "\"op\":3", "\"event\":\"pending\"", "\"api\":\"WSARecv\"",
                            "\"error\":997", "\"error_name\":\"WSA_IO_PENDING\"", "\"data\":\"\""})
    EXPECT_NE(line.find(field), std::string::npos) << field << " in " << line;
}

TEST(Format, BinaryDataIsHexAndTextWithPaddingStaysText) {
  Transition t;
  std::memcpy(t.data, "Hi\0\0", 4);
  t.data_len = 4;
  EXPECT_EQ(data_as_text(t), "Hi");
  t.data[0] = '\x01';
  EXPECT_EQ(data_as_text(t), "0x01690000");
}

// Found by fuzz_format: text with a newline (what nc sends) broke the CLI's one-line-per-
// transition text format.
TEST(Format, TextWithNewlinesStaysOnOneLine) {
  Transition t;
  t.kind = Kind::completed_immediately;
  t.op = 1;
  t.op_api = Api::WSARecv;
  std::memcpy(t.data, "hello\nworld\r\n", 13);
  t.data_len = 13;
  const std::string line = format_text(t, Backend::linux_io_uring, 0);
  EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << line;
  EXPECT_NE(line.find("\"hello\\nworld\\r\\n\""), std::string::npos) << line;
}

// The pending line promises a signal only when the op has an event: a completion routine's or a
// port's WSARecv (hEvent NULL) is not signaled, its completion is queued. Planted: the old
// "completion will be signaled" for every pending op -> failed.
TEST(Format, PendingSaysSignaledOnlyForAnOpWithAnEvent) {
  Transition t;
  t.kind = Kind::pending;
  t.api = t.op_api = Api::WSARecv;
  t.result = kSocketError;
  t.error = kWsaIoPending;
  t.ov_event = 0;
  const std::string queued = format_text(t, Backend::winsock, 0);
  EXPECT_EQ(queued.find("completion will be signaled"), std::string::npos) << queued;
  EXPECT_NE(queued.find("hEvent is NULL"), std::string::npos) << queued;
  t.ov_event = 0x1f4;
  const std::string signaled = format_text(t, Backend::winsock, 0);
  EXPECT_NE(signaled.find("completion will be signaled"), std::string::npos) << signaled;
}

// Found by fuzz_format: a Transition from a trace file may claim more than the 64 captured bytes;
// formatting it must not read past them.
TEST(Format, ADataLenBeyondTheCaptureIsClampedToIt) {
  struct {
    Transition t;
    char canary[64];
  } s{};
  std::memset(s.t.data, 'a', kDataCapacity);
  std::memset(s.canary, 'b', sizeof s.canary);
  s.t.data_len = 200;
  EXPECT_EQ(data_as_text(s.t), std::string(kDataCapacity, 'a'));
}

}  // namespace
}  // namespace netcore
