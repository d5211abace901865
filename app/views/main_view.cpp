#include "views/main_view.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // DockBuilder*: the presets

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "netcore/script.hpp"
#include "views/strings.hpp"
#include "views/strings_projector.hpp"
#include "views/widgets.hpp"

namespace iolab::views {
namespace {

constexpr const char* kPresetNames[] = {"projector", "desk", "matrix"};

// A docked window's tab is known by the window's TabId (GetID("#TAB") inside the window, see
// ImGuiWindow's constructor), not by the window's own id: a node selecting the window's id shows
// no tab's contents at all.
ImGuiID tab_id(const char* window_name) {
  if (const ImGuiWindow* w = ImGui::FindWindowByName(window_name)) return w->TabId;
  return ImHashStr("#TAB", 0, ImHashStr(window_name));  // not created yet: the same hash
}

// A panel whose node has one window shows no tab (a line saved for the panel's contents); a
// small triangle in its corner brings the tab back for dragging.
void hide_tab_bar(ImGuiID node) {
  if (ImGuiDockNode* n = ImGui::DockBuilderGetNode(node))
    n->LocalFlags |= ImGuiDockNodeFlags_AutoHideTabBar;
}

}  // namespace

bool MainView::is_preset(const std::string& name) {
  for (const char* p : kPresetNames)
    if (name == p) return true;
  return false;
}

std::string MainView::window_name(Panel p) {
  switch (p) {
    case kControlsPanel:
      return std::string(text::kControls) + "###controls";
    case kCaptionPanel:
      return std::string(text::kCaption) + "###caption";
    case kTimelinePanel:
      return std::string(text::kTimeline) + "###timeline";
    case kLogPanel:
      return std::string(text::kLog) + "###log";
    case kCodePanel:
      return std::string(text::kCode) + "###code";
    case kInspectorPanel:
      return std::string(text::kInspector) + "###inspector";
    case kMatrixPanel:
    case kPanelCount:
      break;
  }
  return std::string(text::matrix::kPanel) + "###matrix";
}

bool MainView::layout_state(const std::string& name) const {
  if (name == "matrix") return matrix_shown_;
  if (name == "lab") return !matrix_shown_;
  if (name.rfind("layout=", 0) == 0) return layout_ == name.substr(7);
  if (name.rfind("clicker-presses=", 0) == 0)
    return clicker_presses_ == std::atoi(name.c_str() + std::strlen("clicker-presses="));
  if (name == "caption-back") return clicker_went_back_;  // the caption says only the view did
  if (name == "blank") return ui_blank_;
  if (name == "presenter-window") {  // a viewport of its own, not the projector's
    return presenter_viewport_ != 0 && presenter_viewport_ != ImGui::GetMainViewport()->ID;
  }
  if (name == "projector-only") return projector_only_;
  if (name == "not-blank") return !ui_blank_;
  if (name == "timeline-shown") return !matrix_shown_ && timeline_shown_;
  if (name == "caption-whole") return classroom_.caption_whole();
  if (name == "lanes-fit") {
    if (!timeline_.lanes_clipped().empty())
      std::fprintf(stderr, "lanes: '%s' is clipped\n", timeline_.lanes_clipped().c_str());
    return matrix_shown_ || timeline_.lanes_fit();
  }
  if (name == "controls-fit") {
    if (!controls_.clipped().empty())
      std::fprintf(stderr, "controls: '%s' is clipped\n", controls_.clipped().c_str());
    return !matrix_shown_ && controls_.all_visible();
  }
  if (name == "controls-disabled") return !matrix_shown_ && controls_.disabled();
  if (name == "client-external") return controls_.client_external();
  if (name == "server-external") return controls_.server_external();
  if (name == "controls-enabled") return !matrix_shown_ && !controls_.disabled();
  if (name.rfind("controls-presses=", 0) == 0)
    return controls_.presses() == std::atoi(name.c_str() + std::strlen("controls-presses="));
  if (name.rfind("legend=", 0) == 0) {  // whose words name steps 3 and 4 (the timeline's)
    const std::string words = timeline_.legend_words();
    if (words != name.substr(std::strlen("legend=")))
      std::fprintf(stderr, "legend: the %s words\n", words.c_str());
    return !matrix_shown_ && words == name.substr(std::strlen("legend="));
  }
  if (name == "legend-fit") {  // the legend of the view shown: the timeline's or the matrix's
    const std::string clipped =
        matrix_shown_ ? matrix_.legend_clipped() : timeline_.legend_clipped();
    if (!clipped.empty()) std::fprintf(stderr, "legend: '%s' is clipped\n", clipped.c_str());
    return matrix_shown_ ? matrix_.legend_fits() : timeline_.legend_fits();
  }
  if (name == "toolbar-fit") {
    if (!timeline_.toolbar_clipped().empty())
      std::fprintf(stderr, "toolbar: '%s' is clipped\n", timeline_.toolbar_clipped().c_str());
    return !matrix_shown_ && timeline_.toolbar_fits();
  }
  if (name.rfind("timeline-rows=", 0) == 0 || name.rfind("timeline-top=", 0) == 0)
    return !matrix_shown_ && timeline_.rows_state(name.substr(std::strlen("timeline-")));
  if (name.rfind("timeline-lane=", 0) == 0)
    return !matrix_shown_ && timeline_.drawn_matches(name.substr(std::strlen("timeline-lane=")));
  if (name.rfind("timeline-pitfall=", 0) == 0)
    return !matrix_shown_ && timeline_.drew_pitfall(name.substr(std::strlen("timeline-pitfall=")));
  if (name.rfind("log-pitfall=", 0) == 0)
    return log_.drew_pitfall(name.substr(std::strlen("log-pitfall=")));
  // A field drawn on the last frame holds TEXT ('_' for a space): what the class reads there.
  if (name.rfind("status-says=", 0) == 0) return status_.says(name.substr(12));
  if (name.rfind("controls-says=", 0) == 0)
    return !matrix_shown_ && controls_.says(name.substr(14));
  if (name == "status-fit") {
    if (!status_.clipped().empty())
      std::fprintf(stderr, "status bar: '%s' is clipped\n", status_.clipped().c_str());
    return status_.all_visible();
  }
  return matrix_.state(name);
}

// The status bar: one line of text, so only the frame's padding above and below it.
void MainView::draw_status(Ui& ui, ImVec2 pos, ImVec2 size) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                      ImVec2(ImGui::GetStyle().WindowPadding.x, ImGui::GetStyle().FramePadding.y));
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::SetNextWindowViewport(ImGui::GetMainViewport()->ID);  // never an OS window of its own
  constexpr ImGuiWindowFlags kFlags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoDocking;
  if (ImGui::Begin("##status", nullptr, kFlags)) status_.draw(ui);
  ImGui::End();
  ImGui::PopStyleVar();
}

