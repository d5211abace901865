#include "model/listing.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace iolab::model {
namespace {

TEST(Listing, TagsAreStrippedAndKept) {
  const Listing l = Listing::parse("int a;\nWSARecv(s);   //@ posted pending\n\n  x(); //@failed");
  ASSERT_EQ(l.lines.size(), 4u);
  EXPECT_EQ(l.lines[0].code, "int a;");
  EXPECT_EQ(l.lines[1].code, "WSARecv(s);");
  EXPECT_TRUE(l.has_tag(1, "posted"));
  EXPECT_TRUE(l.has_tag(1, "pending"));
  EXPECT_FALSE(l.has_tag(0, "posted"));
  EXPECT_EQ(l.lines[2].code, "");
  EXPECT_TRUE(l.has_tag(3, "failed"));
  EXPECT_FALSE(l.has_tag(99, "failed"));
}

std::vector<std::string> lines_for(const Listing& l, const std::string& tag) {
  std::vector<std::string> out;
  for (size_t i = 0; i < l.lines.size(); ++i)
    if (l.has_tag(i, tag)) out.push_back(l.lines[i].code);
  return out;
}

bool any_has(const std::vector<std::string>& lines, std::string_view what) {
  for (const std::string& l : lines)
    if (l.find(what) != std::string::npos) return true;
  return false;
}

// Each model's listing lights the line of each of its words (engine.hpp: LabModel).
// Planted bug: the routine's listing without its `callback` tag -> the routine line stayed dark
// and this failed.
TEST(Listing, EachModelsListingLightsItsCalls) {
  const Listing routine = Listing::parse(server_routine_listing());
  EXPECT_TRUE(any_has(lines_for(routine, "completion_queued"), "DoOtherWork"));
  EXPECT_TRUE(any_has(lines_for(routine, "callback"), "Data Recv Len Callback"));
  EXPECT_TRUE(any_has(lines_for(routine, "pending"), "WSA_IO_PENDING"));
  const Listing iocp = Listing::parse(server_iocp_listing());
  EXPECT_TRUE(any_has(lines_for(iocp, "dequeued"), "GetQueuedCompletionStatus"));
  EXPECT_TRUE(any_has(lines_for(iocp, "setup"), "CreateIoCompletionPort"));
  const Listing select = Listing::parse(server_event_select_listing());
  EXPECT_TRUE(any_has(lines_for(select, "blocked"), "WSAWaitForMultipleEvents"));
  EXPECT_TRUE(any_has(lines_for(select, "network_events"), "WSAEnumNetworkEvents"));
  EXPECT_TRUE(any_has(lines_for(select, "completed_immediately"), "recv"));
  EXPECT_TRUE(any_has(lines_for(select, "peer_closed"), "break"));
}

// Every step of the lecture's path has a line to highlight, on both sides.
TEST(Listing, EmbeddedListingsCoverThePath) {
  for (std::string_view text : {server_recv_listing(), client_send_listing()}) {
    const Listing l = Listing::parse(text);
    for (const char* tag : {"setup", "posted", "completed_immediately", "pending", "signaled",
                            "result_fetched", "failed"}) {
      bool found = false;
      for (size_t i = 0; i < l.lines.size(); ++i) found = found || l.has_tag(i, tag);
      EXPECT_TRUE(found) << tag;
    }
  }
}

// Issue 19 point 14: a 0-byte WSARecv that completed at the call is path 1 -> 2: the
// WSAGetOverlappedResult lines (step 4) must stay dark, the print line lights up. Planted bug:
// listing_tag returning kind_name(last_kind) for it -> the step-4 lines lit, this failed.
TEST(Listing, AnImmediateZeroByteRecvLightsStep2NotStep4) {
  Op op;
  op.api = Api::WSARecv;
  op.path = Path::immediate;
  op.last_kind = Kind::peer_closed;
  const Listing l = Listing::parse(server_recv_listing());
  const auto lit = lines_for(l, listing_tag(op));
  ASSERT_FALSE(lit.empty());
  EXPECT_FALSE(any_has(lit, "WSAGetOverlappedResult"));
  EXPECT_TRUE(any_has(lit, "Data Recv Len"));
  op.path = Path::completed;  // 0 bytes fetched after the wait: that is step 4
  EXPECT_TRUE(any_has(lines_for(l, listing_tag(op)), "WSAGetOverlappedResult"));
}

// Issue 19 point 7: CancelIoEx on a pending op ends in steps 3-4 (signaled, then 995 from
// WSAGetOverlappedResult), never in the branch for calls that failed to start.
TEST(Listing, ACancelledOpLightsTheWaitNotTheFailedCallBranch) {
  Op op;
  op.path = Path::pending;
  op.last_kind = Kind::canceled;
  for (std::string_view text : {server_recv_listing(), client_send_listing()}) {
    const auto lit = lines_for(Listing::parse(text), listing_tag(op));
    EXPECT_TRUE(any_has(lit, "WSAWaitForMultipleEvents")) << text.substr(0, 40);
    EXPECT_FALSE(any_has(lit, "break;")) << text.substr(0, 40);
  }
}

// Issue 19 point 8: the connect loop goes on while in progress and stops on WSAEISCONN.
TEST(Listing, TheClientsConnectLoopStopsOnWSAEISCONN) {
  const std::string_view text = client_send_listing();
  EXPECT_NE(text.find("WSAEALREADY"), std::string_view::npos);
  EXPECT_NE(text.find("WSAEISCONN)\n            break;"), std::string_view::npos);
}

TEST(Listing, ServerPrintsTheLecturesLine) {
  EXPECT_NE(server_recv_listing().find("Data Recv Len = "), std::string_view::npos);
  EXPECT_NE(server_recv_listing().find("WSA_IO_PENDING"), std::string_view::npos);
  EXPECT_NE(client_send_listing().find("Hello World"), std::string_view::npos);
}

}  // namespace
}  // namespace iolab::model
