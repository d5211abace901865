// PitfallChecker on hand-made streams: each pitfall once, and the lecture's clean exchange none.
// (The real programs' streams are checked under Wine: tests/probe/probe_test.sh.)
#include "netcore/pitfalls.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace {

using namespace netcore;

Transition make(Kind kind, Api api, Api op_api, uint32_t op, uint16_t slot = 1) {
  static uint64_t seq = 0;
  Transition t;
  t.seq = seq++;
  t.session = 7;
  t.op = op;
  t.slot = slot;
  t.kind = kind;
  t.api = api;
  t.op_api = op_api;
  return t;
}

Transition with_data(Transition t, const char* text) {
  t.data_len = uint8_t(std::strlen(text));
  std::memcpy(t.data, text, t.data_len);
  return t;
}

std::vector<Pitfall> run(const std::vector<Transition>& stream) {
  PitfallChecker checker;
  std::vector<Pitfall> found;
  for (const Transition& t : stream)
    if (auto hit = checker.feed(t)) found.push_back(hit->pitfall);
  return found;
}

// The lecture's exchange: posted -> pending -> signaled -> result_fetched, then the peer's close.
std::vector<Transition> clean_exchange() {
  Transition pending = make(Kind::pending, Api::none, Api::WSARecv, 1);
  pending.ov_event = 0x40;
  Transition wait = make(Kind::blocked, Api::WSAWaitForMultipleEvents, Api::none, 0, 0);
  wait.ov_event = 0x40;
  Transition fetched = make(Kind::result_fetched, Api::WSAGetOverlappedResult, Api::WSARecv, 1);
  fetched.bytes = 100;
  return {make(Kind::posted, Api::WSARecv, Api::WSARecv, 1),
          pending,
          wait,
          make(Kind::signaled, Api::WSAWaitForMultipleEvents, Api::WSARecv, 1),
          fetched,
          make(Kind::posted, Api::WSARecv, Api::WSARecv, 2),
          make(Kind::peer_closed, Api::none, Api::WSARecv, 2)};
}

TEST(Pitfalls, CleanExchangeRaisesNothing) {
  EXPECT_TRUE(run(clean_exchange()).empty());
}

TEST(Pitfalls, OverlappedReusedWhilePending) {
  auto s = clean_exchange();
  s.insert(s.begin() + 3, make(Kind::posted, Api::WSARecv, Api::WSARecv, 9));  // slot 1 again
  EXPECT_EQ(run(s), std::vector<Pitfall>{Pitfall::overlapped_reused});
}

TEST(Pitfalls, SendBufferChangedWhilePending) {
  const Transition posted =
      with_data(make(Kind::posted, Api::WSASend, Api::WSASend, 1), "Hello World");
  const Transition pending = make(Kind::pending, Api::none, Api::WSASend, 1);
  const Transition same = with_data(
      make(Kind::result_fetched, Api::WSAGetOverlappedResult, Api::WSASend, 1), "Hello World");
  const Transition changed = with_data(
      make(Kind::result_fetched, Api::WSAGetOverlappedResult, Api::WSASend, 1), "Jello World");
  EXPECT_TRUE(run({posted, pending, same}).empty());
  EXPECT_EQ(run({posted, pending, changed}), std::vector<Pitfall>{Pitfall::send_buffer_changed});
}

TEST(Pitfalls, ZeroByteReceivePostedAgainAndAgain) {
  auto s = clean_exchange();  // one 0-byte receive: the peer's close, no pitfall yet
  for (uint32_t op = 3; op < 6; ++op) {
    s.push_back(make(Kind::posted, Api::WSARecv, Api::WSARecv, op));
    s.push_back(make(Kind::peer_closed, Api::none, Api::WSARecv, op));
  }
  EXPECT_EQ(run(s), std::vector<Pitfall>{Pitfall::zero_byte_repost});  // once, not three times
}

TEST(Pitfalls, EventWithoutPendingOp) {
  Transition wait = make(Kind::blocked, Api::WSAWaitForMultipleEvents, Api::none, 0, 0);
  wait.ov_event = 0x99;
  auto s = clean_exchange();
  s.push_back(wait);
  EXPECT_EQ(run(s), std::vector<Pitfall>{Pitfall::event_without_op});
}

TEST(Pitfalls, IncompleteFetch) {
  Transition early = make(Kind::failed, Api::WSAGetOverlappedResult, Api::WSARecv, 1);
  early.error = 996;
  auto s = clean_exchange();
  s.insert(s.begin() + 2, early);
  EXPECT_EQ(run(s), std::vector<Pitfall>{Pitfall::incomplete_fetch});
}

// The completion-routine and port models: the op ends with `callback` / `dequeued`, so the next
// post on the same OVERLAPPED is no reuse; a 0-byte one twice in a row is the endless loop.
// (Planted: callback/dequeued not ending the op -> overlapped_reused raised, failed.)
TEST(Pitfalls, CallbackAndDequeueEndTheOp) {
  for (Kind delivered : {Kind::callback, Kind::dequeued}) {
    std::vector<Transition> s;
    for (uint32_t op = 1; op < 4; ++op) {
      s.push_back(make(Kind::posted, Api::WSARecv, Api::WSARecv, op));
      s.push_back(make(Kind::pending, Api::WSARecv, Api::WSARecv, op));
      Transition done = make(delivered, Api::SleepEx, Api::WSARecv, op);
      done.bytes = 100;
      s.push_back(done);
    }
    EXPECT_TRUE(run(s).empty()) << kind_name(delivered);
    for (uint32_t op = 4; op < 6; ++op) {  // the peer closed, and the loop posts again
      s.push_back(make(Kind::posted, Api::WSARecv, Api::WSARecv, op));
      s.push_back(make(Kind::pending, Api::WSARecv, Api::WSARecv, op));
      s.push_back(make(delivered, Api::SleepEx, Api::WSARecv, op));
    }
    EXPECT_EQ(run(s), std::vector<Pitfall>{Pitfall::zero_byte_repost}) << kind_name(delivered);
  }
}

TEST(Pitfalls, EveryPitfallHasBothTexts) {
  for (Pitfall p :
       {Pitfall::overlapped_reused, Pitfall::send_buffer_changed, Pitfall::zero_byte_repost,
        Pitfall::event_without_op, Pitfall::incomplete_fetch}) {
    EXPECT_STRNE(pitfall_text_en(p), "?");
    EXPECT_STRNE(pitfall_text_ko(p), "?");
  }
}

}  // namespace
