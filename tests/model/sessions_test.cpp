// The timeline's rows per session (issue 16): every lane while the lab has a few sessions (the
// lecture's server and client look as they always did); past kGroupSessionsAbove, one row per
// session, the most recently active first, an expanded one followed by its lanes.
// Planted bugs, each seen failing: the sort left out of Model::rows (rows in session order) ->
// TheMostRecentlyActiveSessionComesFirst failed; the expanded session's lanes not added ->
// AnExpandedSessionIsFollowedByItsLanes failed; the grouping rule `>=` instead of `>` (four
// sessions grouped) -> AFewSessionsKeepOneRowPerLane failed.
#include <gtest/gtest.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "model/model.hpp"

namespace iolab::model {
namespace {

// One receive per session, in the server's shape: posted, pending, signaled, fetched; session
// `s` on slot `slot`, each transition 1 µs after the previous one.
struct Sessions {
  uint64_t seq = 1, t = 1'000'000;
  uint32_t op = 0;
  Model model;
  void message(uint32_t session, uint16_t slot = 0) {
    const uint32_t id = ++op;
    for (Kind k : {Kind::posted, Kind::pending, Kind::signaled, Kind::result_fetched}) {
      Transition tr;
      tr.seq = seq++;
      tr.t_ns = (t += 1000);
      tr.session = session;
      tr.op = id;
      tr.slot = slot;
      tr.thread = 1;
      tr.api = k == Kind::signaled         ? Api::WSAWaitForMultipleEvents
               : k == Kind::result_fetched ? Api::WSAGetOverlappedResult
                                           : Api::WSARecv;
      tr.op_api = Api::WSARecv;
      tr.kind = k;
      tr.bytes = k == Kind::result_fetched ? 5 : 1024;
      if (k == Kind::pending) {
        tr.result = netcore::kSocketError;
        tr.error = netcore::kWsaIoPending;
      }
      model.apply(tr);
    }
  }
};

std::vector<uint32_t> sessions_of(const std::vector<Row>& rows) {
  std::vector<uint32_t> out;
  for (const Row& r : rows) out.push_back(r.session_row ? r.session : 1000 + r.lane);
  return out;
}

TEST(SessionRows, AFewSessionsKeepOneRowPerLane) {
  Sessions s;
  for (uint32_t session = 1; session <= kGroupSessionsAbove; ++session) s.message(session);
  s.message(2, 1);  // a second slot of session 2: its own lane
  const std::vector<Row> rows = s.model.rows({});
  ASSERT_EQ(rows.size(), s.model.lanes().size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_FALSE(rows[i].session_row);
    EXPECT_EQ(rows[i].lane, i);  // the lanes' own order: session, then slot
  }
}

TEST(SessionRows, ManySessionsAreOneCollapsedRowEach) {
  Sessions s;
  for (uint32_t session = 1; session <= 50; ++session) s.message(session);
  s.message(7, 1);  // session 7 has two lanes: still one row
  const std::vector<Row> rows = s.model.rows({});
  EXPECT_EQ(s.model.session_count(), 50u);
  ASSERT_EQ(rows.size(), 51u);  // and the netcore thread's lane (the signaled wait's), first
  EXPECT_EQ(s.model.lanes()[rows.front().lane].type, Lane::Type::thread);
  EXPECT_FALSE(rows.front().session_row);
  for (const Row& r : std::vector<Row>(rows.begin() + 1, rows.end())) {
    EXPECT_TRUE(r.session_row);
    EXPECT_FALSE(r.expanded);
    const Lane& first = s.model.lanes()[r.lane];
    EXPECT_EQ(first.session, r.session);
    EXPECT_EQ(r.lanes, r.session == 7 ? 2u : 1u);
  }
}

TEST(SessionRows, TheMostRecentlyActiveSessionComesFirst) {
  Sessions s;
  for (uint32_t session = 1; session <= 10; ++session) s.message(session);
  s.message(3);
  s.message(8, 1);  // session 8's newest activity is on its second lane
  const std::vector<Row> rows = s.model.rows({});
  const uint32_t thread_lane = 1000 + rows.front().lane;
  const std::vector<uint32_t> want = {thread_lane, 8, 3, 10, 9, 7, 6, 5, 4, 2, 1};
  EXPECT_EQ(sessions_of(rows), want);
  for (size_t i = 2; i < rows.size(); ++i) EXPECT_GT(rows[i - 1].t_active, rows[i].t_active);
}

TEST(SessionRows, AnExpandedSessionIsFollowedByItsLanes) {
  Sessions s;
  for (uint32_t session = 1; session <= 6; ++session) s.message(session);
  s.message(4, 1);
  s.message(4, 2);
  const std::unordered_set<uint32_t> expanded = {4};
  const std::vector<Row> rows = s.model.rows(expanded);
  ASSERT_EQ(rows.size(), 1u + 6u + 3u);  // the thread lane first
  EXPECT_FALSE(rows[0].session_row);
  EXPECT_TRUE(rows[1].session_row);
  EXPECT_EQ(rows[1].session, 4u);
  EXPECT_TRUE(rows[1].expanded);
  for (uint16_t slot = 0; slot < 3; ++slot) {
    const Row& r = rows[2 + slot];
    EXPECT_FALSE(r.session_row);
    EXPECT_EQ(s.model.lanes()[r.lane].session, 4u);
    EXPECT_EQ(s.model.lanes()[r.lane].slot, slot);
  }
  EXPECT_TRUE(rows[5].session_row);
  EXPECT_FALSE(rows[5].expanded);
  EXPECT_EQ(rows[5].session, 6u);
}

TEST(SessionRows, TheCapKeepsTheGrouping) {
  Sessions s;
  s.model.set_max_transitions(200);
  for (int round = 0; round < 3; ++round)
    for (uint32_t session = 1; session <= 30; ++session) s.message(session);
  EXPECT_GT(s.model.cap_dropped(), 0u);  // the rebuild after the cap kept the rows right
  const std::vector<Row> rows = s.model.rows({});
  ASSERT_EQ(rows.size(), 31u);
  EXPECT_EQ(rows[1].session, 30u);
  EXPECT_FALSE(rows.front().session_row);
  EXPECT_EQ(s.model.lanes()[rows.front().lane].type, Lane::Type::thread);
}

}  // namespace
}  // namespace iolab::model
