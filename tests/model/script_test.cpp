#include "model/script.hpp"

#include <gtest/gtest.h>

namespace iolab::model {
namespace {

Transition make(uint64_t seq, uint32_t op, Api api, Kind kind, uint32_t bytes = 0) {
  Transition t;
  t.seq = seq;
  t.t_ns = seq * 1000;
  t.session = api == Api::WSASend ? netcore::kClientSession : netcore::kServerSession;
  t.op = op;
  t.api = api;
  t.kind = kind;
  t.bytes = bytes;
  return t;
}

TEST(Script, ParsesAndRejects) {
  Script s;
  std::string error;
  EXPECT_TRUE(
      Script::parse("key R; wait recv pending\n# comment\nframes 3; screenshot a.png", s, error))
      << error;
  EXPECT_FALSE(Script::parse("key F1", s, error));
  EXPECT_FALSE(Script::parse("wait recv nonsense", s, error));
  EXPECT_FALSE(Script::parse("jump", s, error));
  EXPECT_FALSE(Script::parse("frames", s, error));
}

TEST(Script, KeyIsPressedThenReleased) {
  Script s;
  std::string error;
  ASSERT_TRUE(Script::parse("key r", s, error));
  Model m;
  auto a = s.next_frame(m);
  EXPECT_EQ(a.press, 'R');
  a = s.next_frame(m);
  EXPECT_EQ(a.release, 'R');
  EXPECT_EQ(a.press, 0);
  EXPECT_TRUE(s.next_frame(m).done);
}

TEST(Script, WaitHoldsUntilTheModelGetsThere) {
  Script s;
  std::string error;
  ASSERT_TRUE(Script::parse("wait recv result_fetched 100; expect-not recv completed_immediately",
                            s, error));
  Model m;
  m.apply(make(1, 1, Api::WSARecv, Kind::posted, 1024));
  m.apply(make(2, 1, Api::WSARecv, Kind::pending));
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(s.next_frame(m).done);
  m.apply(make(3, 1, Api::WSAGetOverlappedResult, Kind::result_fetched, 100));
  auto a = s.next_frame(m);
  EXPECT_FALSE(a.failed);
  a = s.next_frame(m);
  EXPECT_FALSE(a.failed) << a.message;
  EXPECT_TRUE(s.next_frame(m).done);
}

TEST(Script, WaitFailsAfterItsBudget) {
  Script s;
  std::string error;
  ASSERT_TRUE(Script::parse("wait send pending", s, error));
  s.wait_budget = 3;
  Model m;
  bool failed = false;
  for (int i = 0; i < 10 && !failed; ++i) failed = s.next_frame(m).failed;
  EXPECT_TRUE(failed);
}

TEST(Script, ExpectFailsOnMismatch) {
  Script s;
  std::string error;
  ASSERT_TRUE(Script::parse("expect send completed_immediately", s, error));
  Model m;
  m.apply(make(1, 1, Api::WSASend, Kind::posted, 100));
  m.apply(make(2, 1, Api::WSASend, Kind::pending));
  EXPECT_TRUE(s.next_frame(m).failed);
}

}  // namespace
}  // namespace iolab::model

namespace iolab::model {
namespace {

TEST(Script, ViewStepsAskTheApp) {
  Script s;
  std::string error;
  ASSERT_TRUE(Script::parse("view paused; view following", s, error)) << error;
  Model m;
  auto state = [](const std::string& name) { return name == "paused"; };
  EXPECT_FALSE(s.next_frame(m, state).failed);
  EXPECT_TRUE(s.next_frame(m, state).failed) << "not following";
}

}  // namespace
}  // namespace iolab::model

namespace iolab::model {
namespace {

TEST(Script, CommentsMayHoldSemicolons) {
  Script s;
  std::string error;
  EXPECT_TRUE(Script::parse("# one; two\nkey R  # press; then\nclick-button Reset lab", s, error))
      << error;
}

}  // namespace
}  // namespace iolab::model

namespace iolab::model {
namespace {

TEST(Script, WaitViewWaitsForTheStateWithinTheBudget) {
  Script s;
  std::string error;
  ASSERT_TRUE(Script::parse("wait-view matrix-finished; frames 0", s, error)) << error;
  EXPECT_FALSE(Script::parse("wait-view", s, error));
  ASSERT_TRUE(Script::parse("wait-view matrix-finished", s, error)) << error;
  s.wait_budget = 3;
  Model m;
  bool finished = false;
  auto state = [&](const std::string& name) { return name == "matrix-finished" && finished; };
  EXPECT_FALSE(s.next_frame(m, state).failed);
  EXPECT_FALSE(s.next_frame(m, state).done);
  finished = true;
  EXPECT_FALSE(s.next_frame(m, state).failed);
  EXPECT_TRUE(s.next_frame(m, state).done);

  ASSERT_TRUE(Script::parse("wait-view matrix-finished", s, error)) << error;
  s.wait_budget = 3;
  finished = false;
  bool failed = false;
  for (int i = 0; i < 5 && !failed; ++i) failed = s.next_frame(m, state).failed;
  EXPECT_TRUE(failed) << "the budget ran out";
}

}  // namespace
}  // namespace iolab::model
