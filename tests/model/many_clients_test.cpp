// Many clients in the GUI (issue 16): what the app's model adds for the many-clients server.
// Planted bugs, each seen failing: SessionOps::renumber without the `posted` case (a repost kept
// its session's old op) -> EachPostIsAnOpOfItsOwn failed; the `signaled` transition's index not
// kept on the waiting thread's wait (model.cpp) -> TheSignaledIndexEndsTheThreadsWait failed; the
// `clients` step's range check dropped -> TheClientsStepTakesOneTo500 failed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/script.hpp"
#include "model/session_ops.hpp"

namespace iolab::model {
namespace {

Transition make(uint32_t session, uint32_t op, Kind kind, Api api, uint32_t thread = 7) {
  static uint64_t seq = 0, t = 1'000'000;
  Transition tr;
  tr.seq = seq++;
  tr.t_ns = (t += 1000);
  tr.session = session;
  tr.op = op;
  tr.thread = thread;
  tr.api = api;
  tr.op_api = op ? Api::WSARecv : Api::none;
  tr.kind = kind;
  return tr;
}

// The server numbers every session's receive 1; each post becomes an op of its own, and the
// session's later transitions go to its newest post.
TEST(ManyClients, EachPostIsAnOpOfItsOwn) {
  SessionOps ops;
  std::vector<Transition> ts = {
      make(1, 1, Kind::posted, Api::WSARecv),  make(2, 1, Kind::posted, Api::WSARecv),
      make(1, 1, Kind::pending, Api::WSARecv), make(1, 1, Kind::result_fetched, Api::WSARecv),
      make(1, 1, Kind::posted, Api::WSARecv),  // session 1 posts again
      make(2, 1, Kind::pending, Api::WSARecv), make(0, 0, Kind::blocked, Api::none)};
  for (Transition& t : ts) ops.renumber(t);
  const std::vector<uint32_t> want = {1, 2, 1, 1, 3, 2, 0};
  for (size_t i = 0; i < ts.size(); ++i) EXPECT_EQ(ts[i].op, want[i]) << "transition " << i;
  Model m;
  m.apply(ts);
  EXPECT_EQ(m.ops().size(), 3u);
  EXPECT_EQ(m.session_count(), 2u);
}

// A waiting thread blocks on 64 handles; the `signaled` of index 17 ends that wait and says so
// (the timeline's tooltip and the log line read it).
TEST(ManyClients, TheSignaledIndexEndsTheThreadsWait) {
  Model m;
  m.apply(make(5, 1, Kind::posted, Api::WSARecv, 1));
  m.apply(make(5, 1, Kind::pending, Api::WSARecv, 1));
  Transition blocked = make(0, 0, Kind::blocked, Api::WSAWaitForMultipleEvents, 9);
  blocked.result = 64;
  m.apply(blocked);
  Transition signaled = make(5, 1, Kind::signaled, Api::WSAWaitForMultipleEvents, 9);
  signaled.result = 17;
  m.apply(signaled);
  const Wait* w = m.wait_at(9, signaled.t_ns);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->events, 64);
  EXPECT_EQ(w->woke_index, 17);
  EXPECT_EQ(w->t_end, signaled.t_ns);
  EXPECT_EQ(m.wait_at(9, blocked.t_ns - 1), nullptr);  // before its first wait: none
  EXPECT_EQ(m.wait_at(4, signaled.t_ns), nullptr);     // a thread the model never saw
  // The wake event (unblocked, no signaled) leaves the index unset.
  m.apply(blocked = make(0, 0, Kind::blocked, Api::WSAWaitForMultipleEvents, 9));
  m.apply(make(0, 0, Kind::unblocked, Api::WSAWaitForMultipleEvents, 9));
  EXPECT_EQ(m.wait_at(9, blocked.t_ns)->woke_index, -1);
}

TEST(ManyClients, TheClientsStepTakesOneTo500) {
  Script s;
  std::string error;
  ASSERT_TRUE(Script::parse("clients 64", s, error)) << error;
  Model m;
  EXPECT_EQ(s.next_frame(m).clients, 64);
  for (const char* bad : {"clients 0", "clients 501", "clients", "clients x"}) {
    EXPECT_FALSE(Script::parse(bad, s, error)) << bad;
    EXPECT_NE(error.find("clients N"), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace iolab::model
