// A code listing shown in the code panel (assets/code/*.cpp.txt). A line ending in
// "//@ kind kind ..." is where those transitions happen; the tags are stripped for display.
#pragma once
#include <string>
#include <string_view>
#include <vector>

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

// The listings, embedded at build time from assets/code (see app/gui.cmake).
std::string_view server_recv_listing();
std::string_view client_send_listing();

}  // namespace iolab::model
