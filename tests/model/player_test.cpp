// The web edition's trace player (app/model/player.hpp) on hand-made transitions.
#include "model/player.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

using iolab::model::TracePlayer;

// Transitions stamped at `ms` milliseconds (after an arbitrary start), seq 1, 2, ...
std::vector<netcore::Transition> at_ms(std::vector<uint64_t> ms) {
  std::vector<netcore::Transition> ts;
  for (uint64_t m : ms) {
    netcore::Transition t;
    t.seq = ts.size() + 1;
    t.t_ns = 5'000'000'000 + m * 1'000'000;
    ts.push_back(t);
  }
  return ts;
}

constexpr uint64_t kMs = 1'000'000;

TEST(TracePlayer, HandsOutTransitionsWhenTheClockReachesThem) {
  TracePlayer p(at_ms({0, 10, 1000}));
  EXPECT_EQ(p.advance(0).size(), 1u);  // the first one is at the start
  EXPECT_TRUE(p.advance(9 * kMs).empty());
  EXPECT_EQ(p.advance(1 * kMs).size(), 1u);
  EXPECT_FALSE(p.finished());
  EXPECT_EQ(p.advance(990 * kMs).size(), 1u);
  EXPECT_TRUE(p.finished());
  EXPECT_EQ(p.played(), 3u);
}

TEST(TracePlayer, SpeedScalesTheClock) {
  TracePlayer p(at_ms({0, 1000}));
  p.set_speed(10);
  EXPECT_EQ(p.advance(99 * kMs).size(), 1u);  // 990 ms of the recording
  EXPECT_EQ(p.advance(1 * kMs).size(), 1u);   // 1000 ms
  p.set_speed(1000);                          // clamped to 100
  EXPECT_DOUBLE_EQ(p.speed(), 100.0);
}

TEST(TracePlayer, TheClockStopsOnTheLastTransition) {
  TracePlayer p(at_ms({0, 50}));
  p.advance(10'000 * kMs);
  EXPECT_TRUE(p.finished());
  EXPECT_EQ(p.now_ns(), 5'000'000'000 + 50 * kMs);
  EXPECT_TRUE(p.advance(10'000 * kMs).empty());
  EXPECT_EQ(p.now_ns(), 5'000'000'000 + 50 * kMs);
}

TEST(TracePlayer, StepAndStepBack) {
  TracePlayer p(at_ms({0, 10, 20}));
  EXPECT_TRUE(p.step_back().empty());  // nothing played: nothing to go back to
  EXPECT_EQ(p.step().front().seq, 1u);
  EXPECT_EQ(p.step().front().seq, 2u);
  EXPECT_EQ(p.now_ns(), 5'000'000'000 + 10 * kMs);
  const std::vector<netcore::Transition> kept = p.step_back();
  ASSERT_EQ(kept.size(), 1u);  // the model is rebuilt from these: the first one alone
  EXPECT_EQ(kept.front().seq, 1u);
  EXPECT_EQ(p.played(), 1u);
  EXPECT_EQ(p.now_ns(), 5'000'000'000u);
  EXPECT_EQ(p.step().front().seq, 2u);  // and on again from there
  EXPECT_EQ(p.step().front().seq, 3u);
  EXPECT_TRUE(p.step().empty());
  EXPECT_TRUE(p.finished());
}

TEST(TracePlayer, AnEmptyTraceIsFinishedAtOnce) {
  TracePlayer p;
  EXPECT_TRUE(p.finished());
  EXPECT_TRUE(p.advance(kMs).empty());
  EXPECT_TRUE(p.step().empty());
}

}  // namespace