// The presets. Heights of the strips on top (controls, caption) are what their contents took on
// the last frame, so a preset re-applied after a scale change fits them again.
void MainView::build_layout(ImGuiID dockspace, ImVec2 size) {
  ImGui::DockBuilderRemoveNode(dockspace);
  ImGui::DockBuilderAddNode(dockspace, ImGuiDockNodeFlags_DockSpace);
  ImGui::DockBuilderSetNodeSize(dockspace, size);
  if (layout_ == "matrix") {
    ImGui::DockBuilderDockWindow(window_name(kMatrixPanel).c_str(), dockspace);
    hide_tab_bar(dockspace);
    ImGui::DockBuilderFinish(dockspace);
    return;
  }
  const float em = ImGui::GetFontSize();
  // The controls: what they took on the last frame, at most half the window (past that their
  // panel scrolls).
  const float top_h = std::clamp(built_top_ > 0 ? built_top_ : em * 3, em * 2, size.y * 0.5f);
  ImGuiID rest = dockspace;
  const ImGuiID controls =
      ImGui::DockBuilderSplitNode(rest, ImGuiDir_Up, top_h / size.y, nullptr, &rest);
  const float rest_h = size.y - top_h;
  // The caption: what it took, at most a third of what is left (past that the lesson's caption
  // comes first in it and shrinks towards the UI's text size: views/classroom_view.cpp).
  const float caption_h =
      std::clamp(built_caption_ > 0 ? built_caption_ : em * 3, em * 2, rest_h * 0.33f);
  const ImGuiID caption =
      ImGui::DockBuilderSplitNode(rest, ImGuiDir_Up, caption_h / rest_h, nullptr, &rest);
  // With the presenter window, the controls, log and inspector are there, not on the projector.
  const bool presenter = built_presenter_;
  if (!presenter) ImGui::DockBuilderDockWindow(window_name(kControlsPanel).c_str(), controls);
  ImGui::DockBuilderDockWindow(window_name(kCaptionPanel).c_str(), caption);
  hide_tab_bar(controls);
  hide_tab_bar(caption);
  ImGuiID bottom = 0;
  // The timeline gets at least what shows its toolbar, a few lanes and its whole legend.
  const float below_h = rest_h - caption_h;
  const auto timeline_share = [&](float share) {
    return std::clamp(std::max(share, built_timeline_ / below_h), 0.2f, 0.8f);
  };
  if (built_timeline_ > below_h * 0.78f) {
    // Too short for the timeline and a useful panel under it (scale 2 with the desk's controls,
    // 3840x2160 at scale 3): the others become tabs beside the timeline, a click away.
    for (Panel p : {kLogPanel, kCodePanel, kInspectorPanel, kTimelinePanel})
      ImGui::DockBuilderDockWindow(window_name(p).c_str(), rest);
    if (ImGuiDockNode* node = ImGui::DockBuilderGetNode(rest))
      node->SelectedTabId = tab_id(window_name(kTimelinePanel).c_str());
  } else if (presenter) {
    const ImGuiID timeline =
        ImGui::DockBuilderSplitNode(rest, ImGuiDir_Up, timeline_share(0.5f), nullptr, &bottom);
    ImGui::DockBuilderDockWindow(window_name(kTimelinePanel).c_str(), timeline);
    ImGui::DockBuilderDockWindow(window_name(kCodePanel).c_str(), bottom);
    hide_tab_bar(timeline);
    hide_tab_bar(bottom);
  } else if (layout_ == "projector") {
    // The timeline across the whole width; under it the code large, log and inspector tabbed.
    const ImGuiID timeline =
        ImGui::DockBuilderSplitNode(rest, ImGuiDir_Up, timeline_share(0.56f), nullptr, &bottom);
    ImGuiID tabs = 0;
    const ImGuiID code = ImGui::DockBuilderSplitNode(bottom, ImGuiDir_Left, 0.64f, nullptr, &tabs);
    ImGui::DockBuilderDockWindow(window_name(kTimelinePanel).c_str(), timeline);
    ImGui::DockBuilderDockWindow(window_name(kCodePanel).c_str(), code);
    ImGui::DockBuilderDockWindow(window_name(kInspectorPanel).c_str(), tabs);
    ImGui::DockBuilderDockWindow(window_name(kLogPanel).c_str(), tabs);
    hide_tab_bar(timeline);
    hide_tab_bar(code);
  } else {  // desk: the arrangement before the presets, log | code | inspector in a row
    const ImGuiID timeline =
        ImGui::DockBuilderSplitNode(rest, ImGuiDir_Up, timeline_share(0.46f), nullptr, &bottom);
    ImGuiID right = 0, inspector = 0;
    const ImGuiID log = ImGui::DockBuilderSplitNode(bottom, ImGuiDir_Left, 0.33f, nullptr, &right);
    const ImGuiID code =
        ImGui::DockBuilderSplitNode(right, ImGuiDir_Left, 0.35f / 0.67f, nullptr, &inspector);
    ImGui::DockBuilderDockWindow(window_name(kTimelinePanel).c_str(), timeline);
    ImGui::DockBuilderDockWindow(window_name(kLogPanel).c_str(), log);
    ImGui::DockBuilderDockWindow(window_name(kCodePanel).c_str(), code);
    ImGui::DockBuilderDockWindow(window_name(kInspectorPanel).c_str(), inspector);
  }
  ImGui::DockBuilderFinish(dockspace);
}

