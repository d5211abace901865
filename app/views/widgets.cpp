#include "views/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/item_check.hpp"
#include "views/strings.hpp"
#include "views/strings_watch.hpp"

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
ImVec4 failed_text() {
  return light_theme() ? ImVec4(0.62f, 0.20f, 0.0f, 1.0f) : ImVec4(0.96f, 0.46f, 0.16f, 1.0f);
}
ImVec4 pending_text() {
  return light_theme() ? ImVec4(0.50f, 0.30f, 0.0f, 1.0f) : ImVec4(0.90f, 0.62f, 0.0f, 1.0f);
}
ImVec4 immediate_text() {
  return light_theme() ? ImVec4(0.0f, 0.40f, 0.28f, 1.0f) : ImVec4(0.0f, 0.68f, 0.50f, 1.0f);
}

const Palette& palette() {
  static const Palette dark{.plot_bg = IM_COL32(24, 24, 28, 255),
                            .plot_stripe = IM_COL32(255, 255, 255, 10),
                            .plot_axis = IM_COL32(160, 160, 160, 255),
                            .plot_gridline = IM_COL32(255, 255, 255, 28),
                            .plot_now = IM_COL32(255, 255, 255, 110),
                            .plot_text = IM_COL32(235, 235, 235, 255),
                            .plot_text_dim = IM_COL32(170, 170, 170, 255),
                            .heading = IM_COL32(235, 235, 235, 255),
                            .heading_dim = IM_COL32(175, 175, 175, 255)};
  // The projector's: dark ink on a near-white plot, as on the light windows.
  static const Palette light{.plot_bg = IM_COL32(247, 247, 250, 255),
                             .plot_stripe = IM_COL32(0, 0, 0, 14),
                             .plot_axis = IM_COL32(90, 90, 100, 255),
                             .plot_gridline = IM_COL32(0, 0, 0, 30),
                             .plot_now = IM_COL32(0, 0, 0, 130),
                             .plot_text = IM_COL32(20, 20, 25, 255),
                             .plot_text_dim = IM_COL32(80, 80, 90, 255),
                             .heading = IM_COL32(0, 0, 0, 255),
                             .heading_dim = IM_COL32(70, 70, 80, 255)};
  return light_theme() ? light : dark;
}

namespace {
float linear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
float luminance(ImVec4 c) {
  return 0.2126f * linear(c.x) + 0.7152f * linear(c.y) + 0.0722f * linear(c.z);
}
ImVec4 over(ImVec4 top, ImVec4 under) {  // `top` blended over an opaque `under`
  const float a = top.w;
  return ImVec4(top.x * a + under.x * (1 - a), top.y * a + under.y * (1 - a),
                top.z * a + under.z * (1 - a), 1.0f);
}
ImVec4 u32(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}
}  // namespace

float contrast_ratio(ImVec4 a, ImVec4 b) {
  const float la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

std::vector<TextOnBackground> text_colour_pairs() {
  const ImVec4* c = ImGui::GetStyle().Colors;
  const ImVec4 window = c[ImGuiCol_WindowBg], text = c[ImGuiCol_Text];
  const ImVec4 dim = c[ImGuiCol_TextDisabled];
  const Palette& p = palette();
  const ImVec4 plot = u32(p.plot_bg);
  return {
      {"text on the window", text, window},
      {"disabled text, (?) on the window", dim, window},
      {"text on a box", text, over(c[ImGuiCol_FrameBg], window)},
      {"text on a button", text, over(c[ImGuiCol_Button], window)},
      {"text on a hovered button", text, over(c[ImGuiCol_ButtonHovered], window)},
      {"text on a pressed button", text, over(c[ImGuiCol_ButtonActive], window)},
      {"text on a selected line", text, over(c[ImGuiCol_Header], window)},
      {"text on the menu bar", text, over(c[ImGuiCol_MenuBarBg], window)},
      {"disabled text on the menu bar", dim, over(c[ImGuiCol_MenuBarBg], window)},
      {"text in a menu or tooltip", text, over(c[ImGuiCol_PopupBg], window)},
      {"a panel's tab", text, over(c[ImGuiCol_Tab], window)},
      {"the selected tab", text, over(c[ImGuiCol_TabSelected], window)},
      {"a dimmed tab", text, over(c[ImGuiCol_TabDimmed], window)},
      {"the selected dimmed tab", text, over(c[ImGuiCol_TabDimmedSelected], window)},
      {"a title bar", text, over(c[ImGuiCol_TitleBgActive], window)},
      {"the accent (you are here)", accent(), window},
      {"PAUSED on the plot", accent(), plot},
      {"a code comment", comment(), window},
      {"a failure's text", failed_text(), window},
      {"a failure's text on the menu bar", failed_text(), over(c[ImGuiCol_MenuBarBg], window)},
      {"pending text", pending_text(), window},
      {"pending text on the menu bar", pending_text(), over(c[ImGuiCol_MenuBarBg], window)},
      {"immediate text", immediate_text(), window},
      {"a lane's title, a tick, a byte count", u32(p.plot_text), plot},
      {"a lane's detail", u32(p.plot_text_dim), plot},
      {"a lane's title on a stripe", u32(p.plot_text), over(u32(p.plot_stripe), plot)},
      {"the matrix's headers", u32(p.heading), window},
      {"the matrix's Korean headers, cell notes", u32(p.heading_dim), window},
  };
}

}  // namespace colors

bool noted_button(Ui& ui, const char* label) {
  const bool pressed = ImGui::Button(label);
  note_button(ui, label);
  return pressed;
}

void note_button(Ui& ui, const char* label) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.buttons.push_back({label, (a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f});
}

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
std::string fit_label(std::initializer_list<std::string> candidates, float room) {
  std::string last;
  for (const std::string& text : candidates) {
    if (ImGui::CalcTextSize(text.c_str()).x <= room) return text;
    last = text;
  }
  // Cut on a UTF-8 character boundary: the byte after the cut is not a continuation byte.
  for (size_t n = last.size(); n-- > 2;) {
    if ((static_cast<unsigned char>(last[n]) & 0xC0) == 0x80) continue;
    const std::string cut = last.substr(0, n) + "...";
    if (ImGui::CalcTextSize(cut.c_str()).x <= room) return cut;
  }
  return "";
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

bool FitCheck::says(std::string wanted, const char* where) const {
  std::replace(wanted.begin(), wanted.end(), '_', ' ');
  if (said_.find(wanted) != std::string::npos) return true;  // one field: `wanted` has no '\n'
  std::fprintf(stderr, "%s: no field says '%s'; drawn:\n%s", where, wanted.c_str(), said_.c_str());
  return false;
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

namespace {
WatchedName watched_session, watched_thread;
}  // namespace

void set_watched_names(WatchedName session, WatchedName thread) {
  watched_session = std::move(session);
  watched_thread = std::move(thread);
}

std::string watched_thread_name(uint32_t thread) {
  std::string who;
  uint32_t own = 0;
  if (!watched_thread || !watched_thread(thread, who, own)) return "";
  return who + " " + text::kWatchThread + " " + std::to_string(own);
}

namespace {
bool many_sessions = false;
}  // namespace

void set_many_sessions(bool on) {
  many_sessions = on;
}

std::string session_name(uint32_t session) {
  if (many_sessions && session >= kFirstManySession)
    return std::string(text::kSessionOther) + " " + std::to_string(session - kFirstManySession + 1);
  std::string who;
  uint32_t own = 0;
  if (watched_session && watched_session(session, who, own))
    return who + " " + text::kWatchSocket + " " + std::to_string(own);
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
