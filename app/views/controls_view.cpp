#include "views/controls_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "views/classroom_view.hpp"
#include "views/strings.hpp"
#include "views/strings_classroom.hpp"
#include "views/strings_many.hpp"
#include "views/strings_projector.hpp"
#include "views/strings_watch.hpp"
#include "views/widgets.hpp"

namespace iolab::views {
namespace {

// Notes where an input box was drawn (its left part, where a click focuses the text).
void note_input(Ui& ui, const char* label) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.buttons.push_back({label, a.x + ImGui::GetFontSize(), (a.y + b.y) * 0.5f});
}

// SO_SNDBUF/SO_RCVBUF for "Small buffers": a few 64 KiB sends then fill them.
constexpr int32_t kSmallBuffer = 4096;

// A click in a number box selects it all, so the teacher just types the new value.
constexpr ImGuiInputTextFlags kSelectAll = ImGuiInputTextFlags_AutoSelectAll;

}  // namespace

const char* model_label(netcore::LabModel m) {
  switch (m) {
    case netcore::LabModel::event:
      return text::kModelEvent;
    case netcore::LabModel::completion_routine:
      return text::kModelRoutine;
    case netcore::LabModel::iocp:
      return text::kModelIocp;
    case netcore::LabModel::event_select:
      return text::kModelEventSelect;
  }
  return "?";
}

void switch_model(Ui& ui, netcore::LabModel m) {
  ui.submit(netcore::set_model(static_cast<uint8_t>(m)));
  ui.lab_model = m;           // shown at once; the engine's answer follows
  ui.reset_requested = true;  // a new lab: the timeline starts afresh
}

void ControlsView::alertable(Ui& ui) {
  ui.submit(netcore::alertable_wait());
}

// The model combo, as wide as its longest name.
void ControlsView::model_combo(Ui& ui) {
  float widest = 0;
  for (netcore::LabModel m : netcore::kLabModels)
    widest = std::max(widest, text_width(model_label(m)));
  float width = widest + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2.0f;
  // No label beside it (the names say what they are; the lab column is narrow): its "(?)" does.
  // In a column narrower than the longest name, the name shown is cut, never the box.
  flow(width + help_width());
  width = std::min(width, right_ - ImGui::GetCursorScreenPos().x - help_width());
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##model", model_label(ui.lab_model))) {
    for (netcore::LabModel m : netcore::kLabModels)
      if (ImGui::Selectable(model_label(m), m == ui.lab_model) && m != ui.lab_model) {
        ++presses_;
        switch_model(ui, m);
      }
    ImGui::EndCombo();
  }
  note_input(ui, text::kModel);
  fit_.seen(text::kModel);
  help_marker(text::kHelpModel);
  fit_.seen(text::kModel, " (?)");
}

void ControlsView::post_recv(Ui& ui) {
  const uint32_t op =
      ui.submit(netcore::post_recv(netcore::kServerSession, static_cast<uint32_t>(recv_size_),
                                   static_cast<uint32_t>(recv_wsabufs_)));
  if (op != 0) ui.follow_newest();  // show the teacher what they just started
}

void ControlsView::post_send(Ui& ui) {
  const uint32_t op = ui.submit(netcore::post_send(netcore::kClientSession, send_text_,
                                                   static_cast<uint32_t>(send_size_),
                                                   static_cast<uint32_t>(send_wsabufs_)));
  if (op != 0) ui.follow_newest();
}

// Keeps the next `width` pixels of widgets on the current line when they fit in the column,
// else lets them start a new line (ImGui's default): at a large UI scale or in a narrow window
// the controls wrap instead of being clipped. Each column has two lines, its buttons and then
// its parameters (`line_start_`); either may wrap.
void ControlsView::flow(float width) {
  views::flow(width, right_, line_start_);
  line_start_ = false;
}

void ControlsView::column(Ui& ui, int index, const char* heading) {
  ImGui::TableSetColumnIndex(index);
  right_ = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  section_heading(ui, heading);
  fit_.seen(heading);
  line_start_ = true;
}

// A button and its "(?)", kept together on a line.
bool ControlsView::action(Ui& ui, const char* label, const char* help) {
  flow(button_width(label) + help_width());
  const bool pressed = noted_button(ui, label);
  fit_.seen(label);
  help_marker(help);
  fit_.seen(label, " (?)");
  if (pressed) ++presses_;
  return pressed;
}

