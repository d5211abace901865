// Log: every transition as a console line (like the lecture's "Data Recv Len = 100"), newest at
// the bottom. Clicking a line selects its op.
#pragma once
#include <string>

#include "views/ui.hpp"

namespace iolab::views {

// One line of the log, shared with the GUI tests' output:
// "+1.234 ms  server WSARecv #1  pending  WSA_IO_PENDING (997)".
std::string log_line(const netcore::Transition& t, uint64_t t0, netcore::Backend backend);

class LogView {
 public:
  void draw(Ui& ui);

 private:
  size_t seen_ = 0;  // lines drawn last frame: scroll to the bottom when new ones arrive
};

}  // namespace iolab::views
