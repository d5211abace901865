#include "views/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/item_check.hpp"
#include "views/strings.hpp"

namespace iolab::views {

namespace colors {
bool light_theme() {
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  return bg.x + bg.y + bg.z > 1.5f;
}
ImVec4 accent() {
  return light_theme() ? ImVec4(0.70f, 0.25f, 0.0f, 1.0f) : ImVec4(0.94f, 0.89f, 0.26f, 1.0f);
}
ImVec4 comment() {
  return light_theme() ? ImVec4(0.10f, 0.42f, 0.10f, 1.0f) : ImVec4(0.55f, 0.75f, 0.55f, 1.0f);
}
}  // namespace colors

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void section_heading(const Ui& ui, const char* text) {
  if (ui.fonts.big) push_font(ui.fonts.big);
  ImGui::TextUnformatted(text);
  if (ui.fonts.big) ImGui::PopFont();
}

bool flow(float width, float right, bool new_line, float spacing) {
  const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
  if (new_line || ImGui::GetItemRectMax().x + gap + width > right) return false;
  ImGui::SameLine(0.0f, spacing);
  return true;
}

float text_width(const char* text) {
  return ImGui::CalcTextSize(text, nullptr, true).x;
}
float button_width(const char* label) {
  return text_width(label) + ImGui::GetStyle().FramePadding.x * 2;
}
float checkbox_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + text_width(label);
}
float labeled_width(float box, const char* label) {
  return box + ImGui::GetStyle().ItemInnerSpacing.x + text_width(label);
}
float help_width() {
  return ImGui::GetStyle().ItemSpacing.x + text_width("(?)");
}

LegendFlow::LegendFlow(FitCheck& fit) : fit_(fit) {
  font_ = ImGui::GetFontSize();
  mark_w_ = font_ * 0.9f;  // the bars' width; the other marks are narrower
  gap_ = font_ * 0.3f;     // between a mark and its label
  const ImVec2 start = ImGui::GetCursorScreenPos();
  top_ = start.y;
  left_ = start.x;
  right_ = start.x + ImGui::GetContentRegionAvail().x;
  fit_.begin();
  const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, spacing.y * 0.5f));  // lines
}

float LegendFlow::end() {
  ImGui::PopStyleVar();
  return fit_.bottom() - top_;
}

void FitCheck::seen(const char* name, const char* suffix) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  bottom_ = std::max(bottom_, b.y);
  const bool whole = ImGui::IsRectVisible(a, ImVec2(a.x + 1, a.y + 1)) &&
                     ImGui::IsRectVisible(ImVec2(b.x - 1, b.y - 1), b);
  if (!whole && clipped_.empty()) clipped_ = std::string(name) + suffix;
  if (item_check::armed()) item_check::note_item((std::string(name) + suffix).c_str());
}

std::string format_duration(double ns) {
  char buf[48];
  const double a = std::fabs(ns);
  if (a < 1e3) {
    std::snprintf(buf, sizeof buf, "%.0f ns", ns);
  } else if (a < 1e6) {
    std::snprintf(buf, sizeof buf, "%.3g \xC2\xB5s", ns / 1e3);
  } else if (a < 1e9) {
    std::snprintf(buf, sizeof buf, "%.3g ms", ns / 1e6);
  } else if (a < 60e9) {
    std::snprintf(buf, sizeof buf, "%.3f s", ns / 1e9);
  } else {
    const double s = ns / 1e9;
    std::snprintf(buf, sizeof buf, "%d min %02d s", static_cast<int>(s / 60),
                  static_cast<int>(std::fmod(s, 60.0)));
  }
  return buf;
}

std::string session_name(uint32_t session) {
  if (session == netcore::kServerSession) return text::kSessionServer;
  if (session == netcore::kClientSession) return text::kSessionClient;
  return std::string(text::kSessionOther) + " " + std::to_string(session);
}

std::string op_name(const model::Op& op) {
  return session_name(op.session) + " " + netcore::api_name(op.api) + " #" + std::to_string(op.id);
}

void draw_diamond(ImDrawList* dl, ImVec2 c, float r, ImU32 color) {
  dl->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r),
                    ImVec2(c.x - r, c.y), color);
  dl->AddQuad(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r),
              ImVec2(c.x - r, c.y), IM_COL32(0, 0, 0, 255), 1.5f);
}

void draw_triangle_down(ImDrawList* dl, ImVec2 c, float r, ImU32 color) {
  const ImVec2 a(c.x - r, c.y - r * 0.8f), b(c.x + r, c.y - r * 0.8f), d(c.x, c.y + r);
  dl->AddTriangleFilled(a, b, d, color);
  dl->AddTriangle(a, b, d, IM_COL32(0, 0, 0, 255), 1.5f);
}

void draw_circle(ImDrawList* dl, ImVec2 c, float r, ImU32 color) {
  dl->AddCircleFilled(c, r, color, 20);
  dl->AddCircle(c, r, IM_COL32(0, 0, 0, 255), 20, 1.5f);
}

void draw_cross(ImDrawList* dl, ImVec2 c, float r, ImU32 color) {
  const float t = r * 0.45f;
  dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), color, t);
  dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), color, t);
}

void draw_pending_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color) {
  dl->AddRectFilled(a, b, color);
  // Diagonal stripes: "pending" reads as a pattern, not only as a colour.
  dl->PushClipRect(a, b, true);
  const float h = b.y - a.y;
  const float step = h * 0.9f;
  for (float x = a.x - h; x < b.x; x += step)
    dl->AddLine(ImVec2(x, b.y), ImVec2(x + h, a.y), IM_COL32(0, 0, 0, 90), h * 0.22f);
  dl->PopClipRect();
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 255), 0.0f, 1.5f);
}

void draw_wait_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color) {
  dl->AddRectFilled(a, b, color, 3.0f);
  dl->AddRect(a, b, IM_COL32(0, 0, 0, 255), 3.0f, 1.5f);
}

}  // namespace iolab::views
