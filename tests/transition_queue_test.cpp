// The engine's transition queue on its own: order, bounds, drops, and the hand-over between the
// netcore thread and a consumer, with real threads (the TSan preset checks the memory order).
#include "transition_queue.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using netcore::Transition;
using netcore::TransitionQueue;

namespace {

Transition numbered(uint64_t seq) {
  Transition t;
  t.seq = seq;
  t.bytes = uint32_t(seq * 7);
  return t;
}

}  // namespace

TEST(TransitionQueue, NothingIsVisibleBeforePublishThenAllInOrder) {
  TransitionQueue q(10000);
  for (uint64_t i = 0; i < 1500; ++i) ASSERT_NE(q.push(numbered(i)), nullptr);  // spans 3 blocks
  std::vector<Transition> out;
  EXPECT_EQ(q.drain(out), 0u);
  EXPECT_TRUE(q.publish()) << "the queue was empty before";
  EXPECT_EQ(q.drain(out), 1500u);
  ASSERT_EQ(out.size(), 1500u);
  for (uint64_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].seq, i);
    EXPECT_EQ(out[i].bytes, uint32_t(i * 7));
  }
}

TEST(TransitionQueue, PublishSaysReadyOnlyWhenTheConsumerHadCaughtUp) {
  TransitionQueue q(100);
  std::vector<Transition> out;
  EXPECT_FALSE(q.publish()) << "nothing new";
  q.push(numbered(0));
  EXPECT_TRUE(q.publish());
  q.push(numbered(1));
  EXPECT_FALSE(q.publish()) << "the first batch is still waiting to be drained";
  q.drain(out);
  q.push(numbered(2));
  EXPECT_TRUE(q.publish());
}

TEST(TransitionQueue, AFullQueueCountsDropsAndKeepsWhatItHeld) {
  TransitionQueue q(1000);
  uint64_t kept = 0;
  for (uint64_t i = 0; i < 1300; ++i) kept += q.push(numbered(i)) != nullptr;
  q.publish();
  EXPECT_EQ(kept, 1000u);
  EXPECT_EQ(q.dropped(), 300u);
  std::vector<Transition> out;
  q.drain(out);
  ASSERT_EQ(out.size(), 1000u);
  EXPECT_EQ(out.back().seq, 999u) << "the oldest are kept, the newest dropped";
  // Room again once drained; the loss stays counted.
  EXPECT_NE(q.push(numbered(1300)), nullptr);
  q.publish();
  EXPECT_EQ(q.dropped(), 300u);
}

TEST(TransitionQueue, WrapsAroundManyTimesWithoutLosingOrGrowing) {
  TransitionQueue q(1000);  // 4 blocks in the ring: many laps below
  std::vector<Transition> out;
  uint64_t next = 0, expect = 0;
  for (int round = 0; round < 200; ++round) {
    for (int i = 0; i < 700; ++i) ASSERT_NE(q.push(numbered(next++)), nullptr);
    q.publish();
    out.clear();
    q.drain(out);
    for (const Transition& t : out) ASSERT_EQ(t.seq, expect++);
  }
  EXPECT_EQ(expect, next);
  EXPECT_EQ(q.dropped(), 0u);
}

TEST(TransitionQueue, AConsumerThreadSeesEveryTransitionOnceInOrder) {
  constexpr uint64_t kCount = 300000;
  TransitionQueue flow(4096);
  std::thread feeder([&] {
    for (uint64_t seq = 0; seq < kCount;) {
      if (flow.push(numbered(seq)))
        ++seq;
      else
        flow.publish();  // full: let the consumer in (the engine drops instead)
      if (seq % 64 == 0) flow.publish();
    }
    flow.publish();
  });
  uint64_t expect = 0;
  std::vector<Transition> out;
  while (expect < kCount) {
    out.clear();
    if (!flow.wait(std::chrono::milliseconds(10000))) break;
    flow.drain(out);
    for (const Transition& t : out) {
      ASSERT_EQ(t.seq, expect);
      ASSERT_EQ(t.bytes, uint32_t(expect * 7));
      ++expect;
    }
  }
  feeder.join();
  EXPECT_EQ(expect, kCount);
}

TEST(TransitionQueue, WaitWakesWhenABatchIsPublishedAndTimesOutOtherwise) {
  TransitionQueue q(100);
  EXPECT_FALSE(q.wait(std::chrono::milliseconds(20))) << "nothing published";
  std::thread producer([&] {
    q.push(numbered(0));
    q.publish();
  });
  EXPECT_TRUE(q.wait(std::chrono::milliseconds(10000)));
  producer.join();
  std::vector<Transition> out;
  EXPECT_EQ(q.drain(out), 1u);
}
