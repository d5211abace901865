#include "views/classroom_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "netcore/script.hpp"
#include "views/strings.hpp"
#include "views/strings_classroom.hpp"
#include "views/strings_many.hpp"
#include "views/strings_projector.hpp"
#include "views/strings_watch.hpp"
#include "views/widgets.hpp"

namespace iolab::views {
namespace {

enum class Key { equal, minus, kp_add, kp_sub, f11, p, b, period, one, two, three };

bool pressed(Key k) {
  static constexpr ImGuiKey kNamed[] = {
      ImGuiKey_Equal, ImGuiKey_Minus, ImGuiKey_KeypadAdd, ImGuiKey_KeypadSubtract,
      ImGuiKey_F11,   ImGuiKey_P,     ImGuiKey_B,         ImGuiKey_Period,
      ImGuiKey_1,     ImGuiKey_2,     ImGuiKey_3};
  return ImGui::IsKeyPressed(kNamed[static_cast<int>(k)], false);
}

constexpr const char* kPresets[] = {"projector", "desk", "matrix"};

void set_scale(Classroom& c, float scale) {
  scale = std::clamp(std::round(scale * 4.0f) / 4.0f, 1.0f, 3.0f);  // steps of 0.25
  if (scale == c.scale) return;
  c.scale = scale;
  c.restyle = true;
  c.settings_changed = true;
}

void start_lesson(Classroom& c, const std::string& name, const char* note) {
  c.start_lesson_name = name;
  c.start_lesson_note = note ? note : "";
}

}  // namespace

void ClassroomView::handle_keys(Classroom& c) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && (pressed(Key::equal) || pressed(Key::kp_add))) set_scale(c, c.scale + 0.25f);
  if (io.KeyCtrl && (pressed(Key::minus) || pressed(Key::kp_sub))) set_scale(c, c.scale - 0.25f);
  if (pressed(Key::f11)) c.toggle_fullscreen = true;
  if (!io.WantTextInput && !io.KeyCtrl && !io.KeyAlt && pressed(Key::p)) c.presenter = !c.presenter;
  // A presentation remote's "blank screen" sends B or period.
  if (!io.WantTextInput && !io.KeyCtrl && !io.KeyAlt && (pressed(Key::b) || pressed(Key::period)))
    c.blank = !c.blank;
  const Key preset_keys[] = {Key::one, Key::two, Key::three};
  for (int i = 0; i < 3; ++i)
    if (io.KeyCtrl && pressed(preset_keys[i])) c.layout_request = kPresets[i];
}

