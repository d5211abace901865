// The 2x2 matrix of LECTURE.md §1, live: rows blocking / non-blocking, columns synchronous /
// asynchronous. Each cell names its call, runs it for real (netcore::ModelRunner) and draws its
// receiving thread on a mini-timeline; all four share one time axis (model::MatrixAxis).
#pragma once
#include <string>

#include "model/matrix.hpp"
#include "views/ui.hpp"
#include "views/widgets.hpp"

struct ImDrawList;

namespace iolab::views {

class MatrixView {
 public:
  void draw(Ui& ui);
  // For --drive: "matrix-running", "matrix-finished" (all four), "matrix-outcomes" (each cell
  // showed its model's behaviour; prints why not to stderr otherwise).
  bool state(const std::string& name) const;
  const model::Matrix& matrix() const { return matrix_; }
  // For --drive's `view legend-fit` while the matrix is shown: its legend, as the timeline's.
  bool legend_fits() const { return legend_fit_.all_visible(); }
  const std::string& legend_clipped() const { return legend_fit_.clipped(); }

 private:
  void run_all();
  void run(model::IoModel m);
  void draw_cell(Ui& ui, model::IoModel m, float width, float height);

  model::Matrix matrix_;
  float delay_s_ = 1.5f;
  std::string error_;  // the last start failure, shown under the toolbar
  model::MatrixAxis axis_;
  uint64_t now_ns_ = 0;
  FitCheck legend_fit_;
  float legend_h_ = 0;  // the legend's height on the last frame (it wraps at large scales)
};

}  // namespace iolab::views
