#include "views/controls_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "views/strings.hpp"
#include "views/widgets.hpp"

namespace iolab::views {
namespace {

// ImGui::Button that also notes where it was drawn, so --drive can click it by its label.
bool button(Ui& ui, const char* label) {
  const bool pressed = ImGui::Button(label);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.buttons.push_back({label, (a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f});
  return pressed;
}

// Notes where an input box was drawn (its left part, where a click focuses the text).
void note_input(Ui& ui, const char* label) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.buttons.push_back({label, a.x + ImGui::GetFontSize(), (a.y + b.y) * 0.5f});
}

// A click in a number box selects it all, so the teacher just types the new value.
// SO_SNDBUF/SO_RCVBUF for "Small buffers": a few 64 KiB sends then fill them.
constexpr int32_t kSmallBuffer = 4096;

constexpr ImGuiInputTextFlags kSelectAll = ImGuiInputTextFlags_AutoSelectAll;

}  // namespace

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

void ControlsView::draw(Ui& ui) {
  if (key_pressed('R')) post_recv(ui);
  if (key_pressed('S')) post_send(ui);

  const float em = ImGui::GetFontSize();
  // Three groups side by side, so the timeline below gets the full width.
  if (!ImGui::BeginTable("##controls", 3, ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn("server", ImGuiTableColumnFlags_WidthStretch, 0.34f);
  ImGui::TableSetupColumn("client", ImGuiTableColumnFlags_WidthStretch, 0.40f);
  ImGui::TableSetupColumn("lab", ImGuiTableColumnFlags_WidthStretch, 0.26f);
  ImGui::TableNextRow();

  ImGui::TableSetColumnIndex(0);
  section_heading(ui, text::kServer);
  if (button(ui, text::kPostRecv)) post_recv(ui);
  help_marker(text::kHelpRecv);
  ImGui::SameLine();
  if (button(ui, reading_ ? text::kStopReading : text::kResumeReading)) {
    reading_ = !reading_;
    ui.submit(netcore::set_reading(netcore::kServerSession, reading_));
  }
  help_marker(text::kHelpReading);
  ImGui::SetNextItemWidth(em * 4.5f);
  ImGui::InputInt(text::kBufferSize, &recv_size_, 0, 0, kSelectAll);
  note_input(ui, text::kBufferSize);
  recv_size_ = std::clamp(recv_size_, 1, 1 << 20);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 4.5f);
  ImGui::InputInt("##recv_wsabufs", &recv_wsabufs_, 1, 1);
  recv_wsabufs_ = std::clamp(recv_wsabufs_, 1, netcore::kMaxWsabufs);
  ImGui::SameLine();
  ImGui::TextUnformatted(text::kWsabufCount);
  help_marker(text::kHelpWsabufs);

  ImGui::TableSetColumnIndex(1);
  section_heading(ui, text::kClient);
  if (button(ui, text::kPostSend)) post_send(ui);
  help_marker(text::kHelpSend);
  ImGui::SameLine();
  if (button(ui, text::kClose)) ui.submit(netcore::close_session(netcore::kClientSession));
  help_marker(text::kHelpClose);
  ImGui::SetNextItemWidth(em * 6.5f);
  ImGui::InputText(text::kSendText, send_text_, sizeof send_text_, kSelectAll);
  note_input(ui, text::kSendText);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 3.5f);
  ImGui::InputInt(text::kSendBytes, &send_size_, 0, 0, kSelectAll);
  note_input(ui, text::kSendBytes);
  send_size_ = std::clamp(send_size_, 1, 1 << 24);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 4.5f);
  ImGui::InputInt("##send_wsabufs", &send_wsabufs_, 1, 1);
  send_wsabufs_ = std::clamp(send_wsabufs_, 1, netcore::kMaxWsabufs);
  ImGui::SameLine();
  ImGui::TextUnformatted(text::kWsabufCount);

  ImGui::TableSetColumnIndex(2);
  section_heading(ui, text::kLab);
  if (button(ui, text::kCancelPending)) {
    ui.submit(netcore::cancel(netcore::kServerSession));
    ui.submit(netcore::cancel(netcore::kClientSession));
  }
  help_marker(text::kHelpCancel);
  ImGui::SameLine();
  if (button(ui, text::kSmallBuffers)) {
    ui.submit(netcore::set_buffer(netcore::kClientSession, true, kSmallBuffer));
    ui.submit(netcore::set_buffer(netcore::kServerSession, false, kSmallBuffer));
  }
  help_marker(text::kHelpSmallBuffers);
  if (button(ui, text::kResetLab)) {
    reading_ = false;
    ui.submit(netcore::reset_lab());
    ui.reset_requested = true;
  }
  help_marker(text::kHelpReset);
  ImGui::EndTable();
}

}  // namespace iolab::views
