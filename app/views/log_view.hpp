// Log: every transition as a console line (like the lecture's "Data Recv Len = 100"), newest at
// the bottom. Clicking a line selects its op.
#pragma once
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "views/ui.hpp"

namespace iolab::views {

// One line of the log, shared with the GUI tests' output:
// "+1.234 ms  server WSARecv #1  pending  WSA_IO_PENDING (997)".
// `events`: for a WSAWaitForMultipleEvents `signaled`, the events its wait watched (0: unknown).
std::string log_line(const netcore::Transition& t, uint64_t t0, netcore::Backend backend,
                     int events = 0);

class LogView {
 public:
  void draw(Ui& ui);

  // Where the op's first log line was drawn last frame (screen coordinates), for --drive's
  // click-log step; false when it was not visible.
  bool line_position(uint32_t op, float& x, float& y) const;
  // Whether the last frame drew a watched program's pitfall line of this name
  // (`view log-pitfall=`).
  bool drew_pitfall(const std::string& name) const;

 private:
  std::unordered_map<uint32_t, std::pair<float, float>> line_pos_;
  uint64_t seen_ = 0;  // lines drawn last frame (absolute): new ones scroll to the bottom ...
  bool stick_to_bottom_ = true;  // ... unless the teacher scrolled up
  float last_scroll_ = 0;
  std::vector<netcore::Pitfall> pitfalls_drawn_;
};

}  // namespace iolab::views
