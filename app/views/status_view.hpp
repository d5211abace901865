// Status bar: backend, port, counts, and the proof that nothing was lost (dropped stays 0).
#pragma once
#include "views/ui.hpp"

namespace iolab::views {

class StatusView {
 public:
  void draw(const Ui& ui);
};

}  // namespace iolab::views
