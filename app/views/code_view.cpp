#include "views/code_view.hpp"

#include <imgui.h>

#include <string>

#include "views/strings.hpp"
#include "views/widgets.hpp"

namespace iolab::views {
namespace {

void draw_path(const model::Op& op, float right) {
  using model::Path;
  // Steps reached are bright; steps still ahead of a pending op are dim.
  int reached = 2;
  int total = 4;
  const char* words = text::kPathNotYet;
  switch (op.path) {
    case Path::not_yet:
      reached = 1;
      break;
    case Path::immediate:
      total = 2;
      words = text::kPathImmediate;
      break;
    case Path::pending:
      words = text::kPathPending;
      break;
    case Path::signaled:
      reached = 3;
      words = op.last_kind == netcore::Kind::completion_queued ? text::kPathQueued
                                                               : text::kPathSignaled;
      break;
    case Path::completed:
      reached = 4;
      words = text::kPathCompleted;
      break;
    case Path::failed:
      reached = op.t_signaled != model::kNever ? 4 : 2;
      total = reached;
      words = text::kPathFailed;
      break;
  }
  // After the op's name on its line when it fits there (a line more for the listing on a
  // projector), else on a line of its own.
  std::string whole = text::kPathTaken;
  for (int step = 1; step <= total; ++step) whole += step > 1 ? " \xE2\x86\x92 0" : " 0";
  whole += std::string("   (") + words + ")";
  flow(text_width(whole.c_str()) + ImGui::GetStyle().ItemSpacing.x * 2.0f * total, right);
  ImGui::TextUnformatted(text::kPathTaken);
  for (int step = 1; step <= total; ++step) {
    ImGui::SameLine();
    const ImVec4 color = step <= reached ? colors::accent() : ImVec4(0.45f, 0.45f, 0.45f, 1.0f);
    if (step > 1) {
      ImGui::TextColored(color, "%s", text::kArrow + 1);  // "→ " without the leading space
      ImGui::SameLine();
    }
    ImGui::TextColored(color, "%d", step);
  }
  ImGui::SameLine();
  ImGui::TextDisabled("  (%s)", words);
}

}  // namespace

const model::Op* Ui::shown() const {
  if (!model) return nullptr;
  if (selection_pinned) return model->find_op(selected_op);
  return model->newest_op();
}

CodeView::CodeView()
    : server_{model::Listing::parse(model::server_recv_listing()),
              model::Listing::parse(model::server_routine_listing()),
              model::Listing::parse(model::server_iocp_listing()),
              model::Listing::parse(model::server_event_select_listing())},
      client_(model::Listing::parse(model::client_send_listing())) {}

void CodeView::draw(Ui& ui) {
  const model::Op* op = ui.shown();
  const bool client =
      op && (op->api == netcore::Api::WSASend || op->session == netcore::kClientSession);
  const model::Listing& listing = client ? client_ : server_[static_cast<size_t>(ui.lab_model)];

  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  if (op) {
    ImGui::Text("%s", op_name(*op).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("  %s", netcore::kind_name(op->last_kind));
    draw_path(*op, right);
  } else {
    ImGui::TextDisabled("%s", text::kCodeNoSelection);
    ImGui::NewLine();
  }
  ImGui::Separator();

  ImGui::BeginChild("##listing", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_HorizontalScrollbar);
  if (ui.fonts.mono) push_font(ui.fonts.mono);
  const std::string tag = op ? model::listing_tag(*op) : std::string();
  // Scrolled to the executing line again when the op moves on, or the panel changed height (a
  // preset re-fitted after a scale change).
  const float listing_h = ImGui::GetWindowHeight();
  const bool moved = op && (op->id != scrolled_op_ || op->last_kind != scrolled_kind_ ||
                            listing_h != scrolled_height_);
  scrolled_height_ = listing_h;
  bool scrolled = false;
  for (size_t i = 0; i < listing.lines.size(); ++i) {
    const model::Listing::Line& line = listing.lines[i];
    const bool hot = op && listing.has_tag(i, tag);
    if (hot) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float w = ImGui::GetWindowWidth() + ImGui::GetScrollX();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 4, p.y),
                                                ImVec2(p.x + w, p.y + ImGui::GetTextLineHeight()),
                                                colors::kHighlight);
      ImGui::GetWindowDrawList()->AddRectFilled(
          ImVec2(p.x - 4, p.y), ImVec2(p.x, p.y + ImGui::GetTextLineHeight()), colors::kSelection);
      if (moved && !scrolled) {
        ImGui::SetScrollHereY(0.35f);
        scrolled = true;
      }
    }
    const bool comment = line.code.find("//") != std::string::npos &&
                         line.code.find_first_not_of(' ') == line.code.find("//");
    if (comment)
      ImGui::TextColored(colors::comment(), "%s", line.code.c_str());
    else
      ImGui::TextUnformatted(line.code.empty() ? " " : line.code.c_str());
  }
  if (ui.fonts.mono) ImGui::PopFont();
  ImGui::EndChild();
  if (op) {
    scrolled_op_ = op->id;
    scrolled_kind_ = op->last_kind;
  }
}

}  // namespace iolab::views
