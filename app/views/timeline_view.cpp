#include "views/timeline_view.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "views/i18n.hpp"
#include "views/item_check.hpp"
#include "views/strings.hpp"
#include "views/strings_many.hpp"
#include "views/widgets.hpp"

namespace iolab::views {
namespace {

using model::kNever;

constexpr double kMinSpan = 200.0;             // ns: a few hundred ns across the whole plot
constexpr double kMaxSpan = 2.0 * 3600 * 1e9;  // two hours
constexpr double kStartSpan = 2e6;             // 2 ms
constexpr float kMinBarPx = 5.0f;              // a 3 µs pending bar must stay visible at 10 s
constexpr float kMinPlotLines = 5.5f;  // the plot asked for: the axis and three lanes (1.3 lines)
constexpr float kSqueezedPlotLines = 3.5f;  // ... and what it gives up to keep the legend

// 1, 2, 5 x 10^k: the tick step closest above `raw`.
double nice_step(double raw) {
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

// A tick label precise enough to tell neighbouring ticks apart ("2.000015 s", "350 µs").
std::string tick_label(double t, double step, double view_end) {
  struct Unit {
    double ns;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{1e9, "s"}, {1e6, "ms"}, {1e3, "\xC2\xB5s"}, {1, "ns"}};
  Unit unit = kUnits[3];
  for (const Unit& u : kUnits)
    if (std::fabs(view_end) >= u.ns) {
      unit = u;
      break;
    }
  const int decimals =
      std::clamp(static_cast<int>(std::ceil(-std::log10(step / unit.ns) - 1e-9)), 0, 9);
  if (std::fabs(t) < step * 1e-6) t = 0.0;  // not "-0.0 s"
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f %s", decimals, t / unit.ns, unit.name);
  return buf;
}

double rel(uint64_t t, uint64_t t0) {
  return static_cast<double>(t) - static_cast<double>(t0);
}

// "server WSARecv" over "WSAOVERLAPPED #0"; "netcore thread 1" over "running / waiting".
std::pair<std::string, std::string> lane_label(const model::Lane& lane) {
  char title[96], detail[96];
  if (lane.type == model::Lane::Type::thread) {
    const std::string watched = watched_thread_name(lane.thread);
    // A thread in WSAWaitForMultipleEvents says how many events it waits on: 64 at most.
    const int events = lane.waits.empty() ? 0 : lane.waits.back().events;
    if (!watched.empty())
      std::snprintf(title, sizeof title, "%s", watched.c_str());
    else if (events > 0)
      std::snprintf(title, sizeof title, text::kLaneThreadEvents, lane.thread, events);
    else
      std::snprintf(title, sizeof title, text::kLaneThread, lane.thread);
    std::snprintf(detail, sizeof detail, "%s", text::kLaneThreadDetail);
  } else {
    std::snprintf(title, sizeof title, "%s %s", session_name(lane.session).c_str(),
                  netcore::api_name(lane.api));
    std::snprintf(detail, sizeof detail, text::kLaneSlotDetail, static_cast<unsigned>(lane.slot));
  }
  return {title, detail};
}

// A row's label: a lane's, or a session's ("[+] session 7" over "3 ops: click or E to open").
std::pair<std::string, std::string> row_label(const model::Model& m, const model::Row& row,
                                              bool grouped) {
  if (!row.session_row) {
    auto label = lane_label(m.lanes()[row.lane]);
    if (grouped && row.session != 0) label.first = "   " + label.first;  // under its session
    return label;
  }
  size_t ops = 0;
  for (uint32_t k = row.lane; k < row.lane + row.lanes; ++k) ops += m.lanes()[k].ops.size();
  char detail[128];
  std::snprintf(detail, sizeof detail, row.expanded ? text::kSessionRowOpen : text::kSessionRowShut,
                ops);
  return {(row.expanded ? "[-] " : "[+] ") + session_name(row.session), detail};
}

void op_tooltip(const model::Op& op, uint64_t t0, double now) {
  ImGui::BeginTooltip();
  ImGui::Text("%s", op_name(op).c_str());
  if (op.t_posted != kNever)
    ImGui::Text(text::kTipPostedAt, format_duration(rel(op.t_posted, t0)).c_str());
  if (op.path == model::Path::immediate) {
    ImGui::Text(text::kTipImmediate, op.bytes_done, text::kArrow);
  } else if (op.went_pending()) {
    const double end = op.t_signaled != kNever ? rel(op.t_signaled, t0) : now;
    ImGui::Text(text::kTipPendingFor, format_duration(end - rel(op.t_returned, t0)).c_str(),
                op.t_signaled == kNever ? text::kTipStillPending : "");
    if (op.t_fetched != kNever) ImGui::Text(text::kTipFetched, op.bytes_done);
  }
  if (op.path == model::Path::failed)
    ImGui::Text(text::kTipFailed, static_cast<int>(op.last_error));
  ImGui::TextDisabled(text::kTipLast, netcore::kind_name(op.last_kind));
  ImGui::EndTooltip();
}

}  // namespace

void TimelineView::draw(Ui& ui) {
  const model::Model& m = *ui.model;
  const uint64_t t0 = m.t_first();
  const double now = m.empty() ? 0.0 : std::max(rel(ui.now_ns, t0), rel(m.t_last(), t0));

  // Toolbar: the same actions as the keys, with the keys printed on them.
  if (key_pressed(' ')) ui.paused = !ui.paused;
  if (key_pressed('F')) fit_all();
  // The flood sends from the lab's client: none in a replay, while watching, when an outside
  // client plays it, nor while many clients run (their waves are the strip's).
  const bool no_client =
      ui.replay || ui.watching || ui.lab_mode == netcore::LabMode::serve || ui.many.active;
  if (key_pressed('W') && !no_client) set_flood(ui, !flood_on_);
  drive_flood(ui);
  if (key_pressed('L')) {
    follow_live();
    ui.follow_newest();
  }
  // E: open (or close) the session of the op the code panel shows, when sessions are grouped.
  const bool grouped = m.session_count() > model::kGroupSessionsAbove;
  if (key_pressed('E') && grouped && ui.shown()) toggle_session(ui.shown()->session);
  // The toolbar wraps like the legend: at scale 2 in Korean it is wider than the panel.
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  toolbar_fit_.begin();
  const char* pause = ui.paused ? text::kResume : text::kPause;
  if (ImGui::Button(pause)) ui.paused = !ui.paused;
  toolbar_fit_.seen(pause);
  flow(button_width(text::kFitAll), right);
  if (ImGui::Button(text::kFitAll)) fit_all();
  toolbar_fit_.seen(text::kFitAll);
  flow(checkbox_width(text::kFollowLive), right);
  bool follow = follow_;
  if (ImGui::Checkbox(text::kFollowLive, &follow)) follow_ = follow;
  toolbar_fit_.seen(text::kFollowLive);
  flow(checkbox_width(text::kFlood), right);
  bool flood = flood_on_;
  ImGui::BeginDisabled(no_client);  // no engine or no client to send with
  if (ImGui::Checkbox(text::kFlood, &flood)) set_flood(ui, flood);
  ImGui::EndDisabled();
  toolbar_fit_.seen(text::kFlood);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(text::kFloodHelp, kFloodBytes);
  const std::string span = "| " + format_duration(span_);
  flow(text_width(span.c_str()) + help_width(), right);
  ImGui::TextDisabled("%s", span.c_str());
  toolbar_fit_.seen("span");
  help_marker(text::kTimelineHelp);
  toolbar_fit_.seen("span", " (?)");

  const float font = ImGui::GetFontSize();
  // Room for the legend as it wrapped on the last frame (one line before the first).
  const float legend_h = legend_h_ > 0 ? legend_h_ : font * 1.6f;
  ImVec2 avail = ImGui::GetContentRegionAvail();
  avail.y = std::max(avail.y - legend_h, font * kSqueezedPlotLines);
  above_plot_ = ImGui::GetCursorScreenPos().y - ImGui::GetWindowPos().y;

  // Every lane with ops is drawn at least 1.3 lines high: when they do not fit, the plot scrolls
  // (a scrollbar at its right, the axis stays on top) rather than cutting the last ones off.
  rows_ = m.rows(expanded_);
  const size_t lanes = std::max<size_t>(rows_.size(), 1);
  const float axis_h = font * 1.5f;
  const float lane_h =
      std::clamp((avail.y - axis_h) / static_cast<float>(lanes), font * 1.3f, font * 3.2f);
  const float content_h = axis_h + lane_h * static_cast<float>(lanes);
  lanes_scroll_ = content_h > avail.y + 0.5f;
  const bool panel_scrolls = ImGui::GetScrollMaxY() > 0;  // the panel itself is too short
  ImGui::BeginChild(
      "##lanes", avail, ImGuiChildFlags_None,
      ImGuiWindowFlags_NoScrollWithMouse | (lanes_scroll_ ? ImGuiWindowFlags_AlwaysVerticalScrollbar
                                                          : ImGuiWindowFlags_NoScrollbar));
  const float scroll_y = ImGui::GetScrollY();
  const ImVec2 content0 = ImGui::GetCursorScreenPos();
  const ImVec2 p0(content0.x, content0.y + scroll_y);  // the visible plot's top-left
  avail = ImVec2(ImGui::GetContentRegionAvail().x, avail.y);
  ImGui::InvisibleButton("##plot", ImVec2(avail.x, std::max(content_h, avail.y)),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + avail.x, p0.y + avail.y), colors::palette().plot_bg);

