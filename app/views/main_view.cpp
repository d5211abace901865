#include "views/main_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "views/strings.hpp"

namespace iolab::views {
namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

// Places the next panel; every frame, so a resized window re-flows.
// When the panels tile the window (see draw()) the frame is cleared with the theme's window
// background (app/main.cpp) and a panel does not fill its background again: alpha 0 draws no
// triangles and keeps the border (ImGuiWindowFlags_NoBackground would drop the border too).
// For a software rasterizer (llvmpipe under Xvfb) that second fill of 1920x1080 was a third of
// a frame's work.
bool begin_panel(const char* title, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra,
                 bool clear_is_background) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (clear_is_background) ImGui::SetNextWindowBgAlpha(0.0f);
  return ImGui::Begin(title, nullptr, kPanelFlags | extra);
}

// ImGui grows a window below its minimum size over its neighbours; then every panel keeps its
// own background, which hides what it covers (a large UI scale in a small window).
bool fits(float height, bool title_bar) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float title = title_bar ? ImGui::GetFontSize() + style.FramePadding.y * 2 : 0.0f;
  return height >= std::max(style.WindowMinSize.y, title);
}

}  // namespace

bool MainView::layout_state(const std::string& name) const {
  if (name == "matrix") return matrix_shown_;
  if (name == "lab") return !matrix_shown_;
  if (name == "controls-fit") {
    if (!controls_.clipped().empty())
      std::fprintf(stderr, "controls: '%s' is clipped\n", controls_.clipped().c_str());
    return !matrix_shown_ && controls_.all_visible();
  }
  if (name == "controls-disabled") return !matrix_shown_ && controls_.disabled();
  if (name == "controls-enabled") return !matrix_shown_ && !controls_.disabled();
  if (name.rfind("controls-presses=", 0) == 0)
    return controls_.presses() == std::atoi(name.c_str() + std::strlen("controls-presses="));
  if (name == "legend-fit") {  // the legend of the view shown: the timeline's or the matrix's
    const std::string& clipped =
        matrix_shown_ ? matrix_.legend_clipped() : timeline_.legend_clipped();
    if (!clipped.empty()) std::fprintf(stderr, "legend: '%s' is clipped\n", clipped.c_str());
    return matrix_shown_ ? matrix_.legend_fits() : timeline_.legend_fits();
  }
  if (name == "toolbar-fit") {
    if (!timeline_.toolbar_clipped().empty())
      std::fprintf(stderr, "toolbar: '%s' is clipped\n", timeline_.toolbar_clipped().c_str());
    return !matrix_shown_ && timeline_.toolbar_fits();
  }
  if (name.rfind("timeline-lane=", 0) == 0)
    return !matrix_shown_ && timeline_.drawn_matches(name.substr(std::strlen("timeline-lane=")));
  if (name == "status-fit") {
    if (!status_.clipped().empty())
      std::fprintf(stderr, "status bar: '%s' is clipped\n", status_.clipped().c_str());
    return status_.all_visible();
  }
  return matrix_.state(name);
}

