// The lab's server session in each Windows I/O model (engine.hpp: LabModel), live: R (WSARecv on
// the server) and S (WSASend on the client) on real loopback sockets, through the engine's normal
// queue. The same words on io_uring and on Winsock (this test runs under Wine in the
// windows-mingw preset). Every wait is on a transition.
// Planted bugs, each seen failing: look() never called by the engine loop (no completion_queued:
// CompletionRoutine... timed out); the routine run in look() instead of the alertable wait (a
// callback before A); the IOCP key set to 2 (dequeued with the wrong key); the WSAEventSelect
// round's recv skipped (no completed_immediately).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "netcore/driver.hpp"
#include "netcore/engine.hpp"

namespace netcore {
namespace {

std::string words(const std::vector<Transition>& ts) {
  std::string s;
  for (const Transition& t : ts) s += std::string(s.empty() ? "" : " ") + kind_name(t.kind);
  return s;
}

std::string text_of(const Transition& t) {
  return std::string(t.data, t.data_len).c_str();  // "Hello World", without the zero padding
}

struct ModelLab {
  Engine engine;
  Driver driver{engine};
  explicit ModelLab(LabModel m) : engine(options(m)) {
    std::string error;
    EXPECT_TRUE(engine.start(error)) << error;
  }
  static EngineOptions options(LabModel m) {
    EngineOptions o;
    o.model = m;
    return o;
  }
  uint32_t r() { return engine.submit(post_recv(kServerSession, 100)); }
  uint32_t s() { return engine.submit(post_send(kClientSession, "Hello World", 100)); }
  // Stops the engine and checks what every run promises: seq gap-free, each op ends once.
  void finish() {
    engine.stop();
    driver.pump();
    std::map<uint32_t, int> ends;
    std::set<uint32_t> posted;
    uint64_t seq = 0;
    for (const Transition& t : driver.seen()) {
      EXPECT_EQ(t.seq, seq++) << "seq gap";
      if (!t.op) continue;
      if (t.kind == Kind::posted) posted.insert(t.op);
      EXPECT_EQ(ends[t.op], 0) << "op " << t.op << ": " << kind_name(t.kind) << " after its end";
      if (ends_op(t.kind)) ++ends[t.op];
    }
    for (uint32_t op : posted) EXPECT_EQ(ends[op], 1) << "op " << op << " did not end once";
  }
};

TEST(EngineModels, CompletionRoutineIsQueuedWhileBusyAndRunsOnlyInTheAlertableWait) {
  ModelLab lab(LabModel::completion_routine);
  const uint32_t recv = lab.r();
  ASSERT_TRUE(lab.driver.await_kind(recv, Kind::pending));
  lab.s();
  const auto queued = lab.driver.await_kind(recv, Kind::completion_queued);
  ASSERT_TRUE(queued) << words(lab.driver.of_op(recv));
  // The thread is busy (its wait is not alertable): the routine waits, however long.
  lab.driver.await([](const Transition& t) { return t.kind == Kind::callback; },
                   std::chrono::milliseconds(300));
  EXPECT_EQ(words(lab.driver.of_op(recv)), "posted pending completion_queued");
  lab.engine.submit(alertable_wait());
  const auto callback = lab.driver.await_kind(recv, Kind::callback);
  ASSERT_TRUE(callback);
  EXPECT_EQ(callback->api, Api::SleepEx);
  EXPECT_EQ(callback->bytes, 100u);
  EXPECT_EQ(callback->error, 0);
  EXPECT_EQ(text_of(*callback), "Hello World");
  EXPECT_EQ(callback->thread, queued->thread) << "the routine runs on the issuing thread";
  const auto woke = lab.driver.await(
      [](const Transition& t) { return t.api == Api::SleepEx && t.kind == Kind::unblocked; });
  ASSERT_TRUE(woke);
  EXPECT_EQ(woke->result, kWsaWaitIoCompletion);
  EXPECT_EQ(words(lab.driver.of_op(recv)), "posted pending completion_queued callback");
  lab.finish();
}

TEST(EngineModels, AlertableWaitWithNothingQueuedTimesOut) {
  ModelLab lab(LabModel::completion_routine);
  lab.engine.submit(alertable_wait(300));
  const auto woke = lab.driver.await(
      [](const Transition& t) { return t.api == Api::SleepEx && t.kind == Kind::unblocked; });
  ASSERT_TRUE(woke);
  EXPECT_EQ(woke->result, 0) << "SleepEx's timeout: no routine ran";
  // The wait is on the timeline where it was: blocked when SleepEx began, not when the engine
  // passed it on after SleepEx returned. Planted: emit() stamping the model's transitions anew
  // (both at the return) -> failed.
  const auto slept = lab.driver.await(
      [](const Transition& t) { return t.api == Api::SleepEx && t.kind == Kind::blocked; });
  ASSERT_TRUE(slept);
  EXPECT_GE(woke->t_ns - slept->t_ns, 290'000'000u) << "SleepEx(300, TRUE) lasted 300 ms";
  lab.finish();
}

TEST(EngineModels, IocpWorkerDequeuesTheReceiveWithItsKey) {
  ModelLab lab(LabModel::iocp);
  const uint32_t recv = lab.r();
  ASSERT_TRUE(lab.driver.await_kind(recv, Kind::pending));
  lab.s();
  const auto packet = lab.driver.await_kind(recv, Kind::dequeued);
  ASSERT_TRUE(packet) << words(lab.driver.of_op(recv));
  EXPECT_EQ(words(lab.driver.of_op(recv)), "posted pending dequeued");
  EXPECT_EQ(packet->api, Api::GetQueuedCompletionStatus);
  EXPECT_EQ(packet->session, kServerSession) << "the key the socket was associated with";
  EXPECT_EQ(packet->bytes, 100u);
  EXPECT_EQ(text_of(*packet), "Hello World");
  const auto posted = lab.driver.of_op(recv).front();
  EXPECT_NE(packet->thread, posted.thread) << "a worker thread dequeues it";
  lab.finish();
}

TEST(EngineModels, IocpReceivePendingAtCloseComesThroughThePortWithItsError) {
  ModelLab lab(LabModel::iocp);
  const uint32_t recv = lab.r();
  ASSERT_TRUE(lab.driver.await_kind(recv, Kind::pending));
  lab.engine.submit(close_session(kServerSession));
  const auto packet = lab.driver.await_kind(recv, Kind::dequeued);
  ASSERT_TRUE(packet) << words(lab.driver.of_op(recv));
  EXPECT_EQ(packet->result, 0) << "GetQueuedCompletionStatus returned FALSE";
  EXPECT_NE(packet->error, 0);
  EXPECT_EQ(packet->session, kServerSession);
  lab.finish();
}

TEST(EngineModels, EventSelectReportsFdReadThenTheRecvCompletesAtOnce) {
  ModelLab lab(LabModel::event_select);
  const uint32_t recv = lab.r();
  ASSERT_TRUE(lab.driver.await_kind(recv, Kind::blocked));
  lab.s();
  const auto got = lab.driver.await_kind(recv, Kind::completed_immediately);
  ASSERT_TRUE(got) << words(lab.driver.of_op(recv));
  EXPECT_EQ(words(lab.driver.of_op(recv)),
            "posted blocked signaled network_events completed_immediately");
  const auto events = lab.driver.await_kind(recv, Kind::network_events);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->result, 1) << "FD_READ";
  EXPECT_EQ(got->api, Api::recv);
  EXPECT_EQ(got->bytes, 100u);
  EXPECT_EQ(text_of(*got), "Hello World");
  // The client's FIN: the next round reports FD_CLOSE, and its recv returns 0.
  lab.engine.submit(shutdown_send(kClientSession));
  const uint32_t second = lab.r();
  const auto closed = lab.driver.await_kind(second, Kind::peer_closed);
  ASSERT_TRUE(closed) << words(lab.driver.of_op(second));
  const auto fd_close = lab.driver.await_kind(second, Kind::network_events);
  ASSERT_TRUE(fd_close);
  EXPECT_EQ(fd_close->result, 32) << "FD_CLOSE";
  lab.finish();
}

TEST(EngineModels, EachPendingReceiveEndsOnceWhenTheLabStops) {
  for (LabModel m : kLabModels) {
    SCOPED_TRACE(lab_model_name(m));
    ModelLab lab(m);
    const uint32_t recv = lab.r();
    ASSERT_TRUE(lab.driver.await([&](const Transition& t) {
      return t.op == recv && (t.kind == Kind::pending || t.kind == Kind::blocked);
    }));
    lab.finish();  // checks that it ended once
  }
}

TEST(EngineModels, SwitchingTheModelRebuildsTheLabInIt) {
  ModelLab lab(LabModel::event);
  EXPECT_EQ(lab.engine.model(), LabModel::event);
  lab.engine.submit(set_model(uint8_t(LabModel::iocp)));
  ASSERT_TRUE(lab.driver.await([](const Transition& t) {
    return t.api == Api::CreateIoCompletionPort && t.kind == Kind::option_set && t.result == 1 &&
           t.session == kServerSession;
  }));
  EXPECT_EQ(lab.engine.model(), LabModel::iocp);
  const uint32_t recv = lab.r();
  lab.s();
  ASSERT_TRUE(lab.driver.await_kind(recv, Kind::dequeued));
  lab.engine.submit(set_model(uint8_t(LabModel::event)));
  const uint32_t back = lab.r();
  lab.s();
  ASSERT_TRUE(lab.driver.await_end(back));
  const auto ts = lab.driver.of_op(back);
  EXPECT_NE(ts.back().kind, Kind::dequeued) << "the event model again: " << words(ts);
  lab.finish();
}

TEST(EngineModels, NamesRoundTrip) {
  for (LabModel m : kLabModels) {
    LabModel back{};
    ASSERT_TRUE(lab_model_from_name(lab_model_name(m), back));
    EXPECT_EQ(back, m);
  }
  LabModel none{};
  EXPECT_FALSE(lab_model_from_name("iocp2", none));
}

}  // namespace
}  // namespace netcore
