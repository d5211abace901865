#include "views/inspector_view.hpp"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "netcore/errors.hpp"
#include "views/code_view.hpp"
#include "views/i18n.hpp"
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
  const bool lab_code = netcore::is_lab_code(t.error);
  if (lab_code) {  // made up by the engine: never let it pass for Winsock's answer
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kLabCode));
    ImGui::TextWrapped("%s", text::kLabCode);
    ImGui::PopStyleColor();
  }
  if (t.error != 0) {
    const char* help = error_help_text(ui.backend, t.error);
    if (help && *help) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", help);
      ImGui::PopTextWrapPos();
    }
  }
  if (t.kind == netcore::Kind::unwatched) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", text::kNotWatched);
    ImGui::PopTextWrapPos();
  }
  if (op->session == netcore::kServerSession) draw_model(ui, t, on_linux);
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
    char high[48];
    std::snprintf(high, sizeof high, text::kBytesFormat,
                  static_cast<unsigned long long>(t.ov_internal_high));
    field("InternalHigh", high, text::kUringInternalHigh, on_linux);
    field("hEvent", hex64(t.ov_event), text::kUringEvent, on_linux);
    field("event", t.event_signaled ? text::kSignaledYes : text::kSignaledNo, text::kUringSignaled,
          on_linux);
    if (!on_linux && t.event_signaled) {
      push_font(small_font);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", text::kManualReset);
      ImGui::PopTextWrapPos();
      ImGui::PopFont();
    }
    if (on_linux)
      field("CQE", t.cqe_ready ? text::kCqeReady : text::kCqeNone, text::kUringCqe, on_linux);
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
  draw_stream(ui, *op);
}

// The server's model: the routine (queued, or ran), the completion key, the network events; and
// once, on Linux, how io_uring stands for the model.
void InspectorView::draw_model(Ui& ui, const netcore::Transition& t, bool on_linux) {
  using netcore::Kind;
  using netcore::LabModel;
  const char* uring = nullptr;
  switch (ui.lab_model) {
    case LabModel::event:
      return;
    case LabModel::completion_routine: {
      uring = text::kUringRoutine;
      section_heading(ui, text::kRoutine);
      if (ui.fonts.mono) push_font(ui.fonts.mono);
      ImGui::TextUnformatted("RecvCallback(error, recvLen, overlapped, flags)");
      if (ui.fonts.mono) ImGui::PopFont();
      if (t.kind == Kind::completion_queued) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::pending_text());
        ImGui::TextWrapped("%s", text::kRoutineQueued);
        ImGui::PopStyleColor();
      } else if (t.kind == Kind::callback) {
        ImGui::TextWrapped("%s", text::kRoutineRan);
        ImGui::Text("error = %d, recvLen = %u", t.error, t.bytes);
      }
      break;
    }
    case LabModel::iocp:
      uring = text::kUringIocp;
      if (t.kind != Kind::dequeued) break;
      if (ImGui::BeginTable("##key", 2, kTableFlags)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        field(text::kCompletionKey,
              t.session == 0 ? std::string(text::kCompletionKeyWakeUp) : std::to_string(t.session),
              nullptr, on_linux);
        field("bytesTransferred", std::to_string(t.bytes), nullptr, on_linux);
        ImGui::EndTable();
      }
      break;
    case LabModel::event_select:
      uring = text::kUringEventSelect;
      if (t.kind != Kind::network_events) break;
      if (ImGui::BeginTable("##events", 2, kTableFlags)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        std::string bits = hex64(static_cast<uint32_t>(t.result));
        if (t.result > 0 && (t.result & 1)) bits += "  FD_READ";
        if (t.result > 0 && (t.result & 32)) bits += "  FD_CLOSE";
        field(text::kNetworkEvents, bits, nullptr, on_linux);
        ImGui::EndTable();
      }
      break;
  }
  if (on_linux && uring) {
    push_font(small_font);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", uring);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
  }
}

// Where the op's bytes sit in the connection's byte stream, and for a send, which of the peer's
// receives took them: the data above is only the first bytes of one buffer.
void InspectorView::draw_stream(Ui& ui, const model::Op& op) {
  if (op.stream_at == model::kNever) return;
  section_heading(ui, text::kStream);
  const uint64_t size = op.api == netcore::Api::WSASend ? op.bytes_requested : op.bytes_done;
  char line[192];
  std::snprintf(line, sizeof line, text::kStreamBytes,
                static_cast<unsigned long long>(op.stream_at),
                static_cast<unsigned long long>(op.stream_at + size));
  ImGui::TextWrapped("%s", line);
  uint64_t offset = 0;
  if (op.api == netcore::Api::WSASend) {
    if (const model::Op* by = ui.model->receive_holding(op.session, op.stream_at, offset))
      std::snprintf(line, sizeof line, text::kStreamReceivedBy, op_name(*by).c_str(),
                    static_cast<unsigned long long>(offset));
    else
      std::snprintf(line, sizeof line, "%s", text::kStreamNotReceived);
    ImGui::TextWrapped("%s", line);
  } else if (const model::Op* touched = ui.model->touched_send_in(op)) {
    std::snprintf(line, sizeof line, text::kStreamHoldsTouched, op_name(*touched).c_str(),
                  static_cast<unsigned long long>(touched->stream_at - op.stream_at));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kPending));
    ImGui::TextWrapped("%s", line);
    ImGui::PopStyleColor();
  }
}

}  // namespace iolab::views
