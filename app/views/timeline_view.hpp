// Timeline: a time axis, one lane per OVERLAPPED slot and one per netcore thread.
// Immediate completions are single markers; pending ops are bars from `pending` to `signaled`,
// closed by `result_fetched`. Wheel zooms around the cursor, right-drag pans (Tracy style).
#pragma once
#include <imgui.h>

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_set>
#include <vector>

#include "views/ui.hpp"
#include "views/widgets.hpp"

namespace iolab::views {

class TimelineView {
 public:
  void draw(Ui& ui);

  void fit_all() { fit_next_ = true; }
  // What the plot shows, for the clicker's Page Up (one step back).
  struct View {
    double begin, span;
    bool follow;
  };
  View view() const { return {begin_, span_, follow_}; }
  void set_view(const View& v) {
    begin_ = v.begin;
    span_ = v.span;
    follow_ = v.follow;
  }
  // For --drive's `view lanes-fit`: on the last frame every lane's title in view lay whole in the
  // labels' column, and every lane out of view could be reached with the plot's scrollbar.
  bool lanes_fit() const { return lanes_drawn_ && lanes_clipped_.empty(); }
  const std::string& lanes_clipped() const { return lanes_clipped_; }
  void follow_live() { follow_ = true; }
  bool following() const { return follow_; }

  // The legend under the plot wraps onto more lines when it is wider than the panel (a large UI
  // scale, Korean, a narrow window). `min_height()`: the panel's height that shows the toolbar,
  // the plot at its smallest and the whole legend, as measured on the last frame (0 before the
  // first). For --drive's `view legend-fit`: on the last frame every mark and label of the
  // legend lay wholly inside the panel; `legend_clipped()` names the first that did not.
  float min_height() const;
  bool legend_fits() const { return legend_fit_.all_visible(); }
  // Whose words the legend used for steps 3 and 4 last frame: "event" (signaled, result
  // fetched), "completion-routine" (completion queued, callback ran), "iocp" (completion queued,
  // dequeued) or "mixed".
  std::string legend_words() const;
  const std::string& legend_clipped() const { return legend_fit_.clipped(); }
  // The same for the toolbar (Pause, Fit all, Follow live, Flood, the span, PAUSED).
  bool toolbar_fits() const { return toolbar_fit_.all_visible(); }
  const std::string& toolbar_clipped() const { return toolbar_fit_.clipped(); }

  // What the last frame drew in each lane, for --drive's `view timeline-lane=...`: bars (pending
  // bars in a slot lane, waits in a thread lane), markers (immediate, signaled, fetched, failed)
  // and merged boxes. `lane` names a lane in English whatever the UI language:
  // "server-WSARecv-0" (session, API, slot) or "thread-1".
  struct LaneMarks {
    model::Lane::Type type = model::Lane::Type::slot;
    uint32_t session = 0, thread = 0;
    netcore::Api api = netcore::Api::none;
    uint16_t slot = 0;
    bool session_row = false;  // a whole session's row (many sessions): "session7"
    int bars = 0, markers = 0, merged = 0;
    std::string name() const;  // "server-WSARecv-0", "session7-WSARecv-0", "session7", "thread-1"
  };
  const std::vector<LaneMarks>& drawn() const { return drawn_; }
  // "LANE:bars=1,markers>=2,merged=0" (any of the three, = or >=): whether the last frame's
  // marks of LANE match; when not, what was drawn goes to stderr.
  bool drawn_matches(const std::string& spec) const;
  // The watched programs' pitfalls drawn on the last frame, by name (`view timeline-pitfall=`).
  bool drew_pitfall(const std::string& name) const;
  // For --drive's `view timeline-rows=N` (rows drawn, in view or not) and `view
  // timeline-top=NAME` (the first row, by LaneMarks::name).
  bool rows_state(const std::string& spec) const;

  // Many sessions (Model::rows): the ones the teacher opened, by a click on the label or E.
  void toggle_session(uint32_t session);

  // Flood mode (W): the client sends continuously while the server keeps a WSARecv posted.
  // Posts are rate-limited per frame and by the ops still in flight, so the engine's queue never
  // grows without bound however slow the frames are.
  static constexpr int kFloodPerFrame = 48;         // sends submitted per frame at most
  static constexpr size_t kFloodMaxInFlight = 384;  // sends not yet finished, at most
  static constexpr uint32_t kFloodBytes = 512;
  void set_flood(Ui& ui, bool on);
  bool flooding() const { return flood_on_; }
  uint64_t flood_sent() const { return flood_sent_; }

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
                      double now, LaneMarks& marks);
  void draw_thread_lane(ImDrawList* dl, const Frame& f, const model::Lane& lane, float y,
                        double now, uint64_t t0, LaneMarks& marks);
  void draw_paused(ImDrawList* dl, ImVec2 plot, ImVec2 size) const;
  void draw_legend(ImDrawList* dl, const model::Counts& seen);
  void drive_flood(Ui& ui);

  float legend_h_ = 0;           // the legend and the gap above it, last frame
  const char* step3_ = nullptr;  // the labels the legend drew last frame
  const char* step4_ = nullptr;
  bool lanes_scroll_ = false;  // more lanes than fit: the plot has a scrollbar
  bool lanes_drawn_ = false;
  std::string lanes_clipped_;
  float above_plot_ = 0;  // from the panel's top to the plot (title bar, toolbar), last frame
  FitCheck legend_fit_;
  FitCheck toolbar_fit_;
  std::vector<LaneMarks> drawn_;
  std::vector<netcore::Pitfall> pitfalls_drawn_;
  void draw_pitfalls(const Ui& ui, ImDrawList* dl, const Frame& f, const model::Lane& lane, float y,
                     uint64_t t0);
  std::vector<model::Row> rows_;  // this frame's
  std::unordered_set<uint32_t> expanded_;
  std::vector<std::string> row_names_;  // the session rows drawn, by LaneMarks::name
  double begin_ = 0, span_ = 2e6;       // ns; 2 ms until there is something to fit
  bool follow_ = true;
  bool fit_next_ = false;
  uint64_t t_first_seen_ = 0;
  bool flood_on_ = false;
  uint64_t flood_sent_ = 0, flood_frame_ = 0;
  struct InFlight {
    uint32_t op;
    uint64_t frame;  // when it was submitted
  };
  std::deque<InFlight>
      flood_in_flight_;  // the model's first time: when it changes, the lab was reset
};

}  // namespace iolab::views