  // The labels' column: as wide as the widest lane title, at most 40% of the plot.
  ImFont* small = ui.fonts.small ? ui.fonts.small : ImGui::GetFont();
  const float small_px = font_px(small);
  const bool two_line_labels = lane_h >= font * 2.1f;  // many lanes: titles only
  std::vector<std::pair<std::string, std::string>> labels;
  float label_w = font * 6;
  for (const model::Row& row : rows_) {
    auto label = row_label(m, row, grouped);
    if (!two_line_labels && !row.session_row && row.session != 0)
      label.first +=
          "  #" + std::to_string(m.lanes()[row.lane].slot);  // the slot, when its line does not fit
    label_w = std::max(label_w, ImGui::CalcTextSize(label.first.c_str()).x + font * 0.9f);
    if (two_line_labels)
      label_w =
          std::max(label_w, small->CalcTextSizeA(small_px, FLT_MAX, 0.0f, label.second.c_str()).x +
                                font * 0.9f);
    labels.push_back(std::move(label));
  }
  label_w = std::min(label_w, avail.x * 0.4f);
  Frame f;
  f.axis_h = axis_h;
  f.origin = ImVec2(p0.x + label_w, p0.y + f.axis_h);
  f.width = std::max(avail.x - label_w - font * 0.5f, 10.0f);
  f.lane_h = lane_h;