// View > Layout, Ctrl+1/2/3, M, View > Reset layout; and the teacher's own changes noticed.
void MainView::serve_layout_requests(Ui& ui) {
  Classroom* c = ui.classroom;
  std::string want;
  if ((c && c->matrix_toggle) || key_pressed('M')) want = matrix_shown_ ? lab_layout_ : "matrix";
  if (c) c->matrix_toggle = false;
  if (c && !c->layout_request.empty()) want = c->layout_request;
  if (c) c->layout_request.clear();
  if (c && c->reset_layout) {
    c->reset_layout = false;
    want = layout_;
  }
  if (!want.empty() && is_preset(want)) {
    layout_ = want;
    if (want != "matrix") lab_layout_ = want;
    rebuild_ = true;
    if (c) {
      c->layout = want;
      c->layout_customized = false;
      c->settings_changed = true;
    }
  }
  matrix_shown_ = layout_ == "matrix";
  if (c) c->matrix_shown = matrix_shown_;
}

// The dock tree's shape: which windows sit where, and each split's share of its node. A window
// resized keeps the shares (ImGui splits proportionally); a panel dragged elsewhere or a split
// line moved changes them.
MainView::Shape MainView::shape_of(ImGuiID dockspace) {
  Shape shape;
  const auto walk = [&](const auto& self, const ImGuiDockNode* node) -> void {
    if (!node) return;
    if (node->IsSplitNode()) {
      const int axis = node->SplitAxis == ImGuiAxis_X ? 0 : 1;
      shape.text += axis == 0 ? "[x " : "[y ";
      const float whole = axis == 0 ? node->Size.x : node->Size.y;
      const float first = axis == 0 ? node->ChildNodes[0]->Size.x : node->ChildNodes[0]->Size.y;
      shape.shares.push_back(whole > 0 ? first / whole : 0.0f);
      self(self, node->ChildNodes[0]);
      self(self, node->ChildNodes[1]);
      shape.text += "]";
      return;
    }
    shape.text += "(";
    for (const ImGuiWindow* w : node->Windows) shape.text += std::string(w->Name) + ",";
    shape.text += ")";
  };
  walk(walk, ImGui::DockBuilderGetNode(dockspace));
  return shape;
}

