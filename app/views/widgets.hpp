// Small helpers shared by the panels (imgui_demo.cpp's HelpMarker and friends).
#pragma once
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "views/ui.hpp"

namespace iolab::views {

// ImGui::Button that also notes where it was drawn (Ui::buttons), so --drive can click it by its
// label; note_button does that for the last item (a menu item, a list line).
bool noted_button(Ui& ui, const char* label);
void note_button(Ui& ui, const char* label);

// A "(?)" after the previous widget; hovering shows `text`.
void help_marker(const char* text);

// A heading in the big font.
void section_heading(const Ui& ui, const char* text);

// The wrapping rule of the strips that must show everything at any UI scale, in either language
// (the controls, the timeline's legend, the status bar): before a group of widgets `width` px
// wide, stay on the line of the last widget if the group still ends before `right` (screen x),
// else start a new line (ImGui's default). `new_line`: start one anyway. `spacing`: the gap
// after the last widget (< 0: the style's ItemSpacing.x). Returns whether it stayed on the line.
bool flow(float width, float right, bool new_line = false, float spacing = -1.0f);

// Widths of widgets before they are drawn, for flow(): a label's text (up to "##"), a button,
// a checkbox with its label, an input box of width `box` with its label, a help_marker's "(?)"
// after the previous widget.
float text_width(const char* text);
float button_width(const char* label);
float checkbox_width(const char* label);
float labeled_width(float box, const char* label);
float help_width();

// The first of `candidates` (longest first) whose text in the current font is at most `room` px
// wide; else the last one cut short with "..." (two letters at least); else "" (a bar's label
// then leaves the words to its tooltip, as Tracy's zones do).
std::string fit_label(std::initializer_list<std::string> candidates, float room);

// Checks, widget by widget, that a strip showed everything: `seen` after each widget notes the
// lowest bottom edge so far (for the strip's height) and the first widget not wholly inside the
// clip rectangle (its window's, its table column's), i.e. not wholly visible and clickable.
class FitCheck {
 public:
  void begin() {  // before the strip's first widget, each frame
    bottom_ = 0;
    clipped_.clear();
    said_.clear();
    drawn_ = true;
  }
  void seen(const char* name, const char* suffix = "");
  // The text of a field just drawn, for --drive's `view status-says=...` / `controls-says=...`.
  void said(const std::string& text) { said_ += text + "\n"; }
  // A field drawn on the last frame holds `wanted` ('_' stands for a space); when none does,
  // prints what was drawn on stderr, under `where`.
  bool says(std::string wanted, const char* where) const;
  float bottom() const { return bottom_; }  // screen y, this frame
  // The strip was drawn and nothing of it was clipped (on the last frame it was drawn).
  bool all_visible() const { return drawn_ && clipped_.empty(); }
  const std::string& clipped() const { return clipped_; }  // the first one, or empty

 private:
  float bottom_ = 0;
  bool drawn_ = false;
  std::string clipped_;
  std::string said_;
};

// A legend under a plot (the timeline's, the matrix's): each mark, drawn by `shape` at the centre
// of a box one mark wide, with its label after it. A pair stays on the line if it fits, else the
// legend goes on with a new line (flow), so nothing is cut off at a large scale or in Korean.
// `fit` notes what is clipped; end() gives the height used, for the next frame's layout.
class LegendFlow {
 public:
  explicit LegendFlow(FitCheck& fit);
  template <class Shape>
  void item(const char* label, Shape&& shape) {
    if (!flow(mark_w_ + gap_ + ImGui::CalcTextSize(label).x, right_, first_, font_ * 1.2f))
      ImGui::SetCursorScreenPos(ImVec2(left_, ImGui::GetCursorScreenPos().y));  // align lines
    first_ = false;
    ImGui::Dummy(ImVec2(mark_w_, font_));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    shape(ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f));
    fit_.seen(label, " (mark)");
    ImGui::SameLine(0.0f, gap_);
    ImGui::TextUnformatted(label);  // on the window: the theme's text colour
    fit_.seen(label);
  }
  float end();  // the height from the first line's top to the last line's bottom

 private:
  FitCheck& fit_;
  float font_, mark_w_, gap_, top_, left_, right_;
  bool first_ = true;
};