void ControlsView::handle_keys(Ui& ui) {
  // A replay has no engine: the controls would do nothing, so they say so and take no input.
  disabled_ = ui.replay || ui.watching;  // watching other programs: no engine either
  watching_ = ui.watching;
  live_lab_offered_ = ui.live_lab_offered;
  // A real peer plays one side (iolab --serve / --connect): the lab has no socket there.
  server_external_ = ui.lab_mode == netcore::LabMode::connect;
  client_external_ = ui.lab_mode == netcore::LabMode::serve;
  if (ui.many.active) {  // S: a wave from every one of the lab's clients
    if (!ui.many.outside && key_pressed('S')) {
      ++presses_;
      ui.many.send_wave = true;
    }
    return;
  }
  if (!disabled_ && !server_external_ && key_pressed('R')) {
    ++presses_;
    post_recv(ui);
  }
  if (!disabled_ && !client_external_ && key_pressed('S')) {
    ++presses_;
    post_send(ui);
  }
  // A is the matrix's "run all four" while the matrix is shown.
  const bool matrix_shown = ui.classroom && ui.classroom->matrix_shown;
  if (!disabled_ && !matrix_shown && ui.lab_model == netcore::LabModel::completion_routine &&
      key_pressed('A')) {
    ++presses_;
    alertable(ui);
  }
}

void ControlsView::cancel_pending(Ui& ui) {
  if (!server_external_) ui.submit(netcore::cancel(netcore::kServerSession));
  if (!client_external_) ui.submit(netcore::cancel(netcore::kClientSession));
}

void ControlsView::reset_lab(Ui& ui) {
  reading_ = false;
  ui.submit(netcore::reset_lab());
  ui.reset_requested = true;
}

// The panel's height for the next frame: down to the lowest widget, plus the cell's and the
// window's padding (in content coordinates, so a scrolled strip measures the same).
void ControlsView::finish_height() {
  const ImGuiStyle& style = ImGui::GetStyle();
  height_ = std::ceil(fit_.bottom() - ImGui::GetWindowPos().y + ImGui::GetScrollY() +
                      style.CellPadding.y + style.WindowPadding.y);
}

// Both layouts start the same: the check of what fits, and in a replay the note that says the
// controls do nothing.
void ControlsView::begin_strip(const Ui& ui) {
  fit_.begin();
  auto note = [&](const char* text, const char* name) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::accent());
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    fit_.seen(name);
  };
  if (disabled_)
    note(watching_           ? text::kWatchControls
         : live_lab_offered_ ? text::kReplayControlsLive
                             : text::kReplayControls,
         "the replay note");
  // --serve: until an outside client connects, the server has no socket to post on.
  if (ui.lab_mode == netcore::LabMode::serve && !ui.engine_error && !ui.peer_connected) {
    std::string nc = ui.peer_where;
    if (const size_t colon = nc.rfind(':'); colon != std::string::npos) nc[colon] = ' ';
    char line[256];
    std::snprintf(line, sizeof line, text::kServeWaiting, ui.peer_where.c_str(), nc.c_str());
    note(line, "the waiting note");
  }
  if (ui.lab_mode != netcore::LabMode::loopback && ui.peer_closed)
    note(text::kPeerClosed, "the closed note");
}

// Under the heading of the side a real peer plays: that side's controls are disabled.
void ControlsView::external_note(const char* note) {
  // On a line of its own, wrapped to the column (Korean at scale 2 in a narrow window).
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s", note);
  ImGui::PopStyleColor();
  fit_.seen("external peer");
  line_start_ = true;
}