bool MainView::Shape::same(const Shape& other) const {
  if (text != other.text || shares.size() != other.shares.size()) return false;
  for (size_t i = 0; i < shares.size(); ++i)
    if (std::abs(shares[i] - other.shares[i]) > 0.02f) return false;
  return true;
}

// After a preset is built (and ImGui has laid it out), its shape is the reference; a different
// one later is the teacher's arrangement: kept, saved in layout.ini, no longer re-fitted.
void MainView::notice_customization(Ui& ui, ImGuiID dockspace) {
  Classroom* c = ui.classroom;
  if (settle_frames_ > 0) {
    if (--settle_frames_ == 0) built_shape_ = shape_of(dockspace);
    return;
  }
  if (!c) return;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!c->layout_customized) {
    if (shape_of(dockspace).same(built_shape_)) return;
    c->layout_customized = true;
    c->settings_changed = true;
    c->save_layout = true;
  } else if (g.SettingsDirtyTimer > 0.0f) {  // ImGui's own "something to save"
    c->save_layout = true;
  }
  g.SettingsDirtyTimer = 0.0f;
}

bool MainView::begin_panel(Panel p, ImGuiWindowFlags flags) {
  // A docked panel leaves its background to the frame's clear (the theme's window colour): for a
  // software rasterizer (llvmpipe under Xvfb) a second fill of the window is a third of a frame.
  if (docked_[p]) ImGui::SetNextWindowBgAlpha(0.0f);
  // A node whose tab bar is hidden has ImGui's small triangle in its top left corner (a square
  // of 0.55 lines to click): the panel's first line starts below it.
  const ImVec2 pad = ImGui::GetStyle().WindowPadding;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                      ImVec2(pad.x, std::max(pad.y, std::ceil(ImGui::GetFontSize() * 0.56f))));
  const bool open =
      ImGui::Begin(window_name(p).c_str(), nullptr, ImGuiWindowFlags_NoCollapse | flags);
  ImGui::PopStyleVar();
  docked_[p] = ImGui::IsWindowDocked();
  return open;
}