// "850 ns", "12.3 µs", "4.56 ms", "1.234 s", "2 min 03 s".
std::string format_duration(double ns);

// "server" / "client" / "session 7"; a watched program's: "server.exe[1234] socket 344".
std::string session_name(uint32_t session);
// A watched program's thread, "server.exe[1234] thread 5678"; "" for the lab's own threads.
std::string watched_thread_name(uint32_t thread);

// Who a session or thread is when it is a watched program's (iolab --watch): its NAME[PID] and
// its own number. Set by the shell while watching (the views only draw the names).
using WatchedName = std::function<bool(uint32_t id, std::string& who, uint32_t& own)>;
void set_watched_names(WatchedName session, WatchedName thread);

// Many clients (shell/many.cpp): the server's sessions 1..N reach the model as
// kFirstManySession.. (1 and 2 are the lecture's server and client everywhere in the views), and
// are named "session 1".. again. Set by the shell while many clients run.
inline constexpr uint32_t kFirstManySession = 3;
void set_many_sessions(bool on);

// "server WSARecv #3".
std::string op_name(const model::Op& op);

// Colour-blind-safe palette (Okabe & Ito), one colour per meaning, used with distinct shapes.
namespace colors {
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) {
  return IM_COL32(r, g, b, 255);
}
inline constexpr ImU32 kImmediate = rgb(0x00, 0x9E, 0x73);  // bluish green
inline constexpr ImU32 kPending = rgb(0xE6, 0x9F, 0x00);    // orange
inline constexpr ImU32 kSignaled = rgb(0x56, 0xB4, 0xE9);   // sky blue
inline constexpr ImU32 kFetched = rgb(0x00, 0x72, 0xB2);    // blue
inline constexpr ImU32 kFailed = rgb(0xD5, 0x5E, 0x00);     // vermillion
inline constexpr ImU32 kWaiting = rgb(0xCC, 0x79, 0xA7);    // reddish purple
inline constexpr ImU32 kLabCode = rgb(0xCC, 0x79, 0xA7);    // the lab's own error codes
inline constexpr ImU32 kRunning = rgb(0x90, 0x90, 0x90);
inline constexpr ImU32 kHighlight = IM_COL32(0xF0, 0xE4, 0x42, 70);  // yellow, translucent
inline constexpr ImU32 kSelection = rgb(0xF0, 0xE4, 0x42);           // yellow
// Theme-aware: the light (projector) theme needs darker accents than the dark one.
bool light_theme();  // the style's window background is light
ImVec4 accent();     // "you are here": yellow on dark, deep orange on light
ImVec4 comment();    // code comments: soft green on dark, dark green on light
// A meaning's colour for text: the marks' colours are too pale on the light theme (and the
// vermillion too dark on the dark one) to be read at 4.5:1.
ImVec4 failed_text();
ImVec4 pending_text();
ImVec4 immediate_text();

// What the views draw themselves (the timeline's and the matrix's plots, the matrix's headings),
// in the theme's colours: the plots follow the theme.
struct Palette {
  ImU32 plot_bg, plot_stripe, plot_axis, plot_gridline, plot_now;
  ImU32 plot_text, plot_text_dim;  // lane titles, tick labels, byte counts / lane details
  ImU32 heading, heading_dim;      // on the window: the matrix's headers and their Korean
};
const Palette& palette();

// Every text colour the UI draws and the colour it is drawn on, in the current style, for the
// contrast check (WCAG AA: 4.5:1). A translucent background is blended over the window's.
struct TextOnBackground {
  const char* what;
  ImVec4 text, background;
};
std::vector<TextOnBackground> text_colour_pairs();
float contrast_ratio(ImVec4 a, ImVec4 b);  // (L1 + 0.05) / (L2 + 0.05), sRGB relative luminance
}  // namespace colors

// Shapes of the legend and the timeline, so both draw the same marks.
void draw_diamond(ImDrawList* dl, ImVec2 center, float r, ImU32 color);
void draw_triangle_down(ImDrawList* dl, ImVec2 center, float r, ImU32 color);
void draw_circle(ImDrawList* dl, ImVec2 center, float r, ImU32 color);
void draw_cross(ImDrawList* dl, ImVec2 center, float r, ImU32 color);
void draw_pending_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color);  // striped bar
void draw_wait_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color);

}  // namespace iolab::views
