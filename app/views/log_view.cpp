#include "views/log_view.hpp"

#include <imgui.h>

#include <cstdio>

#include "netcore/errors.hpp"
#include "views/i18n.hpp"
#include "views/strings.hpp"
#include "views/strings_many.hpp"
#include "views/strings_watch.hpp"
#include "views/widgets.hpp"

namespace iolab::views {

std::string log_line(const netcore::Transition& t, uint64_t t0, netcore::Backend backend,
                     int events) {
  using netcore::Kind;
  std::string line = "+" + format_duration(static_cast<double>(t.t_ns - t0)) + "  ";
  if (t.op != 0) {
    line += session_name(t.session) + " #" + std::to_string(t.op) + " " + netcore::api_name(t.api);
  } else {
    const std::string watched = watched_thread_name(t.thread);
    line += (watched.empty() ? text::kLogThread + std::to_string(t.thread) : watched) + " " +
            netcore::api_name(t.api);
  }
  line += "  ";
  line += netcore::kind_name(t.kind);

  char detail[160] = "";
  const char* err = netcore::error_name(backend, t.error);
  switch (t.kind) {
    case Kind::posted:
      std::snprintf(detail, sizeof detail, "  %u B, %u WSABUF", t.bytes, t.wsabuf_count);
      break;
    case Kind::completed_immediately:
    case Kind::result_fetched: {
      const char* fmt = t.api == netcore::Api::WSASend || t.session == netcore::kClientSession
                            ? text::kDataSendLen
                            : text::kDataRecvLen;
      char len[48];
      std::snprintf(len, sizeof len, fmt, t.bytes);
      std::snprintf(detail, sizeof detail, "  \xE2\x80\x94 %s", len);
      break;
    }
    case Kind::signaled:  // which of the wait's handles woke it (the wall at 64 is there)
      if (t.api == netcore::Api::WSAWaitForMultipleEvents && events > 0)
        std::snprintf(detail, sizeof detail, text::kLogEventIndexOf, static_cast<int>(t.result),
                      events);
      else if (t.api == netcore::Api::WSAWaitForMultipleEvents)
        std::snprintf(detail, sizeof detail, text::kLogEventIndex, static_cast<int>(t.result));
      break;
    default:
      if (netcore::is_lab_code(t.error)) {  // the lab's own, labelled so (never Winsock's)
        char lab[120];
        std::snprintf(lab, sizeof lab, text::kLabCodeLog, err, static_cast<int>(t.error));
        std::snprintf(detail, sizeof detail, "  %s", lab);
      } else if (t.error != 0)
        std::snprintf(detail, sizeof detail, "  %s (%d)", *err ? err : "error",
                      static_cast<int>(t.error));
      break;
  }
  line += detail;
  return line;
}

void LogView::draw(Ui& ui) {
  const model::Model& m = *ui.model;
  if (m.empty()) {
    ImGui::TextDisabled("%s", text::kLogEmpty);
    seen_ = 0;
    return;
  }
  const uint64_t t0 = m.t_first();
  const bool grew = m.first_line() + m.log_size() != seen_;
  const model::Op* shown = ui.shown();
  const uint32_t shown_id = shown ? shown->id : 0;
  // Stick to the bottom until the teacher scrolls up; stick again once back at the bottom.
  // (The bottom itself moves a frame late, e.g. when the horizontal scrollbar appears.)
  const float scroll = ImGui::GetScrollY();
  if (scroll < last_scroll_ - 1.0f) stick_to_bottom_ = false;
  if (scroll >= ImGui::GetScrollMaxY() - 2.0f) stick_to_bottom_ = true;
  last_scroll_ = scroll;
  // The small font: a whole transition on one line of a third of the screen.
  if (ui.fonts.small) push_font(ui.fonts.small);
  line_pos_.clear();
  pitfalls_drawn_.clear();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m.log_size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const netcore::Transition t = m.transition(static_cast<size_t>(i));
      const model::Wait* wait =
          t.kind == netcore::Kind::signaled ? m.wait_at(t.thread, t.t_ns) : nullptr;
      std::string line = log_line(t, t0, ui.backend, wait ? wait->events : 0);
      // A watched program's pitfall, on the line of the transition that showed it.
      const auto pitfall = ui.watch.pitfall_at_line.find(m.first_line() + static_cast<size_t>(i));
      const bool flagged = pitfall != ui.watch.pitfall_at_line.end();
      char flag[512] = "";
      if (flagged) {
        const netcore::Pitfall p = ui.watch.pitfalls[pitfall->second].pitfall;
        std::snprintf(
            flag, sizeof flag, text::kPitfallLog, netcore::pitfall_name(p),
            language() == Lang::ko ? netcore::pitfall_text_ko(p) : netcore::pitfall_text_en(p));
        line += "   ";
        line += flag;
        // Counted for `view log-pitfall=` only on the transition that showed it.
        const PitfallMark& mark = ui.watch.pitfalls[pitfall->second];
        if (t.op == mark.op && t.t_ns == mark.t_ns) pitfalls_drawn_.push_back(p);
      }
      ImGui::PushID(i);
      const bool selected = t.op != 0 && t.op == shown_id;
      const bool failed = t.kind == netcore::Kind::failed || flagged;
      if (failed) ImGui::PushStyleColor(ImGuiCol_Text, colors::failed_text());
      if (t.op == 0)
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      if (ImGui::Selectable(line.c_str(), selected) && t.op != 0) ui.select(t.op, true);
      // The explanation may be past the panel's right edge: the tooltip shows it whole.
      if (flagged && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", flag);
      if (t.op != 0 && !line_pos_.count(t.op)) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        line_pos_[t.op] = {a.x + (b.x - a.x) * 0.3f, (a.y + b.y) * 0.5f};
      }
      if (t.op == 0) ImGui::PopStyleColor();
      if (failed) ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  if (ui.fonts.small) ImGui::PopFont();
  // Newest at the bottom, like a console, unless the teacher scrolled up to look at something.
  // The clipper leaves the cursor past the last line without an item there: an empty one lets
  // SetScrollHereY see the true bottom.
  ImGui::Dummy(ImVec2(0, 0));
  if (grew && stick_to_bottom_) ImGui::SetScrollHereY(1.0f);
  seen_ = m.first_line() + m.log_size();
}

bool LogView::drew_pitfall(const std::string& name) const {
  for (netcore::Pitfall p : pitfalls_drawn_)
    if (name == netcore::pitfall_name(p)) return true;
  std::fprintf(stderr, "log: no pitfall line '%s' drawn\n", name.c_str());
  return false;
}

bool LogView::line_position(uint32_t op, float& x, float& y) const {
  auto it = line_pos_.find(op);
  if (it == line_pos_.end()) return false;
  x = it->second.first;
  y = it->second.second;
  return true;
}

}  // namespace iolab::views
