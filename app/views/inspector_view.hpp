// Inspector: the selected op's WSAOVERLAPPED, WSABUF array, data, return value and error.
// On Linux each field says which io_uring fact it stands for.
#pragma once
#include "views/ui.hpp"

namespace iolab::views {

class InspectorView {
 public:
  void draw(Ui& ui);
};

}  // namespace iolab::views