  if (m.empty() || m.t_first() != t_first_seen_) {  // a new (or reset) lab: default zoom
    span_ = kStartSpan;
    follow_ = true;
    t_first_seen_ = m.t_first();
  }
  if (m.empty()) {
    drawn_.clear();
    dl->AddText(ImVec2(p0.x + font, p0.y + avail.y * 0.4f), colors::palette().plot_text,
                text::kTimelineEmpty);
    lanes_clipped_.clear();
    lanes_drawn_ = true;
    ImGui::EndChild();
    draw_legend(ImGui::GetWindowDrawList(), m.counts());
    return;
  }

  // Where to look: fit, follow the live edge, or stay where the teacher put it.
  if (fit_next_) {
    const double total = std::max(now, 1000.0);
    span_ = total * 1.08;
    begin_ = -total * 0.04;
    follow_ = false;
    fit_next_ = false;
  } else if (follow_ && !ui.paused) {
    // Keep each lane's newest op and every open one whole in view: the span grows with a
    // pending bar (F fits all, the wheel zooms back in).
    double oldest = now;
    auto include = [&](const model::Op& op) {
      if (op.t_posted != model::kNever) oldest = std::min(oldest, rel(op.t_posted, t0));
    };
    for (const model::Lane& lane : m.lanes()) {
      if (!lane.ops.empty()) include(m.ops()[lane.ops.back()]);
      for (uint32_t i : lane.open) include(m.ops()[i]);  // open ops: a handful, not all ops
    }
    span_ = std::clamp(std::max(span_, (now - oldest) * 1.15), kMinSpan, kMaxSpan);
    begin_ = std::max(now - span_ * 0.92, -span_ * 0.04);  // nothing before the lab began
  }
  f.begin = begin_;
  f.span = span_;
  handle_input(ui, f, now);
  f.begin = begin_;
  f.span = span_;

  dl->PushClipRect(p0, ImVec2(p0.x + avail.x, p0.y + avail.y), true);
  const float bottom = p0.y + avail.y;
  draw_axis(dl, f, bottom);

