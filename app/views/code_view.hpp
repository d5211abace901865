// Code: the lecture's code for the selected op's side, the line of its latest transition
// highlighted, and the path taken (1 -> 2, or 1 -> 2 -> 3 -> 4).
#pragma once
#include "model/listing.hpp"
#include "views/ui.hpp"

namespace iolab::views {

class CodeView {
 public:
  CodeView();
  void draw(Ui& ui);

 private:
  model::Listing server_[4], client_;  // server_: one per LabModel, in its order
  uint32_t scrolled_op_ = 0;
  netcore::Kind scrolled_kind_ = netcore::Kind::posted;
  float scrolled_height_ = 0;  // the listing's height when it was scrolled
};

}  // namespace iolab::views