void MainView::draw_panels(Ui& ui) {
  if (matrix_shown_) {
    if (begin_panel(kMatrixPanel,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
      matrix_.draw(ui);
    ImGui::End();
    return;
  }
  // With the presenter window the projector shows only the timeline, the code and the caption:
  // the controls, log and inspector are not drawn here (their nodes hide).
  const bool presenter = ui.classroom && ui.classroom->presenter_window;
  if (!presenter) {
    if (begin_panel(kControlsPanel, 0)) {
      if (layout_ == "projector")
        controls_.draw_toolbar(ui);
      else
        controls_.draw(ui);
    }
    ImGui::End();
  }
  // The caption panel only while there is a caption (a lesson, its file's errors, a clicker
  // step): a docked window not drawn hides its node, and the panels below take its height.
  const Classroom* c = ui.classroom;
  if (c && (c->runner || !c->script_errors.empty() || !free_caption_.empty() || presenter)) {
    if (begin_panel(kCaptionPanel, 0)) {
      const float top = ImGui::GetCursorPosY();
      classroom_.draw_caption(ui, *ui.classroom, free_caption_);
      caption_h_ = ImGui::GetCursorPosY() - top + ImGui::GetStyle().WindowPadding.y * 2;
    }
    ImGui::End();
  }
  // The wheel zooms the timeline. When even its smallest plot and its legend do not fit (scale 2
  // in 1024x768) a scrollbar reaches the rest.
  timeline_shown_ =
      begin_panel(kTimelinePanel, ImGuiWindowFlags_NoScrollWithMouse |
                                      (timeline_fits_ ? ImGuiWindowFlags_NoScrollbar : 0));
  if (timeline_shown_) {
    timeline_.draw(ui);
    timeline_fits_ = ImGui::GetWindowHeight() >= timeline_.min_height();
  }
  ImGui::End();
  if (!presenter) {
    if (begin_panel(kLogPanel, ImGuiWindowFlags_HorizontalScrollbar)) log_.draw(ui);
    ImGui::End();
  }
  if (begin_panel(kCodePanel, 0)) code_.draw(ui);  // its listing scrolls sideways
  ImGui::End();
  if (!presenter) {
    if (begin_panel(kInspectorPanel, ImGuiWindowFlags_HorizontalScrollbar)) inspector_.draw(ui);
    ImGui::End();
  }
  projector_only_ = presenter;
}

// The presenter window: its own OS window (ImGui's multi-viewports; NoAutoMerge keeps it one even
// over the projector window on a single screen), for the teacher's laptop. What comes next, the
// notes, the keys, and every control.
void MainView::draw_presenter(Ui& ui) {
  presenter_viewport_ = 0;
  Classroom* c = ui.classroom;
  if (!c || !c->presenter_window) return;
  ImGuiWindowClass window_class;
  window_class.ViewportFlagsOverrideSet = ImGuiViewportFlags_NoAutoMerge;
  ImGui::SetNextWindowClass(&window_class);
  const ImGuiViewport* main = ImGui::GetMainViewport();
  const float em = ImGui::GetFontSize();
  const ImVec2 size(std::min(em * 44, main->Size.x * 0.7f), std::min(em * 28, main->Size.y * 0.8f));
  ImGui::SetNextWindowPos(ImVec2(main->Pos.x + main->Size.x - size.x, main->Pos.y + em * 2),
                          ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(size, ImGuiCond_FirstUseEver);
  bool open = true;
  const std::string title = std::string(text::kPresenter) + "###presenter";
  if (ImGui::Begin(title.c_str(), &open,
                   ImGuiWindowFlags_NoDocking | ImGuiWindowFlags_NoCollapse)) {
    presenter_viewport_ = ImGui::GetWindowViewport()->ID;
    section_heading(ui, text::kPresenterNext);
    ImGui::PushTextWrapPos(0.0f);
    if (netcore::ScriptRunner* r = c->runner) {
      // The lesson's next captions, as the class will see them.
      int shown = 0;
      const auto& steps = r->script().steps;
      for (size_t i = r->position(); i < steps.size() && shown < 3; ++i) {
        if (steps[i].kind != netcore::StepKind::caption) continue;
        const bool ko = c->lang == Lang::ko && !steps[i].ko.empty();
        ImGui::BulletText("%s", ko ? steps[i].ko.c_str() : steps[i].text.c_str());
        ++shown;
      }
      if (shown == 0) ImGui::TextDisabled("%s", text::kPresenterLessonOver);
    } else {
      ImGui::TextUnformatted(steps_.size() % 2 == 0 ? text::kPresenterNextRecv
                                                    : text::kPresenterNextSend);
    }
    if (!c->lesson_note.empty()) {
      section_heading(ui, text::kPresenterNotes);
      ImGui::TextUnformatted(c->lesson_note.c_str());
    }
    section_heading(ui, text::kPresenterKeys);
    for (const char* keys : {text::kKeysClicker, text::kKeysLab, text::kKeysView})
      ImGui::TextUnformatted(keys);
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    controls_.draw(ui);
  }
  ImGui::End();
  if (!open) c->presenter_window = false;
}

// Page Down: the next step (a lesson's, or in the free lab the server's WSARecv and the client's
// WSASend in turn); Page Up: the view one step back. Real I/O is never undone: the caption says
// that only the view went back. Every press counts (ImGui's queue gives each its own frame).
void MainView::handle_clicker(Ui& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt) return;
  const bool next = ImGui::IsKeyPressed(ImGuiKey_PageDown, false);
  const bool back = ImGui::IsKeyPressed(ImGuiKey_PageUp, false);
  if (!next && !back) return;
  ++clicker_presses_;
  netcore::ScriptRunner* lesson = ui.classroom ? ui.classroom->runner : nullptr;
  char line[320];
  if (next) {
    const TimelineView::View v = timeline_.view();
    steps_.push_back({v.begin, v.span, v.follow, free_caption_});
    if (lesson) {
      if (!lesson->paused()) lesson->pause();
      lesson->step();
      free_caption_.clear();
    } else if (!ui.replay && !ui.watching) {
      const int n = static_cast<int>(steps_.size());
      // The server's WSARecv, then the client's WSASend; with a real peer, the lab's side only.
      const bool recv = ui.lab_mode == netcore::LabMode::loopback
                            ? n % 2 == 1
                            : ui.lab_mode == netcore::LabMode::serve;
      if (recv)
        controls_.post_recv(ui);
      else
        controls_.post_send(ui);
      std::snprintf(line, sizeof line, recv ? text::kClickerPostedRecv : text::kClickerPostedSend,
                    n);
      free_caption_ = line;
    }
    timeline_.follow_live();
    clicker_went_back_ = false;
    return;
  }
  if (steps_.empty()) return;
  const ClickerStep before = steps_.back();
  steps_.pop_back();
  timeline_.set_view({before.begin, before.span, false});
  const int n = static_cast<int>(steps_.size());
  if (n > 0)
    std::snprintf(line, sizeof line, text::kClickerBack, n);
  else
    std::snprintf(line, sizeof line, "%s", text::kClickerStart);
  free_caption_ = line;
  clicker_went_back_ = true;
}

// B / period: the projector window black, over everything (the same key brings it back).
void MainView::draw_blank() const {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::GetForegroundDrawList(const_cast<ImGuiViewport*>(vp))
      ->AddRectFilled(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y),
                      IM_COL32(0, 0, 0, 255));
}

void MainView::draw(Ui& ui) {
  ui.buttons.clear();
  if (ui.classroom) {
    ui.classroom->matrix_shown =
        matrix_shown_;  // the menu bar first: it takes its height from the viewport's work area
    classroom_.handle_keys(*ui.classroom);
    classroom_.draw_menu(ui, *ui.classroom);
    if (rebuild_ && layout_ != ui.classroom->layout && is_preset(ui.classroom->layout)) {
      layout_ = ui.classroom->layout;  // the first frame: the settings' or --layout's preset
      if (layout_ != "matrix") lab_layout_ = layout_;
    }
  }
  controls_.handle_keys(ui);
  handle_clicker(ui);
  serve_layout_requests(ui);
  ui_blank_ = ui.classroom && ui.classroom->blank;

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  // Under this frame's menu bar: WorkPos only takes it into account from the next frame, and
  // a layout that moves after the first frame makes --drive clicks miss.
  const float menu_h = ui.classroom ? ui.classroom->menu_height : 0.0f;
  const ImVec2 o(vp->Pos.x, vp->Pos.y + menu_h);
  const float w = vp->Size.x;
  const float h = vp->Size.y - menu_h;
  const float em = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  // The status bar: one line, or two when its fields wrap (measured on the last frame).
  const float status_h = std::max(em + style.FramePadding.y * 2, status_.height());
  const ImVec2 dock_size(w, std::max(h - status_h, em * 4));

  // The presets follow the window, the scale and what the strips on top need, until the teacher
  // arranges the panels (then ImGui keeps their arrangement, in layout.ini).
  const bool customized = ui.classroom && ui.classroom->layout_customized;
  const bool presenter_now = ui.classroom && ui.classroom->presenter_window;
  const float top_need = controls_.height();
  if (!customized && !rebuild_ &&
      (dock_size.x != built_size_.x || dock_size.y != built_size_.y ||
       style.FontScaleMain != built_scale_ || std::abs(top_need - built_top_) > 1.0f ||
       std::abs(caption_h_ - built_caption_) > 1.0f ||
       std::abs(timeline_.min_height() - built_timeline_) > 1.0f ||
       presenter_now != built_presenter_))
    rebuild_ = true;

  ImGui::SetNextWindowPos(o);
  ImGui::SetNextWindowSize(dock_size);
  ImGui::SetNextWindowViewport(vp->ID);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  constexpr ImGuiWindowFlags kHost = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoDocking |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus |
                                     ImGuiWindowFlags_NoNavFocus | ImGuiWindowFlags_NoBackground;
  ImGui::Begin("##dock_host", nullptr, kHost);
  ImGui::PopStyleVar(2);
  const ImGuiID dockspace = ImGui::GetID("##dockspace");
  // A customized arrangement read from layout.ini is used as it is.
  if (rebuild_ && customized && ImGui::DockBuilderGetNode(dockspace) &&
      ImGui::DockBuilderGetNode(dockspace)->IsSplitNode())
    rebuild_ = false;
  if (rebuild_) {
    built_size_ = dock_size;
    built_scale_ = style.FontScaleMain;
    built_top_ = top_need;  // 0 before the first frame measured them: build_layout guesses
    built_caption_ = caption_h_;
    built_timeline_ = timeline_.min_height();
    built_presenter_ = presenter_now;
    build_layout(dockspace, dock_size);
    frames_since_build_ = 0;
    rebuild_ = false;
    settle_frames_ = 3;
  }
  ImGui::DockSpace(dockspace, ImVec2(0, 0), ImGuiDockNodeFlags_None);
  ImGui::End();
  ++frames_since_build_;
  notice_customization(ui, dockspace);

  draw_panels(ui);
  draw_presenter(ui);
  draw_status(ui, ImVec2(o.x, o.y + h - status_h), ImVec2(w, status_h));
  if (ui.classroom) classroom_.draw_overlay(*ui.classroom);
  if (ui_blank_) draw_blank();
}

}  // namespace iolab::views
