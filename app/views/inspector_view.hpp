// Inspector: the selected op's WSAOVERLAPPED, WSABUF array, data, return value and error, and
// where its bytes sit in the connection's stream.
// On Linux each field says which io_uring fact it stands for.
#pragma once
#include "views/ui.hpp"

namespace iolab::views {

class InspectorView {
 public:
  void draw(Ui& ui);

 private:
  void draw_stream(Ui& ui, const model::Op& op);
  void draw_model(Ui& ui, const netcore::Transition& t, bool on_linux);
};

}  // namespace iolab::views
