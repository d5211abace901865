// The whole window: the panels laid out for a projector (controls strip on top, the timeline
// across the full width, then log | code | inspector, and the status bar).
#pragma once
#include "views/classroom_view.hpp"
#include "views/code_view.hpp"
#include "views/controls_view.hpp"
#include "views/inspector_view.hpp"
#include "views/log_view.hpp"
#include "views/matrix_view.hpp"
#include "views/status_view.hpp"
#include "views/timeline_view.hpp"
#include "views/ui.hpp"

namespace iolab::views {

class MainView {
 public:
  void draw(Ui& ui);
  // For --drive: the timeline's state, and where to click to select an op in the log.
  bool following() const { return timeline_.following(); }
  bool log_line_position(uint32_t op, float& x, float& y) const {
    return log_.line_position(op, x, y);
  }
  // "matrix" / "lab": which layout is shown; "matrix-...": MatrixView::state; "controls-fit":
  // the lab is shown and no control of its strip was clipped on the last frame (if one was,
  // its name goes to stderr); "legend-fit", "toolbar-fit", "status-fit": the same for the
  // timeline's legend and toolbar and the status bar; "controls-disabled" / "controls-enabled": the
  // strip was drawn disabled (a replay) or not; "controls-presses=N": the strip has taken N actions
  // (buttons, R, S); "timeline-lane=LANE:bars=N,markers>=N,merged=N": what the timeline drew in
  // LANE on the last frame (TimelineView::drawn_matches).
  bool layout_state(const std::string& name) const;

 private:
  ControlsView controls_;
  TimelineView timeline_;
  LogView log_;
  CodeView code_;
  InspectorView inspector_;
  StatusView status_;
  MatrixView matrix_;  // the 2x2 matrix, live: its own layout, M switches
  bool matrix_shown_ = false;
  void draw_layout_toggle(Ui& ui, float right, float top);
  void draw_status(Ui& ui, ImVec2 pos, ImVec2 size);
  ClassroomView classroom_;
};

}  // namespace iolab::views