// Many clients (Lab > Clients N): the model that serves them, the wave button, and the cost
// live, in place of the lecture's controls (the lab has no one client and server to post on).
void ControlsView::draw_many(Ui& ui) {
  const ManyClients& m = ui.many;
  right_ = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  char line[192];
  auto text = [&](const char* name, const char* shown) {
    flow(text_width(shown));
    ImGui::TextUnformatted(shown);
    fit_.seen(name);
    fit_.said(shown);
  };
  std::snprintf(line, sizeof line, text::kManyHeading, m.clients);
  section_heading(ui, line);
  fit_.seen("clients heading");
  line_start_ = false;  // the wave's controls (or the outside clients' count) beside the heading
  if (m.outside) {
    std::snprintf(line, sizeof line, text::kManyOutside, int(ui.model->session_count()), m.clients);
    text("outside", line);
  } else {
    if (action(ui, text::kSendFromAll, text::kHelpSendFromAll)) ui.many.send_wave = true;
    flow(checkbox_width(text::kEverySecond));
    ImGui::Checkbox(text::kEverySecond, &ui.many.every_second);
    fit_.seen(text::kEverySecond);
    if (m.connected < m.clients) {
      std::snprintf(line, sizeof line, text::kManyConnecting, m.connected, m.clients);
      text("connecting", line);
    }
  }
  // Which model serves them, on lines of its own (wrapped: Korean at scale 2 in 1024 pixels).
  ImGui::TextWrapped("%s",
                     m.model == netcore::ManyModel::event ? text::kManyEvent : text::kManyIocp);
  fit_.seen("model");
  // No model combo here: the I/O model menu switches event <-> IOCP, and the strip stays short
  // enough for a 1024x768 projector at scale 2.
  line_start_ = true;  // the cost
  const netcore::ManyClientsStats& st = m.stats;
  std::snprintf(line, sizeof line,
                m.model == netcore::ManyModel::event ? text::kManyThreads : text::kManyWorkers,
                st.threads);
  text("threads", line);
  std::snprintf(line, sizeof line, text::kManyWakeups, static_cast<unsigned long long>(st.wakeups));
  text("wake-ups", line);
  std::snprintf(line, sizeof line, text::kManyMessages,
                static_cast<unsigned long long>(st.messages));
  text("messages", line);
  // Where the latency ends: the call that gave the server the bytes in this model.
  const char* span =
      m.model == netcore::ManyModel::event ? text::kManySpanEvent : text::kManySpanIocp;
  text("latency", span);
  if (st.latency_samples == 0)  // outside clients stamp nothing; the lab's before a wave
    text("latency figures", text::kManyNoLatency);
  else {
    std::snprintf(line, sizeof line, text::kManyLatency, st.latency_p50_ns / 1e3,
                  st.latency_p99_ns / 1e3);
    text("latency figures", line);
  }
  std::snprintf(line, sizeof line, text::kManyCpu, st.cpu_ns_per_message() / 1e3);
  flow(text_width(line) + help_width());  // the figure and its "(?)" together
  ImGui::TextUnformatted(line);
  fit_.seen("cpu");
  help_marker(text::kHelpManyCost);
  fit_.seen("cost", " (?)");
  if (!m.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::failed_text());
    ImGui::TextWrapped("%s", m.error.c_str());
    ImGui::PopStyleColor();
    fit_.seen("error");
  }
  finish_height();
}

void ControlsView::draw_toolbar(Ui& ui) {
  begin_strip(ui);
  if (ui.many.active) return draw_many(ui);
  ImGui::BeginDisabled(disabled_);
  right_ = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  line_start_ = true;
  if (server_external_) external_note(text::kExternalServer);
  if (client_external_) external_note(text::kExternalClient);
  ImGui::BeginDisabled(server_external_);
  if (action(ui, text::kPostRecv, text::kHelpRecv)) post_recv(ui);
  if (ui.lab_model == netcore::LabModel::completion_routine &&
      action(ui, text::kAlertable, text::kHelpAlertable))
    alertable(ui);
  ImGui::EndDisabled();
  ImGui::BeginDisabled(client_external_);
  if (action(ui, text::kPostSend, text::kHelpSend)) post_send(ui);
  ImGui::EndDisabled();
  if (action(ui, text::kCancelPending, text::kHelpCancel)) cancel_pending(ui);
  if (action(ui, text::kResetLab, text::kHelpReset)) reset_lab(ui);
  model_combo(ui);
  ImGui::EndDisabled();
  finish_height();
}