// The button that switches between the lab and the matrix, at the window's top right in both.
void MainView::draw_layout_toggle(Ui& ui, float right, float top) {
  ImGui::SetNextWindowPos(ImVec2(right, top), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  ImGui::Begin("##layout_toggle", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  const char* label = matrix_shown_ ? text::matrix::kShowLab : text::matrix::kShowMatrix;
  if (ImGui::Button(label)) matrix_shown_ = !matrix_shown_;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.buttons.push_back({label, (a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f});
  ImGui::End();
}

// The status bar: one line of text, so only the frame's padding above and below it.
void MainView::draw_status(Ui& ui, ImVec2 pos, ImVec2 size) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                      ImVec2(ImGui::GetStyle().WindowPadding.x, ImGui::GetStyle().FramePadding.y));
  // It keeps its own background in any case (it is small).
  if (begin_panel("##status", pos, size, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar,
                  false))
    status_.draw(ui);
  ImGui::End();
  ImGui::PopStyleVar();
}

void MainView::draw(Ui& ui) {
  ui.buttons.clear();
  if (ui.classroom) {  // the menu bar first: it takes its height from the viewport's work area
    classroom_.handle_keys(*ui.classroom);
    classroom_.draw_menu(ui, *ui.classroom);
  }
  if (key_pressed('M')) matrix_shown_ = !matrix_shown_;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  // Under this frame's menu bar: WorkPos only takes it into account from the next frame, and
  // a layout that moves after the first frame makes --drive clicks miss.
  const float menu_h = ui.classroom ? ui.classroom->menu_height : 0.0f;
  const ImVec2 o = ui.classroom ? ImVec2(vp->Pos.x, vp->Pos.y + menu_h) : vp->WorkPos;
  const float w = ui.classroom ? vp->Size.x : vp->WorkSize.x;
  const float h = ui.classroom ? vp->Size.y - menu_h : vp->WorkSize.y;
  const float em = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();

  // The status bar: one line, or two when its fields wrap (measured on the last frame).
  const float status_h = std::max(em + style.FramePadding.y * 2, status_.height());
  if (matrix_shown_) {
    if (begin_panel(text::matrix::kPanel, o, ImVec2(w, h - status_h),
                    ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse,
                    fits(h - status_h, false)))
      matrix_.draw(ui);
    ImGui::End();
    draw_status(ui, ImVec2(o.x, o.y + h - status_h), ImVec2(w, status_h));
    draw_layout_toggle(ui, o.x + w, o.y);
    return;
  }
  // The controls strip: a heading and two rows of widgets, or taller when they wrap onto more
  // lines (a large scale, a narrow window: measured on the last frame). At most half the
  // window: past that it scrolls with the wheel (no scrollbar, whose width would re-flow them).
  const float two_rows = em * 1.1f + ImGui::GetFrameHeightWithSpacing() * 2 +
                         style.WindowPadding.y * 2 + style.CellPadding.y * 2 + em * 0.3f;
  float controls_h = std::min(std::max(two_rows, controls_.height()), h * 0.5f);
  // The lesson strip (caption, Play/Pause/Step) sits under the controls while a lesson runs.
  const float strip_h = ui.classroom ? classroom_.strip_height(ui, *ui.classroom) : 0.0f;
  // In a replay the controls do nothing (drawn disabled, under a note that says so): when the
  // window is short they give way to the timeline first (their last lines scroll).
  if (ui.replay)
    controls_h =
        std::max(std::min(controls_h, h - status_h - strip_h - timeline_.min_height()), two_rows);
  const float rest = h - status_h - controls_h - strip_h;
  // The timeline: at least its toolbar, a plot of a few lines and the whole legend, however it
  // wrapped; never over the status bar. Log, code and inspector get what is left, when it holds
  // a panel (a large scale in a small window: they give way, the timeline takes it all).
  float timeline_h = std::min(std::max({rest * 0.46f, em * 8, timeline_.min_height()}), rest);
  float bottom_h = rest - timeline_h;
  const bool bottom_shown = bottom_h >= std::max(style.WindowMinSize.y, ImGui::GetFrameHeight());
  if (!bottom_shown) {
    timeline_h = rest;
    bottom_h = 0;
  }
  const float bottom_y = o.y + controls_h + strip_h + timeline_h;
  const float log_w = w * 0.33f;
  const float code_w = w * 0.35f;
  const bool tiled = fits(controls_h, false) && (strip_h <= 0 || fits(strip_h, false)) &&
                     fits(timeline_h, true) && (!bottom_shown || fits(bottom_h, true));

  if (begin_panel(text::kControls, o, ImVec2(w, controls_h),
                  ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar, tiled))
    controls_.draw(ui);
  ImGui::End();

  if (ui.classroom && strip_h > 0) {
    if (tiled) ImGui::SetNextWindowBgAlpha(0.0f);  // for draw_strip's window, begun first thing
    classroom_.draw_strip(ui, *ui.classroom, o.x, o.y + controls_h, w, strip_h);
  }

  if (begin_panel(text::kTimeline, ImVec2(o.x, o.y + controls_h + strip_h), ImVec2(w, timeline_h),
                  ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse, tiled))
    timeline_.draw(ui);
  ImGui::End();

  if (bottom_shown) {
    if (begin_panel(text::kLog, ImVec2(o.x, bottom_y), ImVec2(log_w, bottom_h),
                    ImGuiWindowFlags_HorizontalScrollbar, tiled))
      log_.draw(ui);
    ImGui::End();

    if (begin_panel(text::kCode, ImVec2(o.x + log_w, bottom_y), ImVec2(code_w, bottom_h), 0, tiled))
      code_.draw(ui);
    ImGui::End();

    if (begin_panel(text::kInspector, ImVec2(o.x + log_w + code_w, bottom_y),
                    ImVec2(w - log_w - code_w, bottom_h), 0, tiled))
      inspector_.draw(ui);
    ImGui::End();
  }

  draw_status(ui, ImVec2(o.x, o.y + h - status_h), ImVec2(w, status_h));
  draw_layout_toggle(ui, o.x + w, o.y);

  if (ui.classroom) classroom_.draw_overlay(*ui.classroom);
}

}  // namespace iolab::views
