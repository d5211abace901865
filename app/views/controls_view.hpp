// Controls: the server's WSARecv, the client's WSASend, and the lab as a whole.
#pragma once
#include <cstdint>

#include "views/ui.hpp"

namespace iolab::views {

class ControlsView {
 public:
  void draw(Ui& ui);

  // The same actions as the buttons, for the keyboard shortcuts (R, S).
  void post_recv(Ui& ui);
  void post_send(Ui& ui);

 private:
  int recv_size_ = 1024;
  int recv_wsabufs_ = 1;
  bool reading_ = false;
  char send_text_[netcore::kCommandTextCapacity] = "Hello World";
  int send_size_ = 100;  // the lecture's 100-byte buffer
  int send_wsabufs_ = 1;
};

}  // namespace iolab::views
