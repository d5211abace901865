// A code listing shown in the code panel (assets/code/*.cpp.txt). A line ending in
// "//@ kind kind ..." is where those transitions happen; the tags are stripped for display.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace iolab::model {

struct Listing {
  struct Line {
    std::string code;
    std::vector<std::string> tags;  // transition kind names, or "setup" (step 1)
  };
  std::vector<Line> lines;

  static Listing parse(std::string_view text);
  bool has_tag(size_t line, std::string_view tag) const;
};

// The tag whose lines the code panel highlights for `op`, as it is now. Not always its last
// kind: a failure after the wait is WSAGetOverlappedResult's answer ("fetch_failed"), and a
// 0-byte receive that completed at the call is path 1 -> 2 ("peer_closed_immediately"), not 4.
std::string listing_tag(const Op& op);

// The listings, embedded at build time from assets/code (see app/gui.cmake).
std::string_view server_recv_listing();
std::string_view client_send_listing();
// The server in the other models (engine.hpp: LabModel).
std::string_view server_routine_listing();
std::string_view server_iocp_listing();
std::string_view server_event_select_listing();

}  // namespace iolab::model
