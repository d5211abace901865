// Status bar: backend, port, counts, and the proof that nothing was lost (dropped stays 0).
#pragma once
#include <string>

#include "views/ui.hpp"
#include "views/widgets.hpp"

namespace iolab::views {

class StatusView {
 public:
  void draw(const Ui& ui);

  // The bar's height that shows every field, as measured on the last frame (0 before the
  // first): the fields wrap onto a second line when one is too narrow (a large UI scale, a
  // narrow window), `Dropped` included.
  float height() const { return height_; }
  // For --drive's `view status-fit`: on the last frame every field lay wholly inside the bar.
  bool all_visible() const { return height_ > 0 && fit_.all_visible(); }
  const std::string& clipped() const { return fit_.clipped(); }
  bool says(const std::string& text) const { return fit_.says(text, "status bar"); }

 private:
  float height_ = 0;
  FitCheck fit_;
};

}  // namespace iolab::views