void ControlsView::draw(Ui& ui) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float em = ImGui::GetFontSize();
  begin_strip(ui);
  if (ui.many.active) return draw_many(ui);
  // Three groups side by side, so the timeline below gets the full width. In each, the widgets
  // flow left to right and wrap onto the next line when the column is too narrow.
  if (!ImGui::BeginTable("##controls", 3, ImGuiTableFlags_BordersInnerV)) return;
  ImGui::BeginDisabled(disabled_);
  ImGui::TableSetupColumn("server", ImGuiTableColumnFlags_WidthStretch, 0.34f);
  ImGui::TableSetupColumn("client", ImGuiTableColumnFlags_WidthStretch, 0.42f);
  ImGui::TableSetupColumn("lab", ImGuiTableColumnFlags_WidthStretch, 0.24f);
  ImGui::TableNextRow();
  const float wsabufs_w = text_width(text::kWsabufCount);  // the WSABUF count's label

  column(ui, 0, text::kServer);
  if (server_external_) external_note(text::kExternalServer);
  ImGui::BeginDisabled(server_external_);
  if (action(ui, text::kPostRecv, text::kHelpRecv)) post_recv(ui);
  if (ui.lab_model == netcore::LabModel::completion_routine &&
      action(ui, text::kAlertable, text::kHelpAlertable))
    alertable(ui);
  // The reading loop is the event model's (the engine refuses it in the others).
  if (ui.lab_model == netcore::LabModel::event &&
      action(ui, reading_ ? text::kStopReading : text::kResumeReading, text::kHelpReading)) {
    reading_ = !reading_;
    ui.submit(netcore::set_reading(netcore::kServerSession, reading_));
  }
  line_start_ = true;  // the receive's parameters
  flow(labeled_width(em * 4.5f, text::kBufferSize));
  ImGui::SetNextItemWidth(em * 4.5f);
  ImGui::InputInt(text::kBufferSize, &recv_size_, 0, 0, kSelectAll);
  note_input(ui, text::kBufferSize);
  fit_.seen(text::kBufferSize);
  recv_size_ = std::clamp(recv_size_, 1, 1 << 20);
  flow(em * 4.5f + style.ItemSpacing.x + wsabufs_w + help_width());  // count, label, (?)
  ImGui::SetNextItemWidth(em * 4.5f);
  ImGui::InputInt("##recv_wsabufs", &recv_wsabufs_, 1, 1);
  fit_.seen("server WSABUF count");
  recv_wsabufs_ = std::clamp(recv_wsabufs_, 1, netcore::kMaxWsabufs);
  flow(wsabufs_w + help_width());
  ImGui::TextUnformatted(text::kWsabufCount);
  fit_.seen(text::kWsabufCount);
  help_marker(text::kHelpWsabufs);
  fit_.seen(text::kWsabufCount, " (?)");
  ImGui::EndDisabled();

  column(ui, 1, text::kClient);
  if (client_external_) external_note(text::kExternalClient);
  ImGui::BeginDisabled(client_external_);
  if (action(ui, text::kPostSend, text::kHelpSend)) post_send(ui);
  if (action(ui, text::kClose, text::kHelpClose))
    ui.submit(netcore::close_session(netcore::kClientSession));
  line_start_ = true;  // the send's parameters
  flow(labeled_width(em * 6.5f, text::kSendText));
  ImGui::SetNextItemWidth(em * 6.5f);
  ImGui::InputText(text::kSendText, send_text_, sizeof send_text_, kSelectAll);
  note_input(ui, text::kSendText);
  fit_.seen(text::kSendText);
  flow(labeled_width(em * 3.5f, text::kSendBytes));
  ImGui::SetNextItemWidth(em * 3.5f);
  ImGui::InputInt(text::kSendBytes, &send_size_, 0, 0, kSelectAll);
  note_input(ui, text::kSendBytes);
  fit_.seen(text::kSendBytes);
  send_size_ = std::clamp(send_size_, 1, 1 << 24);
  flow(em * 4.5f + style.ItemSpacing.x + wsabufs_w);  // count and label
  ImGui::SetNextItemWidth(em * 4.5f);
  ImGui::InputInt("##send_wsabufs", &send_wsabufs_, 1, 1);
  fit_.seen("client WSABUF count");
  send_wsabufs_ = std::clamp(send_wsabufs_, 1, netcore::kMaxWsabufs);
  flow(wsabufs_w);
  ImGui::TextUnformatted(text::kWsabufCount);
  fit_.seen(text::kWsabufCount);
  ImGui::EndDisabled();

  column(ui, 2, text::kLab);
  if (action(ui, text::kCancelPending, text::kHelpCancel)) cancel_pending(ui);
  if (action(ui, text::kSmallBuffers, text::kHelpSmallBuffers)) {  // the lab's own sides only
    if (!client_external_)
      ui.submit(netcore::set_buffer(netcore::kClientSession, true, kSmallBuffer));
    if (!server_external_)
      ui.submit(netcore::set_buffer(netcore::kServerSession, false, kSmallBuffer));
  }
  line_start_ = true;  // on a line of its own: it throws the lab away
  if (action(ui, text::kResetLab, text::kHelpReset)) reset_lab(ui);
  line_start_ = true;  // so does a model change
  model_combo(ui);
  ImGui::EndDisabled();
  ImGui::EndTable();
  finish_height();
}

}  // namespace iolab::views