  // The lanes under the axis: those scrolled above it are hidden by it.
  dl->PushClipRect(ImVec2(p0.x, f.origin.y), ImVec2(p0.x + avail.x, bottom), true);
  const float visible_bottom = dl->GetClipRectMax().y;  // the panel may hide the plot's bottom
  float y = f.origin.y - scroll_y;
  lanes_clipped_.clear();
  drawn_.clear();
  pitfalls_drawn_.clear();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool plot_hovered = ImGui::IsItemHovered();
  row_names_.clear();
  row_names_.reserve(rows_.size());  // Ui::buttons points into it until the next frame
  for (size_t index = 0; index < rows_.size(); ++index) {
    const model::Row& row = rows_[index];
    const model::Lane& lane = m.lanes()[row.lane];
    drawn_.push_back(
        LaneMarks{lane.type, lane.session, lane.thread, lane.api, lane.slot, row.session_row});
    // Rows scrolled out of view cost nothing but their label's width (500 sessions).
    if (y + f.lane_h < f.origin.y || y > visible_bottom) {
      if (!lanes_scroll_ && !panel_scrolls && lanes_clipped_.empty() && y > visible_bottom)
        lanes_clipped_ = labels[index].first;
      y += f.lane_h;
      continue;
    }
    if (index % 2 == 0)
      dl->AddRectFilled(ImVec2(p0.x, y), ImVec2(p0.x + avail.x, y + f.lane_h),
                        colors::palette().plot_stripe);
    const auto& [title, detail] = labels[index];
    const float text_top = y + (f.lane_h - font - (two_line_labels ? small_px : 0.0f)) * 0.5f;
    const ImVec2 at(p0.x + font * 0.4f, text_top);
    dl->AddText(at, colors::palette().plot_text, title.c_str());
    // A lane scrolled out of view is reached with the scrollbar; one in view shows its title
    // whole in the labels' column.
    const bool in_view = y >= f.origin.y - 0.5f && y + f.lane_h <= visible_bottom + 0.5f;
    const ImVec2 title_size = ImGui::CalcTextSize(title.c_str());
    const ImVec2 cell_min(p0.x, y), cell_max(f.origin.x, y + f.lane_h);
    if (in_view) {
      item_check::note_text(title.c_str(), at, ImVec2(at.x + title_size.x, at.y + title_size.y),
                            cell_min, cell_max);
      if (at.x + title_size.x > cell_max.x + 1 && lanes_clipped_.empty()) lanes_clipped_ = title;
    } else if (!lanes_scroll_ && !panel_scrolls && lanes_clipped_.empty()) {
      lanes_clipped_ = title;  // out of view with no scrollbar: cut off
    }
    if (two_line_labels)
      dl->AddText(small, small_px, ImVec2(at.x, text_top + font), colors::palette().plot_text_dim,
                  detail.c_str());
    dl->PushClipRect(ImVec2(f.origin.x, std::max(y, f.origin.y)),
                     ImVec2(f.origin.x + f.width, y + f.lane_h), true);
    // A click on a session's label opens or closes it (--drive: `click-button session7`).
    if (row.session_row) {
      row_names_.push_back(drawn_.back().name());
      ui.buttons.push_back({row_names_.back().c_str(), p0.x + font, y + f.lane_h * 0.5f});
    }
    if (row.session_row && plot_hovered && mouse.x < f.origin.x && mouse.y >= y &&
        mouse.y < y + f.lane_h && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
      toggle_session(row.session);
    if (row.session_row)
      for (uint32_t k = row.lane; k < row.lane + row.lanes; ++k)
        draw_slot_lane(ui, dl, f, m.lanes()[k], y, now, drawn_.back());
    else if (lane.type == model::Lane::Type::slot)
      draw_slot_lane(ui, dl, f, lane, y, now, drawn_.back());
    else
      draw_thread_lane(dl, f, lane, y, now, t0, drawn_.back());
    if (!ui.watch.pitfalls.empty()) draw_pitfalls(ui, dl, f, lane, y, t0);
    dl->PopClipRect();
    y += f.lane_h;
  }
  dl->PopClipRect();
  lanes_drawn_ = true;

  // The live edge.
  const float x_now = f.x_of(now);
  if (x_now >= f.origin.x && x_now <= f.origin.x + f.width)
    dl->AddLine(ImVec2(x_now, f.origin.y), ImVec2(x_now, bottom), colors::palette().plot_now, 2.0f);
  dl->PopClipRect();
  if (ui.paused) draw_paused(dl, p0, avail);
  ImGui::EndChild();
  draw_legend(ImGui::GetWindowDrawList(), m.counts());
}

// PAUSED over the plot's top right corner, not in the toolbar: it must be seen from the back of
// the room, and there it takes no line of its own (at scale 2 the toolbar has none to spare).
void TimelineView::draw_paused(ImDrawList* dl, ImVec2 plot, ImVec2 size) const {
  const float pad = ImGui::GetFontSize() * 0.4f;
  const ImVec2 text = ImGui::CalcTextSize(text::kPaused);
  const ImVec2 a(plot.x + size.x - text.x - pad * 3, plot.y + pad);
  const ImVec2 b(a.x + text.x + pad * 2, a.y + text.y + pad);
  dl->AddRectFilled(a, b, colors::palette().plot_bg, pad * 0.5f);
  dl->AddText(ImVec2(a.x + pad, a.y + pad * 0.5f), ImGui::GetColorU32(colors::accent()),
              text::kPaused);
}

void TimelineView::set_flood(Ui& ui, bool on) {
  if (on == flood_on_) return;
  flood_on_ = on;
  flood_in_flight_.clear();
  // The server's loop: a WSARecv always posted, so every send has a reader. It stays on after
  // the flood (Stop reading in the controls turns it off).
  if (on) ui.submit(netcore::set_reading(netcore::kServerSession, true));
}

void TimelineView::drive_flood(Ui& ui) {
  ++flood_frame_;
  if (!flood_on_) return;
  const model::Model& m = *ui.model;
  // Forget the sends that finished, or that the model will never show (a reset, the cap).
  while (!flood_in_flight_.empty()) {
    const InFlight& f = flood_in_flight_.front();
    const model::Op* op = m.find_op(f.op);
    if (op ? op->finished() : flood_frame_ - f.frame > 120) {
      flood_in_flight_.pop_front();
    } else {
      break;
    }
  }
  for (int i = 0; i < kFloodPerFrame && flood_in_flight_.size() < kFloodMaxInFlight; ++i) {
    const uint32_t op =
        ui.submit(netcore::post_send_bytes(netcore::kClientSession, kFloodBytes, 1));
    if (op == 0) break;
    flood_in_flight_.push_back({op, flood_frame_});
    ++flood_sent_;
  }
}

void TimelineView::handle_input(Ui&, const Frame& f, double now) {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
    // Zoom around the cursor: the time under it stays under it.
    const float mx = std::clamp(io.MousePos.x, f.origin.x, f.origin.x + f.width);
    const double t_mouse = f.t_of(mx);
    span_ = std::clamp(span_ * std::pow(1.25, -io.MouseWheel), kMinSpan, kMaxSpan);
    begin_ = t_mouse - (mx - f.origin.x) / f.width * span_;
    follow_ = false;
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f)) {
    begin_ -= io.MouseDelta.x / f.width * span_;
    follow_ = false;
  }
  // Never lose everything off-screen: keep some of [0, now] in view.
  begin_ = std::clamp(begin_, -span_ * 0.9, std::max(now, 0.0) - span_ * 0.1);
}

void TimelineView::draw_axis(ImDrawList* dl, const Frame& f, float bottom) const {
  const float font = ImGui::GetFontSize();
  const double step = nice_step(f.span * (font * 7.5f) / f.width);
  const double end = f.begin + f.span;
  const float top = f.origin.y - f.axis_h;
  dl->AddLine(ImVec2(f.origin.x, f.origin.y), ImVec2(f.origin.x + f.width, f.origin.y),
              colors::palette().plot_axis);
  for (double t = std::ceil(f.begin / step) * step; t <= end; t += step) {
    const float x = f.x_of(t);
    dl->AddLine(ImVec2(x, f.origin.y - font * 0.3f), ImVec2(x, bottom),
                colors::palette().plot_gridline);
    const std::string label = tick_label(t, step, std::max(std::fabs(end), std::fabs(f.begin)));
    if (x + 4 + ImGui::CalcTextSize(label.c_str()).x > f.origin.x + f.width) continue;
    dl->AddText(ImVec2(x + 4, top + font * 0.15f), colors::palette().plot_text, label.c_str());
  }
}

