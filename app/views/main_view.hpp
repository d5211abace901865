// The whole window: the menu bar, the panels on ImGui's docking (a preset arrangement: projector,
// desk or matrix; the teacher may drag them elsewhere) and the status bar. Also the clicker keys
// (Page Down / Page Up) and the blanked projector.
#pragma once
#include <string>
#include <vector>

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

  // The preset was not re-fitted for a few frames (the strips' heights are measured as they are
  // drawn, so the first frames build it again): --drive clicks wait for it, or they land where a
  // button was a frame before.
  bool layout_settled() const { return frames_since_build_ > 3; }

  // Presets by name, for --layout and the settings.
  static bool is_preset(const std::string& name);
  // The presenter window's viewport (0: not shown), for its screenshot.
  ImGuiID presenter_viewport() const { return presenter_viewport_; }

 private:
  enum Panel {
    kControlsPanel,
    kCaptionPanel,
    kTimelinePanel,
    kLogPanel,
    kCodePanel,
    kInspectorPanel,
    kMatrixPanel,
    kPanelCount
  };
  static std::string window_name(Panel p);  // "Timeline###timeline": the id stays in Korean
  void serve_layout_requests(Ui& ui);
  void build_layout(ImGuiID dockspace, ImVec2 size);
  void draw_panels(Ui& ui);
  bool begin_panel(Panel p, ImGuiWindowFlags flags);
  void handle_clicker(Ui& ui);
  struct Shape {
    std::string text;
    std::vector<float> shares;
    bool same(const Shape& other) const;
  };
  static Shape shape_of(ImGuiID dockspace);
  void notice_customization(Ui& ui, ImGuiID dockspace);
  Shape built_shape_;
  void draw_blank() const;
  void draw_presenter(Ui& ui);

  std::string layout_ = "projector";      // the preset shown (or its customized arrangement)
  std::string lab_layout_ = "projector";  // where M goes back to from the matrix
  bool rebuild_ = true;
  int settle_frames_ = 0;
  int frames_since_build_ =
      0;  // after a rebuild, ImGui's own "settings dirty" is not the teacher's
  ImVec2 built_size_{0, 0};
  float built_scale_ = 0, built_top_ = 0, built_caption_ = 0, built_timeline_ = 0;
  bool docked_[kPanelCount] = {};
  float caption_h_ = 0;          // the caption panel's content, last frame
  bool timeline_fits_ = true;    // last frame: the timeline's least height fit in its panel
  bool timeline_shown_ = false;  // this frame: the timeline's panel drew (its tab selected)

  // The clicker in the free lab: Page Down posts the server's WSARecv and the client's WSASend in
  // turn; Page Up takes the view (timeline span, caption) one step back. `steps_` remembers, per
  // step, the view before it.
  struct ClickerStep {
    double begin, span;
    bool follow;
    std::string caption;
  };
  std::vector<ClickerStep> steps_;
  int clicker_presses_ = 0;
  bool clicker_went_back_ = false;
  std::string free_caption_;

  ControlsView controls_;
  TimelineView timeline_;
  LogView log_;
  CodeView code_;
  InspectorView inspector_;
  StatusView status_;
  MatrixView matrix_;  // the 2x2 matrix, live: its own layout, M switches
  bool matrix_shown_ = false;
  bool ui_blank_ = false;
  bool projector_only_ = false;
  bool built_presenter_ = false;  // the preset was built for the presenter window  // the presenter
                                  // window has the controls, log and inspector
  ImGuiID presenter_viewport_ = 0;
  void draw_status(Ui& ui, ImVec2 pos, ImVec2 size);
  ClassroomView classroom_;
};

}  // namespace iolab::views
