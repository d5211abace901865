// The 2x2 matrix of LECTURE.md §1, live: rows blocking / non-blocking, columns synchronous /
// asynchronous. Each cell names its call, runs it for real (netcore::ModelRunner) and draws its
// receiving thread on a mini-timeline; all four share one time axis (model::MatrixAxis).
#pragma once
#include <string>
#include <vector>

#include "model/matrix.hpp"
#include "model/windows_road.hpp"
#include "views/ui.hpp"
#include "views/widgets.hpp"

struct ImDrawList;

namespace iolab::views {

class MatrixView {
 public:
  void draw(Ui& ui);
  // For --drive: "matrix-running", "matrix-finished" (all four), "matrix-outcomes" (each cell
  // showed its model's behaviour; prints why not to stderr otherwise).
  // The second page: "matrix-road" (it is shown), "matrix-road-running", "matrix-road-finished",
  // "matrix-road-outcomes" (each lane showed its model; prints why not to stderr otherwise),
  // "matrix-road-lane=N:NAME:word,word,..." (the last frame drew lane N, 1 from the top, for
  // netcore::road_name NAME, with marks of these event words in this order, others between).
  bool state(const std::string& name) const;
  const model::Matrix& matrix() const { return matrix_; }
  // For --drive's `view legend-fit` while the matrix is shown: its legend, as the timeline's.
  // (Where the 2x2 page moved its legend into "Legend (?)", it does not show: not a fit.)
  bool legend_fits() const { return !legend_in_tooltip_ && legend_fit_.all_visible(); }
  std::string legend_clipped() const {
    return legend_in_tooltip_ ? "all of it (in 'Legend (?)')" : legend_fit_.clipped();
  }

 private:
  void run_all();
  void run(model::IoModel m);
  void draw_cell(Ui& ui, model::IoModel m);
  void draw_grid(Ui& ui);
  float cell_min_h() const;
  float grid_legend(FitCheck& fit);
  float heading_room(float width) const;
  float summary_height() const;
  void draw_road(Ui& ui);
  void draw_lane(Ui& ui, const model::RoadTrack& track, ImVec2 pos, ImVec2 size, float header_w);
  bool road_lane_drawn(const std::string& spec) const;

  enum class Page { grid, road };
  Page page_ = Page::grid;
  int select_tab_ = 0;  // frames left in which the tab bar is told to select page_'s tab

  model::Matrix matrix_;
  float delay_s_ = 1.5f;
  std::string error_;  // the last start failure, shown under the toolbar
  model::MatrixAxis axis_;
  uint64_t now_ns_ = 0;
  FitCheck legend_fit_;
  ImVec2 cell_pad_, cell_spacing_;  // the cells' WindowPadding and ItemSpacing
  ImFont* big_ = nullptr;           // the heading font, for cell_min_h
  ImFont* small_ = nullptr;         // the small font, for cell_min_h
  float toolbar_h_ = 0;             // the 2x2 page's toolbar's height on the last frame
  enum class Summary { text, small, two_lines };
  Summary summary_ = Summary::text;  // how the numbers under the plots fit (all four alike)
  bool legend_in_tooltip_ = false;   // the 2x2 page's legend is in "Legend (?)" (no room)
  bool cells_fit_ = true;            // no cell shorter than its smallest (none scrolls)
  float last_cell_h_ = 0, last_cell_min_h_ = 0;  // for the drive's message
  bool heads_big_ = true;                        // the four calls in the heading font (all fit)
  bool notes_shown_ = true;  // the cells' notes under their calls (else in their "(?)")
  float legend_h_ = 0;       // the legend's height on the last frame (it wraps at large scales)

  model::WindowsRoad road_;
  float road_delay_s_ = 1.0f;
  model::MatrixAxis road_axis_;
  float road_legend_h_ = 0;
  bool road_backend_on_tabs_ = false;  // the backend fits on the tab bar's line
  bool title_on_tabs_ = false;         // so does the page's title
  struct DrawnLane {
    std::string name;                // netcore::road_name
    std::vector<std::string> words;  // the drawn marks' event words, left to right in time
  };
  std::vector<DrawnLane> drawn_;  // the road's lanes as the last frame drew them
};

}  // namespace iolab::views