void ClassroomView::draw_menu(Ui& ui, Classroom& c) {
  c.menu_height = 0;
  if (!ImGui::BeginMainMenuBar()) return;
  c.menu_height = ImGui::GetWindowSize().y;
  if (ImGui::BeginMenu(text::kMenuFile)) {
    if (ImGui::MenuItem(text::kMenuSaveTrace, nullptr, false, !ui.model->empty())) {
      saving_ = Saving::trace;
      chooser_.open(model::timestamped_name(".jsonl"));
    }
    if (ImGui::BeginMenu(text::kMenuExport)) {
      if (ImGui::MenuItem(text::kMenuExportChrome, nullptr, false, !ui.model->empty())) {
        saving_ = Saving::chrome;
        chooser_.open(model::timestamped_name(".chrome.json"));
      }
      if (ImGui::MenuItem(text::kMenuExportPng)) {
        saving_ = Saving::png;
        chooser_.open(model::timestamped_name(".png"));
      }
      ImGui::EndMenu();
    }
    // Below Save trace and Export: a replay's way back to the lab, no restart.
    if (ImGui::MenuItem(text::kMenuLiveLab, nullptr, false,
                        !c.replay_file.empty() && ui.live_lab_offered))
      c.live_lab = true;
    note_button(ui, text::kMenuLiveLab);
    if (ImGui::MenuItem(text::kMenuWatch, nullptr, false, !ui.watching)) c.watch_dialog = true;
    note_button(ui, text::kMenuWatch);
    ImGui::Separator();
    if (ImGui::MenuItem(text::kMenuQuit)) c.quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(text::kMenuView)) {
    if (ImGui::BeginMenu(text::kMenuLanguage)) {
      if (ImGui::MenuItem("English", nullptr, c.lang == Lang::en) && c.lang != Lang::en) {
        c.lang = Lang::en;
        c.settings_changed = true;
      }
      // The language's own name, in Hangul: drawn only when a Hangul font is loaded.
      const char* korean = c.hangul_font ? "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4" : "Korean";
      if (ImGui::MenuItem(korean, nullptr, c.lang == Lang::ko, c.hangul_font) &&
          c.lang != Lang::ko) {
        c.lang = Lang::ko;
        c.settings_changed = true;
      }
      if (!c.hangul_font) ImGui::TextDisabled("%s", text::kNoHangulFont);
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(text::kMenuTheme)) {
      if (ImGui::MenuItem(text::kThemeLight, nullptr, c.light) && !c.light) {
        c.light = true;
        c.restyle = c.settings_changed = true;
      }
      if (ImGui::MenuItem(text::kThemeDark, nullptr, !c.light) && c.light) {
        c.light = false;
        c.restyle = c.settings_changed = true;
      }
      ImGui::EndMenu();
    }
    ImGui::TextDisabled(text::kMenuScaleFormat, static_cast<double>(c.scale));
    if (ImGui::MenuItem(text::kMenuScaleUp, "Ctrl+=", false, c.scale < 3.0f))
      set_scale(c, c.scale + 0.25f);
    if (ImGui::MenuItem(text::kMenuScaleDown, "Ctrl+-", false, c.scale > 1.0f))
      set_scale(c, c.scale - 0.25f);
    ImGui::Separator();
    if (ImGui::MenuItem(text::kMenuFullscreen, "F11", c.fullscreen)) c.toggle_fullscreen = true;
    if (ImGui::MenuItem(text::kMenuPresenter, "P", c.presenter)) c.presenter = !c.presenter;
    if (ImGui::MenuItem(text::kMenuBlank, "B", c.blank)) c.blank = !c.blank;
    if (ImGui::MenuItem(text::kMenuPresenterWindow, nullptr, c.presenter_window))
      c.presenter_window = !c.presenter_window;
    ImGui::Separator();
    if (ImGui::BeginMenu(text::kMenuLayout)) {
      const char* names[] = {text::kLayoutProjector, text::kLayoutDesk, text::kLayoutMatrix};
      const char* keys[] = {"Ctrl+1", "Ctrl+2", "Ctrl+3"};
      for (int i = 0; i < 3; ++i)
        if (ImGui::MenuItem(names[i], keys[i], c.layout == kPresets[i]))
          c.layout_request = kPresets[i];
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem(text::kMenuResetLayout)) c.reset_layout = true;
    ImGui::EndMenu();
  }
  const bool live = c.replay_file.empty();
  // A lesson plays in the lecture's lab: the lab's own many clients give way to it (the shell
  // stops them, one click, as a clicker wants), outside ones would be cut off, so not then; and
  // while watching programs there is no lab (nothing in the app brings it back).
  const char* lessons_off = ui.watching                         ? text::kLessonsOffWatching
                            : ui.many.active && ui.many.outside ? text::kLessonsOffOutside
                                                                : nullptr;
  c.lessons_off = lessons_off != nullptr;
  auto lesson_item = [&](const char* label, const std::string& name, const char* note) {
    if (ImGui::MenuItem(label, nullptr, false, !lessons_off)) start_lesson(c, name, note);
    note_button(ui, label);
    if (lessons_off && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", lessons_off);
  };
  auto why_off = [&] {  // the reason, on the menu's first line: seen without hovering
    if (!lessons_off) return;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextDisabled("%s", lessons_off);
    ImGui::PopTextWrapPos();
    ImGui::Separator();
  };
  const bool lessons_open = ImGui::BeginMenu(text::kMenuLessons, live);
  if (!lessons_open) note_button(ui, text::kMenuLessons);  // a --drive click opens it
  if (lessons_open) {
    why_off();
    for (const Lesson& l : builtin_lessons()) lesson_item(l.name.c_str(), l.name, nullptr);
    ImGui::Separator();
    if (ImGui::MenuItem(text::kMenuStopLesson, nullptr, false, c.runner != nullptr))
      c.stop_lesson = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(text::kModel, live)) {
    for (netcore::LabModel m : netcore::kLabModels)
      if (ImGui::MenuItem(model_label(m), nullptr, m == ui.lab_model) && m != ui.lab_model)
        switch_model(ui, m);
    ImGui::EndMenu();
  }
  // Lab > Clients N: 1 is the lecture's lab; more runs the many-clients server (shell/many.cpp).
  if (ImGui::BeginMenu(text::kMenuLab, live && !ui.watching)) {
    for (int n : {1, 10, 63, 64, 200, 500}) {
      char label[32];
      std::snprintf(label, sizeof label, "%s %d", text::kMenuClients, n);
      const int now = ui.many.active ? ui.many.clients : 1;
      if (ImGui::MenuItem(label, nullptr, n == now) && n != now) ui.clients_requested = n;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    if (ImGui::InputInt(text::kMenuClients, &c.clients_input, 0, 0,
                        ImGuiInputTextFlags_EnterReturnsTrue)) {
      c.clients_input = std::clamp(c.clients_input, 1, netcore::kMaxManyClients);
      ui.clients_requested = c.clients_input;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    help_marker(text::kClientsHelp);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(text::kMenuPitfalls, live)) {
    why_off();
    lesson_item(text::kPitfallTouch, "05-touch-buffer", text::kPitfallTouchWhy);
    lesson_item(text::kPitfallPerOp, "06-overlapped-per-op", text::kPitfallPerOpWhy);
    lesson_item(text::kPitfallClose, "07-close-while-pending", text::kPitfallCloseWhy);
    ImGui::EndMenu();
  }
  // Right of the menus: replay banner, missing-font notice, last message.
  ImGui::Separator();
  if (!c.replay_file.empty()) {
    ImGui::TextColored(colors::pending_text(), text::kReplayBanner, c.replay_file.c_str(),
                       netcore::backend_name(ui.backend));
  }
  if (c.korean_unavailable) ImGui::TextColored(colors::failed_text(), "%s", text::kNoHangulFont);
  if (!c.message.empty() && ImGui::GetTime() < c.message_until)
    ImGui::TextUnformatted(c.message.c_str());
  // The lab / matrix toggle at the right end (after the messages when they reach that far).
  // Without its key ("  [M]"), or the key alone, where the bar has no room for it all: the
  // tooltip says it whole then.
  const std::string full = c.matrix_shown ? text::matrix::kShowLab : text::matrix::kShowMatrix;
  const float room = ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x -
                     ImGui::GetCursorPosX() - ImGui::GetStyle().ItemSpacing.x;
  const size_t key = full.find("  [");
  std::string toggle = full;
  if (button_width(toggle.c_str()) > room) toggle = full.substr(0, key);
  if (button_width(toggle.c_str()) > room && key != std::string::npos)
    toggle = full.substr(key + 2);
  const float toggle_x =
      ImGui::GetWindowWidth() - button_width(toggle.c_str()) - ImGui::GetStyle().WindowPadding.x;
  ImGui::SameLine(std::max(toggle_x, ImGui::GetCursorPosX()));
  if (noted_button(ui, toggle.c_str())) c.matrix_toggle = true;
  if (toggle != full) ImGui::SetItemTooltip("%s", full.c_str());
  ImGui::EndMainMenuBar();
  // The chooser, after the menu bar (a modal over everything): Save asks main.cpp to write.
  if (chooser_.draw(ui, c.save_path)) {
    c.save_trace = saving_ == Saving::trace;
    c.export_chrome = saving_ == Saving::chrome;
    c.export_png = saving_ == Saving::png;
  }
  draw_watch_dialog(ui, c);
}

// File > Watch a program: the port the probes connect to, then Watch.
void ClassroomView::draw_watch_dialog(Ui& ui, Classroom& c) {
  const std::string title = std::string(text::kMenuWatch) + "###watch";
  if (c.watch_dialog && !ImGui::IsPopupOpen(title.c_str())) ImGui::OpenPopup(title.c_str());
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(ImGui::GetFontSize() * 30, vp->Size.x * 0.9f), 0),
                           ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title.c_str(), &c.watch_dialog)) return;
  ImGui::TextWrapped("%s", text::kWatchHelp);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();  // typing replaces the port
  if (ImGui::InputInt(text::kWatchPort, &c.watch_port))
    c.watch_port = std::clamp(c.watch_port, 1, 65535);
  if (noted_button(ui, text::kWatchStart)) {
    c.watch_request = true;
    c.watch_dialog = false;
  }
  ImGui::SameLine();
  if (noted_button(ui, text::kCancel) || ImGui::IsKeyPressed(ImGuiKey_Escape, false))
    c.watch_dialog = false;
  if (!c.watch_dialog) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

float ClassroomView::strip_height(const Ui& ui, const Classroom& c) const {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float em = ImGui::GetFontSize();
  if (!c.script_errors.empty()) {
    const size_t lines = std::min<size_t>(c.script_errors.size(), 8);
    return style.WindowPadding.y * 2 + ImGui::GetFrameHeightWithSpacing() +
           static_cast<float>(lines) * em * 1.1f + em * 0.5f;
  }
  if (!c.runner) return 0;
  const float cap = ui.fonts.caption ? font_px(ui.fonts.caption) : em * 1.6f;
  const float note = c.lesson_note.empty() ? 0.0f : em * 2.2f;
  return style.WindowPadding.y * 2 + ImGui::GetFrameHeightWithSpacing() + cap * 2.3f + note;
}

void ClassroomView::draw_caption(Ui& ui, Classroom& c, const std::string& free_caption) {
  const ImVec4 red = colors::failed_text();
  if (!c.script_errors.empty()) {
    ImGui::TextColored(red, "%s", text::kScriptErrors);
    ImGui::SameLine();
    if (ImGui::Button(text::kDismiss)) c.script_errors.clear();
    if (ui.fonts.mono) push_font(ui.fonts.mono);
    for (size_t i = 0; i < c.script_errors.size() && i < 8; ++i)
      ImGui::TextColored(red, "%s", c.script_errors[i].c_str());
    if (ui.fonts.mono) ImGui::PopFont();
    return;
  }
  if (!c.runner) {  // the free lab: the clicker's last step, or what its keys do
    // The keys' hint in the UI's font; a step's caption large, for the back of the room.
    const bool large = ui.fonts.caption && !free_caption.empty();
    if (large) push_font(ui.fonts.caption);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(free_caption.empty() ? text::kClickerHint : free_caption.c_str());
    ImGui::PopTextWrapPos();
    if (large) ImGui::PopFont();
    return;
  }
  netcore::ScriptRunner& r = *c.runner;
  const netcore::RunState st = r.state();
  // On a small projector at a large scale the panel cannot hold the controls and the caption:
  // then the caption comes first (what the room reads), the controls under it (the clicker's
  // keys do the same). The order changes only the order, so the height that decides is stable.
  const float top = ImGui::GetCursorPosY();
  const bool caption_first = lesson_content_h_ > ImGui::GetContentRegionAvail().y;
  if (caption_first) draw_lesson_caption(ui, c, ImGui::GetContentRegionAvail().y);
  draw_lesson_controls(c);
  if (!caption_first) draw_lesson_caption(ui, c, 0);
  ImGui::PushTextWrapPos(0.0f);
  if (st == netcore::RunState::finished) {
    ImGui::TextDisabled("%s", text::kLessonFinished);
  } else if (st == netcore::RunState::paused) {
    ImGui::TextColored(colors::pending_text(), "%s", text::kLessonPausedHint);
  }
  if (!free_caption.empty()) ImGui::TextUnformatted(free_caption.c_str());  // Page Up's note
  ImGui::PopTextWrapPos();
  if (!c.lesson_note.empty()) {
    if (ui.fonts.small) push_font(ui.fonts.small);
    ImGui::TextWrapped("%s", c.lesson_note.c_str());
    if (ui.fonts.small) ImGui::PopFont();
  }
  lesson_content_h_ = ImGui::GetCursorPosY() - top;
}

// One row of controls that wraps (flow) rather than running past the panel's right edge.
void ClassroomView::draw_lesson_controls(Classroom& c) {
  netcore::ScriptRunner& r = *c.runner;
  const netcore::RunState st = r.state();
  const bool over = st == netcore::RunState::finished || st == netcore::RunState::failed;
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  const std::string title = std::string(text::kLesson) + ": " + c.lesson_title;
  ImGui::TextUnformatted(title.c_str());
  flow(button_width(text::kPlay), right);
  ImGui::BeginDisabled(over || !r.paused());
  if (ImGui::Button(text::kPlay)) r.play();
  ImGui::EndDisabled();
  flow(button_width(text::kPauseLesson), right);
  ImGui::BeginDisabled(over || r.paused());
  if (ImGui::Button(text::kPauseLesson)) r.pause();
  ImGui::EndDisabled();
  flow(button_width(text::kStep), right);
  ImGui::BeginDisabled(over || !r.paused());
  if (ImGui::Button(text::kStep)) r.step();
  ImGui::EndDisabled();
  float speed = static_cast<float>(r.speed());
  flow(labeled_width(ImGui::GetFontSize() * 6, text::kSpeed), right);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::SliderFloat(text::kSpeed, &speed, 0.25f, 4.0f, "%.2fx")) r.set_speed(speed);
  const int total = static_cast<int>(r.script().steps.size());
  const int at = std::min(static_cast<int>(r.position()) + 1, total);
  static_assert(static_cast<int>(netcore::RunState::failed) == 6, "kRunStates follows RunState");
  char state[160];
  std::snprintf(state, sizeof state, text::kLessonState, text::kRunStates[static_cast<int>(st)], at,
                total);
  flow(text_width(state), right);
  ImGui::TextDisabled("%s", state);
  flow(button_width(text::kMenuStopLesson), right);
  if (ImGui::Button(text::kMenuStopLesson)) c.stop_lesson = true;
}

