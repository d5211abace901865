#include "views/inspector_view.hpp"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "netcore/errors.hpp"
#include "views/code_view.hpp"
#include "views/strings.hpp"
#include "views/widgets.hpp"

namespace iolab::views {
namespace {

constexpr ImGuiTableFlags kTableFlags =
    ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
ImFont* small_font = nullptr;  // set at the top of draw(): one frame's font, not state

// One "name  value" row, with the io_uring meaning under it on Linux.
void field(const char* name, const std::string& value, const char* uring_note, bool on_linux) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(name);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(value.c_str());
  if (on_linux && uring_note) {
    push_font(small_font);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", uring_note);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
  }
}

std::string hex64(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llX", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

void InspectorView::draw(Ui& ui) {
  small_font = ui.fonts.small ? ui.fonts.small : ImGui::GetFont();
  const model::Op* op = ui.shown();
  if (!op) {
    ImGui::TextDisabled("%s", text::kInspectorNoSelection);
    return;
  }
  const netcore::Transition t = ui.model->latest(*op);
  const bool on_linux = ui.backend == netcore::Backend::linux_io_uring;

  ImGui::Text("%s  \xC2\xB7  %s", op_name(*op).c_str(), netcore::kind_name(t.kind));
  if (op->path == model::Path::pending || op->path == model::Path::signaled) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::pending_text());
    ImGui::TextWrapped("%s", text::kDoNotTouch);
    ImGui::PopStyleColor();
  }

  // The call's own answer first: 0, or SOCKET_ERROR with WSA_IO_PENDING (not an error).
  if (ImGui::BeginTable("##ret", 2, kTableFlags)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    std::string ret = std::to_string(t.result);
    if (t.result == netcore::kSocketError) ret += "  SOCKET_ERROR";
    ret += std::string("  (") + netcore::api_name(t.api) + ")";
    field(text::kReturn, ret, nullptr, on_linux);
    const char* name = netcore::error_name(ui.backend, t.error);
    std::string err =
        t.error == 0 ? "0" : std::string(*name ? name : "?") + " (" + std::to_string(t.error) + ")";
    field(text::kError, err, t.error == netcore::kWsaIoPending ? text::kUringPending : nullptr,
          on_linux);
    ImGui::EndTable();
  }
  if (t.error != 0) {
    const char* help = netcore::error_help(ui.backend, t.error);
    if (help && *help) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", help);
      ImGui::PopTextWrapPos();
    }
  }
  if (on_linux) {
    push_font(small_font);
    ImGui::TextDisabled("%s", text::kUringHeading);
    ImGui::PopFont();
  }
  section_heading(ui, text::kOverlapped);
  if (ImGui::BeginTable("##ov", 2, kTableFlags)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    std::string internal = hex64(t.ov_internal);
    if (t.ov_internal == 0x103) internal += "  STATUS_PENDING";
    field("Internal", internal, text::kUringInternal, on_linux);
    field("InternalHigh", std::to_string(t.ov_internal_high) + " bytes", text::kUringInternalHigh,
          on_linux);
    field("hEvent", hex64(t.ov_event), text::kUringEvent, on_linux);
    field("event", t.event_signaled ? text::kSignaledYes : text::kSignaledNo, text::kUringSignaled,
          on_linux);
    if (on_linux) field("CQE", t.cqe_ready ? "ready" : "none", text::kUringCqe, on_linux);
    ImGui::EndTable();
  }

  section_heading(ui, text::kWsabufArray);
  if (ImGui::BeginTable("##wsabuf", 2, kTableFlags)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    uint32_t offset = 0;
    const char* buffer = op->session == netcore::kClientSession ? "sendBuffer" : "recvBuffer";
    for (int i = 0; i < t.wsabuf_count && i < netcore::kMaxWsabufs; ++i) {
      char value[96];
      std::snprintf(value, sizeof value, text::kWsabufFormat, t.wsabuf_len[i], buffer, offset);
      field(("[" + std::to_string(i) + "]").c_str(), value, nullptr, on_linux);
      offset += t.wsabuf_len[i];
    }
    ImGui::EndTable();
  }

  section_heading(ui, text::kData);
  if (ui.fonts.mono) push_font(ui.fonts.mono);
  const int n = t.data_len < netcore::kDataCapacity ? t.data_len : netcore::kDataCapacity;
  for (int row = 0; row < n; row += 8) {
    char line[96];
    int at = 0;
    for (int i = row; i < row + 8; ++i)
      at += std::snprintf(line + at, sizeof line - at, i < n ? "%02X " : "   ",
                          i < n ? static_cast<unsigned char>(t.data[i]) : 0u);
    at += std::snprintf(line + at, sizeof line - at, " ");
    for (int i = row; i < row + 8 && i < n; ++i) {
      const char c = t.data[i];
      line[at++] = c >= 32 && c < 127 ? c : '.';
    }
    line[at] = 0;
    ImGui::TextUnformatted(line);
  }
  if (n == 0) ImGui::TextDisabled("-");
  if (ui.fonts.mono) ImGui::PopFont();
}

}  // namespace iolab::views