void TimelineView::draw_slot_lane(Ui& ui, ImDrawList* dl, const Frame& f, const model::Lane& lane,
                                  float y, double now, LaneMarks& marks) {
  const model::Model& m = *ui.model;
  const uint64_t t0 = m.t_first();
  const float cy = y + f.lane_h * 0.5f;
  const float r = std::min(f.lane_h * 0.22f, ImGui::GetFontSize() * 0.42f);
  const float bar_half = r * 0.75f;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool lane_hovered = ImGui::IsItemHovered() && mouse.y >= y && mouse.y < y + f.lane_h;
  const model::Op* shown = ui.shown();
  const uint32_t shown_id = shown ? shown->id : 0;

  // Ops narrower than a few pixels merge into one box with a count (Tracy's rule), so a flood of
  // immediate completions at a 10 s zoom stays one readable mark.
  struct Span {
    float x0, x1;
    size_t first, count;
  };
  auto extent = [&](const model::Op& op) {
    const double b = rel(op.t_begin(), t0);
    const uint64_t e = op.t_end();
    const double end = e != kNever ? rel(e, t0) : now;
    return std::pair<float, float>(f.x_of(b) - r, std::max(f.x_of(end), f.x_of(b) + kMinBarPx) + r);
  };

  // `limit`: where the next mark starts; a byte count that would run into it is left out.
  auto label = [&](float x, const char* text, float limit) {
    if (x + ImGui::CalcTextSize(text).x + ImGui::GetFontSize() * 0.3f <= limit)
      dl->AddText(ImVec2(x, cy - ImGui::GetFontSize() * 0.5f), colors::palette().plot_text, text);
  };
  auto draw_op = [&](const model::Op& op, float limit) {
    const double tp = rel(op.t_begin(), t0);
    const float xp = f.x_of(tp);
    dl->AddLine(ImVec2(xp, cy - r * 1.3f), ImVec2(xp, cy + r * 1.3f), colors::palette().plot_axis,
                2.0f);
    char bytes[32];
    std::snprintf(bytes, sizeof bytes, "%u B", op.bytes_done);
    // Each mark drawn is counted where it is drawn (`view timeline-lane=`).
    auto marker = [&](auto&& draw, ImVec2 c, float size, ImU32 color) {
      draw(dl, c, size, color);
      ++marks.markers;
    };
    if (op.path == model::Path::immediate) {
      const float x = std::max(f.x_of(rel(op.t_returned, t0)), xp);
      marker(draw_diamond, ImVec2(x, cy), r, colors::kImmediate);
      label(x + r + 3, bytes, limit);
    } else if (op.went_pending()) {
      const double tb = rel(op.t_returned, t0);
      double te = now;
      if (op.t_signaled != kNever)
        te = rel(op.t_signaled, t0);
      else if (op.t_failed != kNever)
        te = rel(op.t_failed, t0);
      const float xb = f.x_of(tb);
      const float xe = std::max(f.x_of(te), xb + kMinBarPx);
      draw_pending_bar(dl, ImVec2(xb, cy - bar_half), ImVec2(xe, cy + bar_half), colors::kPending);
      ++marks.bars;
      if (op.t_signaled != kNever)
        marker(draw_triangle_down, ImVec2(xe, cy - r * 0.2f), r, colors::kSignaled);
      if (op.t_fetched != kNever) {
        const float xf = std::max(f.x_of(rel(op.t_fetched, t0)), xe + r * 1.2f);
        marker(draw_circle, ImVec2(xf, cy), r * 0.85f, colors::kFetched);
        label(xf + r + 3, bytes, limit);
      }
    }
    if (op.path == model::Path::failed) {
      const float x = std::max(f.x_of(rel(op.t_failed, t0)), xp + r);
      marker(draw_cross, ImVec2(x, cy), r, colors::kFailed);
    }
  };

  // Only the visible ops, found by binary search on time (docs/performance.md, "GUI"): the
  // lane's range, plus the few that began earlier and are still open or long.
  const float point_px = 2 * r + kMinBarPx + 4;
  const double pad = (r + kMinBarPx + 2.0) / f.width * f.span;
  const double vb = std::max(0.0, f.begin - pad + static_cast<double>(t0));
  const double ve = std::max(0.0, f.begin + f.span + pad + static_cast<double>(t0));
  const model::Range range = m.visible(lane, static_cast<uint64_t>(vb), static_cast<uint64_t>(ve));
  const auto& ops = lane.ops;
  const uint32_t first_index = range.first < ops.size() ? ops[range.first] : UINT32_MAX;
  std::vector<Span> spans;
  auto add_single = [&](uint32_t i) {
    const auto [x0, x1] = extent(m.ops()[i]);
    if (x1 < f.origin.x - 2 || x0 > f.origin.x + f.width + 2) return;
    spans.push_back(Span{x0, x1, i, 1});
  };
  for (const auto* extra : {&lane.long_ops, &lane.open})
    for (uint32_t i : *extra)
      if (i < first_index) add_single(i);
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.x0 < b.x0; });
  // Consecutive point-like ops within ~3 px merge into one box with a count. The next op past
  // the box is found by binary search, so a zoomed-out lane of a million ops costs a few
  // hundred steps, not a million.
  auto begin_rel = [&](uint32_t i) { return rel(m.ops()[i].t_begin(), t0); };
  size_t k = range.first;
  while (k < range.last) {
    const uint32_t i = ops[k];
    const auto [x0, x1] = extent(m.ops()[i]);
    if (x1 < f.origin.x - 2) {
      ++k;
      continue;
    }
    if (x1 - x0 > point_px) {
      spans.push_back(Span{x0, x1, i, 1});
      ++k;
      continue;
    }
    Span s{x0, x1, i, 1};
    size_t next = k + 1;
    for (;;) {
      // Ops whose mark starts within 2 px of the box's end join it.
      const double t_join = f.t_of(s.x1 + 2.0f + r);
      const auto it =
          std::upper_bound(ops.begin() + static_cast<std::ptrdiff_t>(next),
                           ops.begin() + static_cast<std::ptrdiff_t>(range.last), t_join,
                           [&](double v, uint32_t j) { return v < begin_rel(j); });
      auto end = static_cast<size_t>(it - ops.begin());
      if (end == next) break;
      // A wide op at the box's end (a long pending bar, the open op) stays itself, after it.
      const auto [lx0, lx1] = extent(m.ops()[ops[end - 1]]);
      const bool wide_last = lx1 - lx0 > point_px;
      if (wide_last) --end;
      if (end == next) break;
      s.count += end - next;
      s.x1 = std::max(s.x1, extent(m.ops()[ops[end - 1]]).second);
      next = end;
      if (wide_last) break;
    }
    spans.push_back(s);
    k = next;
  }

  for (size_t k = 0; k < spans.size(); ++k) {
    const Span& s = spans[k];
    const float limit = k + 1 < spans.size() ? spans[k + 1].x0 : f.origin.x + f.width;
    const bool hovered = lane_hovered && mouse.x >= s.x0 - 3 && mouse.x <= s.x1 + 3;
    if (s.count == 1) {
      const model::Op& op = m.ops()[s.first];
      draw_op(op, limit);
      if (op.id == shown_id)
        dl->AddRect(ImVec2(s.x0 - 3, y + 3), ImVec2(s.x1 + 3, y + f.lane_h - 3), colors::kSelection,
                    4.0f, 2.5f);
      if (hovered) {
        op_tooltip(op, t0, now);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) ui.select(op.id, true);
      }
    } else {
      dl->AddRectFilled(ImVec2(s.x0, cy - r), ImVec2(s.x1, cy + r), IM_COL32(150, 150, 150, 255),
                        3.0f);
      ++marks.merged;
      char count[32];
      std::snprintf(count, sizeof count, text::kClusterFormat, static_cast<int>(s.count));
      label(s.x0, count, limit);
      if (hovered) ImGui::SetTooltip("%s%s", count, text::kClusterHint);
    }
  }
}