// The caption, large, in the UI's language (the English one when there is no Korean text).
// With `fit_h` > 0 its size steps down towards the UI's text size until it fits that height.
// Remembers whether the panel showed it whole (the projector grid's `caption-whole`).
void ClassroomView::draw_lesson_caption(Ui& ui, Classroom& c, float fit_h) {
  netcore::ScriptRunner& r = *c.runner;
  const netcore::RunState st = r.state();
  const netcore::Step* cap = r.last_caption();
  const char* caption =
      !cap ? "" : (c.lang == Lang::ko && !cap->ko.empty() ? cap->ko.c_str() : cap->text.c_str());
  ImFont* font = ui.fonts.caption;
  float size = font ? font->LegacySize : 0.0f;
  if (font && fit_h > 0 && ui.fonts.ui) {
    const float wrap = ImGui::GetContentRegionAvail().x;
    for (; size > ui.fonts.ui->LegacySize; size *= 0.9f) {
      ImGui::PushFont(font, size);
      const float h = ImGui::CalcTextSize(caption, nullptr, false, wrap).y;
      ImGui::PopFont();
      if (h <= fit_h) break;
    }
    size = std::max(size, ui.fonts.ui->LegacySize);
  }
  if (font) ImGui::PushFont(font, size);
  ImGui::PushTextWrapPos(0.0f);
  caption_whole_ = true;
  if (st == netcore::RunState::failed) {
    ImGui::TextColored(colors::failed_text(), text::kLessonFailed, r.error().c_str());
  } else if (cap) {
    ImGui::TextUnformatted(caption);
    const float window_top = ImGui::GetWindowPos().y;
    const float window_bottom = window_top + ImGui::GetWindowHeight();
    caption_whole_ =
        ImGui::GetItemRectMin().y >= window_top && ImGui::GetItemRectMax().y <= window_bottom;
  }
  ImGui::PopTextWrapPos();
  if (font) ImGui::PopFont();
}

void ClassroomView::draw_overlay(Classroom& c) {
  const double now = ImGui::GetTime();
  const ImGuiIO& io = ImGui::GetIO();
  if (c.presenter)
    for (int b = 0; b < 2; ++b)
      if (io.MouseClicked[b])
        rings_.push_back({io.MouseClickedPos[b].x, io.MouseClickedPos[b].y, now});
  constexpr double kLife = 0.7;  // seconds a ring grows and fades
  rings_.erase(std::remove_if(rings_.begin(), rings_.end(),
                              [&](const Ring& r) { return now - r.t > kLife; }),
               rings_.end());
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const float em = ImGui::GetFontSize();
  for (const Ring& r : rings_) {
    const float k = static_cast<float>((now - r.t) / kLife);
    const int alpha = static_cast<int>(230 * (1.0f - k));
    dl->AddCircle(ImVec2(r.x, r.y), em * (0.4f + 2.2f * k), IM_COL32(0xD5, 0x5E, 0x00, alpha), 48,
                  em * 0.22f);
    dl->AddCircle(ImVec2(r.x, r.y), em * (0.2f + 1.2f * k), IM_COL32(0xE6, 0x9F, 0x00, alpha), 48,
                  em * 0.12f);
  }
}

}  // namespace iolab::views
