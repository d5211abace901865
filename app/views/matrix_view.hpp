// The 2x2 matrix of LECTURE.md §1, live: rows blocking / non-blocking, columns synchronous /
// asynchronous. Each cell names its call, runs it for real (netcore::ModelRunner) and draws its
// receiving thread on a mini-timeline; all four share one time axis (model::MatrixAxis).
#pragma once
#include <string>

#include "model/matrix.hpp"
#include "views/ui.hpp"

struct ImDrawList;

namespace iolab::views {

class MatrixView {
 public:
  void draw(Ui& ui);
  // For --drive: "matrix-running", "matrix-finished" (all four), "matrix-outcomes" (each cell
  // showed its model's behaviour; prints why not to stderr otherwise).
  bool state(const std::string& name) const;
  const model::Matrix& matrix() const { return matrix_; }

 private:
  void run_all();
  void run(model::IoModel m);
  void draw_cell(Ui& ui, model::IoModel m, float width, float height);

  model::Matrix matrix_;
  float delay_s_ = 1.5f;
  std::string error_;  // the last start failure, shown under the toolbar
  model::MatrixAxis axis_;
  uint64_t now_ns_ = 0;
};

}  // namespace iolab::views