void TimelineView::draw_thread_lane(ImDrawList* dl, const Frame& f, const model::Lane& lane,
                                    float y, double now, uint64_t t0, LaneMarks& marks) {
  const float cy = y + f.lane_h * 0.5f;
  const float font = ImGui::GetFontSize();
  float h = std::min(f.lane_h * 0.3f, font * 0.6f);
  // A bar holds its label's height where the lane does (black text on the dark lane is lost).
  if (font * 0.5f + 1 <= f.lane_h * 0.5f - 1) h = std::max(h, font * 0.5f + 1);
  // Running: a thin line; asleep in a call: a thick bar with the call's name.
  dl->AddLine(ImVec2(std::max(f.x_of(0), f.origin.x), cy), ImVec2(f.x_of(now), cy),
              colors::kRunning, 3.0f);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool lane_hovered = ImGui::IsItemHovered() && mouse.y >= y && mouse.y < y + f.lane_h;
  // Waits are in time order and do not overlap: binary search for the first that ends in view,
  // and skip over waits narrower than a few pixels with another search.
  const auto& waits = lane.waits;
  const double view_end = f.begin + f.span;
  auto it =
      std::lower_bound(waits.begin(), waits.end(), f.begin, [&](const model::Wait& w, double v) {
        return w.t_end != kNever && rel(w.t_end, t0) + f.span * kMinBarPx / f.width < v;
      });
  // The label inside the bar's visible part only (a bar cut by the plot's left edge included):
  // `full`, or `name`, or `name` cut short; none when even that does not fit, or the bar is
  // shorter than the text. The tooltip has the words then, so no label runs over the next bar
  // or lane.
  auto bar_label = [&](float x0, float x1, const std::string& full, const std::string& name) {
    const float vis0 = std::max(x0, f.origin.x), vis1 = std::min(x1, f.origin.x + f.width);
    if (font > 2 * h) return;
    const std::string text = fit_label({full, name}, vis1 - vis0 - 8);
    if (text.empty()) return;
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 at(vis0 + 4, cy - size.y * 0.5f);
    dl->AddText(at, IM_COL32(0, 0, 0, 255), text.c_str());
    // Checked where the bar is wholly in view (a lane half scrolled out is reached by the
    // scrollbar): inside its bar, clear of every other label.
    if (dl->GetClipRectMin().y <= cy - h && dl->GetClipRectMax().y >= cy + h)
      item_check::note_text("wait label", at, ImVec2(at.x + size.x, at.y + size.y),
                            ImVec2(vis0, cy - h), ImVec2(vis1, cy + h));
  };
  while (it != waits.end()) {
    const model::Wait& w = *it;
    const double b = rel(w.t_begin, t0);
    if (b > view_end) break;
    const double e = w.t_end == kNever ? now : rel(w.t_end, t0);
    const float x0 = f.x_of(b);
    float x1 = std::max(f.x_of(e), x0 + kMinBarPx);
    ++it;
    if (f.x_of(e) - x0 < 3.0f) {  // narrow: one bar for every wait that starts within it
      const double t_skip = f.t_of(x1);
      auto next = std::lower_bound(it, waits.end(), t_skip, [&](const model::Wait& n, double v) {
        return rel(n.t_begin, t0) < v;
      });
      if (next != it) {
        const model::Wait& l = *(next - 1);
        x1 = std::max(x1, f.x_of(l.t_end == kNever ? now : rel(l.t_end, t0)));
        draw_wait_bar(dl, ImVec2(x0, cy - h), ImVec2(x1, cy + h), colors::kWaiting);
        ++marks.bars;
        // The merged waits' count: a short wait just before a long one is still labelled.
        const std::string api = netcore::api_name(l.api);
        const std::string merged = api + "  \u00d7" + std::to_string(next - it + 1);
        bar_label(x0, x1, merged, api);
        if (lane_hovered && mouse.x >= x0 - 3 && mouse.x <= x1 + 3)
          ImGui::SetTooltip(text::kWaitingIn, merged.c_str());
        it = next;
        continue;
      }
    }
    if (x1 < f.origin.x || x0 > f.origin.x + f.width) continue;
    draw_wait_bar(dl, ImVec2(x0, cy - h), ImVec2(x1, cy + h), colors::kWaiting);
    ++marks.bars;
    const char* api = netcore::api_name(w.api);
    bar_label(x0, x1, std::string(api) + "  " + format_duration(e - b), api);
    if (lane_hovered && mouse.x >= x0 - 3 && mouse.x <= x1 + 3) {
      char woke[96] = "";  // the event index that ended the wait: where the 64-handle wall is
      if (w.woke_index >= 0)
        std::snprintf(woke, sizeof woke, text::kWokeByIndex, static_cast<int>(w.woke_index),
                      static_cast<int>(w.events));
      char what[128];
      std::snprintf(
          what, sizeof what, text::kWaitingIn,
          (std::string(api) + "  " + format_duration(e - b) + (w.t_end == kNever ? " ..." : ""))
              .c_str());
      ImGui::SetTooltip("%s%s%s", what, *woke ? "\n" : "", woke);
    }
  }
}

