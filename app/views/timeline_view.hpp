// Timeline: a time axis, one lane per OVERLAPPED slot and one per netcore thread.
// Immediate completions are single markers; pending ops are bars from `pending` to `signaled`,
// closed by `result_fetched`. Wheel zooms around the cursor, right-drag pans (Tracy style).
#pragma once
#include <imgui.h>

#include <cstdint>

#include "views/ui.hpp"

namespace iolab::views {

class TimelineView {
 public:
  void draw(Ui& ui);

  void fit_all() { fit_next_ = true; }
  void follow_live() { follow_ = true; }
  bool following() const { return follow_; }

 private:
  // One frame's geometry: where the plot is and which time range it shows.
  struct Frame {
    ImVec2 origin;  // top-left of the plot area (right of the lane labels)
    float width = 1, lane_h = 1, axis_h = 1;
    double begin = 0, span = 1;  // ns, relative to the model's first transition
    float x_of(double t) const { return origin.x + static_cast<float>((t - begin) / span * width); }
    double t_of(float x) const { return begin + (x - origin.x) / width * span; }
  };

  void handle_input(Ui& ui, const Frame& f, double now);
  void draw_axis(ImDrawList* dl, const Frame& f, float bottom) const;
  void draw_slot_lane(Ui& ui, ImDrawList* dl, const Frame& f, const model::Lane& lane, float y,
                      double now);
  void draw_thread_lane(ImDrawList* dl, const Frame& f, const model::Lane& lane, float y,
                        double now, uint64_t t0);
  void draw_legend(ImDrawList* dl) const;

  double begin_ = 0, span_ = 2e6;  // ns; 2 ms until there is something to fit
  bool follow_ = true;
  bool fit_next_ = false;
  uint64_t t_first_seen_ = 0;  // the model's first time: when it changes, the lab was reset
};

}  // namespace iolab::views
