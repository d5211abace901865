#include "model/listing.hpp"

#include <gtest/gtest.h>

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

TEST(Listing, ServerPrintsTheLecturesLine) {
  EXPECT_NE(server_recv_listing().find("Data Recv Len = "), std::string_view::npos);
  EXPECT_NE(server_recv_listing().find("WSA_IO_PENDING"), std::string_view::npos);
  EXPECT_NE(client_send_listing().find("Hello World"), std::string_view::npos);
}

}  // namespace
}  // namespace iolab::model