// A watched program's pitfall: a red line across its op's lane (op 0: its thread's) where it
// showed, with the pitfall's name; the explanation is the log's and the tooltip's.
void TimelineView::draw_pitfalls(const Ui& ui, ImDrawList* dl, const Frame& f,
                                 const model::Lane& lane, float y, uint64_t t0) {
  const float font = ImGui::GetFontSize();
  const ImU32 red = colors::kFailed;
  for (const PitfallMark& p : ui.watch.pitfalls) {
    const bool here = p.op != 0 ? lane.type == model::Lane::Type::slot &&
                                      lane.session == p.session && lane.slot == p.slot
                                : lane.type == model::Lane::Type::thread && lane.thread == p.thread;
    if (!here) continue;
    const float x = f.x_of(rel(p.t_ns, t0));
    if (x < f.origin.x - font * 8 || x > f.origin.x + f.width) continue;
    pitfalls_drawn_.push_back(p.pitfall);
    dl->AddLine(ImVec2(x, y + 1), ImVec2(x, y + f.lane_h - 1), red, 3.0f);
    // On the plot's background, boxed: the op's own bar (orange when pending) is under it.
    const std::string label = std::string("! ") + netcore::pitfall_name(p.pitfall);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const ImVec2 at(x + 5, y + (f.lane_h - size.y) * 0.5f);
    dl->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 2, at.y + size.y),
                      colors::palette().plot_bg);
    dl->AddRect(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 2, at.y + size.y), red);
    dl->AddText(at, ImGui::GetColorU32(colors::failed_text()), label.c_str());
    const ImVec2 mouse = ImGui::GetMousePos();
    if (std::fabs(mouse.x - x) < font * 0.5f && mouse.y >= y && mouse.y < y + f.lane_h)
      ImGui::SetTooltip("%s\n%s", netcore::pitfall_name(p.pitfall),
                        language() == Lang::ko ? netcore::pitfall_text_ko(p.pitfall)
                                               : netcore::pitfall_text_en(p.pitfall));
  }
}

bool TimelineView::drew_pitfall(const std::string& name) const {
  for (netcore::Pitfall p : pitfalls_drawn_)
    if (name == netcore::pitfall_name(p)) return true;
  std::string drawn;
  for (netcore::Pitfall p : pitfalls_drawn_) drawn += std::string(" ") + netcore::pitfall_name(p);
  std::fprintf(stderr, "timeline: no pitfall '%s' drawn (drawn:%s)\n", name.c_str(), drawn.c_str());
  return false;
}

// English and without spaces in any UI language: the name `view timeline-lane=` uses.
std::string TimelineView::LaneMarks::name() const {
  if (type == model::Lane::Type::thread) return "thread-" + std::to_string(thread);
  if (session_row) return "session" + std::to_string(session);  // "session7": all its lanes
  const std::string who = session == netcore::kServerSession ? "server"
                          : session == netcore::kClientSession
                              ? "client"
                              : "session" + std::to_string(session);
  return who + "-" + netcore::api_name(api) + "-" + std::to_string(slot);
}

void TimelineView::toggle_session(uint32_t session) {
  if (!expanded_.erase(session)) expanded_.insert(session);
}

bool TimelineView::rows_state(const std::string& spec) const {
  if (spec.rfind("rows=", 0) == 0) {
    if (drawn_.size() == static_cast<size_t>(std::atoi(spec.c_str() + 5))) return true;
    std::fprintf(stderr, "timeline: %zu rows drawn, not %s\n", drawn_.size(), spec.c_str() + 5);
    return false;
  }
  if (spec.rfind("top=", 0) == 0) {  // the first session's row (under the thread lanes)
    auto top = std::find_if(drawn_.begin(), drawn_.end(),
                            [](const LaneMarks& m) { return m.type != model::Lane::Type::thread; });
    if (top != drawn_.end() && top->name() == spec.substr(4)) return true;
    std::fprintf(stderr, "timeline: the top session row is '%s', not '%s'\n",
                 top == drawn_.end() ? "" : top->name().c_str(), spec.c_str() + 4);
    return false;
  }
  return false;
}

bool TimelineView::drawn_matches(const std::string& spec) const {
  const size_t colon = spec.find(':');
  const std::string lane = spec.substr(0, colon);
  const LaneMarks* found = nullptr;
  for (const LaneMarks& m : drawn_)
    if (m.name() == lane) found = &m;
  std::string lanes;
  for (const LaneMarks& m : drawn_)
    lanes += " " + m.name() + ":bars=" + std::to_string(m.bars) +
             ",markers=" + std::to_string(m.markers) + ",merged=" + std::to_string(m.merged);
  if (!found || colon == std::string::npos) {
    std::fprintf(stderr, "timeline: no lane '%s' drawn (drawn:%s)\n", lane.c_str(), lanes.c_str());
    return false;
  }
  // Each "name=N" or "name>=N", separated by commas.
  size_t at = colon + 1;
  while (at < spec.size()) {
    size_t end = spec.find(',', at);
    if (end == std::string::npos) end = spec.size();
    const std::string term = spec.substr(at, end - at);
    at = end + 1;
    const size_t eq = term.find('=');
    if (eq == std::string::npos || eq == 0) return false;
    const bool at_least = term[eq - 1] == '>';
    const std::string name = term.substr(0, at_least ? eq - 1 : eq);
    const int want = std::atoi(term.c_str() + eq + 1);
    int got = -1;
    if (name == "bars") got = found->bars;
    if (name == "markers") got = found->markers;
    if (name == "merged") got = found->merged;
    if (got < 0 || (at_least ? got < want : got != want)) {
      std::fprintf(stderr, "timeline: '%s' does not hold (drawn:%s)\n", term.c_str(),
                   lanes.c_str());
      return false;
    }
  }
  return true;
}

float TimelineView::min_height() const {
  if (above_plot_ <= 0) return 0;
  return above_plot_ + ImGui::GetFontSize() * kMinPlotLines + legend_h_ +
         ImGui::GetStyle().WindowPadding.y;
}

// Steps 3 and 4's labels in the words of the transitions seen: the event model's (signaled,
// result fetched), a completion routine's or a port's (queued, callback, dequeued), or all.
// (A port's receive has no completion_queued of its own: its triangle is drawn at the dequeue.)
static const char* step3_label(const model::Counts& seen) {
  const bool by_event = seen.signaled > seen.queued;
  const bool queued = seen.queued + seen.callbacks + seen.dequeued > 0;
  if (!queued) return text::kLegendSignaled;
  return by_event ? text::kLegendSignaledOrQueued : text::kLegendQueued;
}

static const char* step4_label(const model::Counts& seen) {
  const uint64_t fetched = seen.fetched - seen.callbacks - seen.dequeued;
  const int kinds = (fetched > 0) + (seen.callbacks > 0) + (seen.dequeued > 0);
  if (kinds > 1) return text::kLegendResultAny;
  if (seen.callbacks) return text::kLegendCallback;
  if (seen.dequeued) return text::kLegendDequeued;
  return text::kLegendFetched;
}

std::string TimelineView::legend_words() const {
  if (step3_ == text::kLegendSignaled && step4_ == text::kLegendFetched) return "event";
  if (step3_ == text::kLegendQueued && step4_ == text::kLegendCallback) return "completion-routine";
  if (step3_ == text::kLegendQueued && step4_ == text::kLegendDequeued) return "iocp";
  return "mixed";
}

// The marks and their labels, under the plot (LegendFlow: they wrap at a large scale).
void TimelineView::draw_legend(ImDrawList* dl, const model::Counts& seen) {
  const float r = ImGui::GetFontSize() * 0.36f;
  LegendFlow legend(legend_fit_);
  const auto item = [&](const char* label, auto&& shape) { legend.item(label, shape); };
  item(text::kLegendImmediate, [&](ImVec2 c) { draw_diamond(dl, c, r, colors::kImmediate); });
  item(text::kLegendPending, [&](ImVec2 c) {
    draw_pending_bar(dl, ImVec2(c.x - r * 1.25f, c.y - r * 0.7f),
                     ImVec2(c.x + r * 1.25f, c.y + r * 0.7f), colors::kPending);
  });
  step3_ = step3_label(seen);
  step4_ = step4_label(seen);
  item(step3_, [&](ImVec2 c) { draw_triangle_down(dl, c, r, colors::kSignaled); });
  item(step4_, [&](ImVec2 c) { draw_circle(dl, c, r * 0.85f, colors::kFetched); });
  item(text::kLegendFailed, [&](ImVec2 c) { draw_cross(dl, c, r, colors::kFailed); });
  item(text::kLegendWaiting, [&](ImVec2 c) {
    draw_wait_bar(dl, ImVec2(c.x - r * 1.25f, c.y - r * 0.6f),
                  ImVec2(c.x + r * 1.25f, c.y + r * 0.6f), colors::kWaiting);
  });
  // Its height for the next frame's plot, with the gap between the plot and the legend.
  legend_h_ = legend.end() + ImGui::GetStyle().ItemSpacing.y;
}

}  // namespace iolab::views
