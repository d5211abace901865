// Small helpers shared by the panels (imgui_demo.cpp's HelpMarker and friends).
#pragma once
#include <imgui.h>

#include <cstdint>
#include <string>

#include "views/ui.hpp"

namespace iolab::views {

// A "(?)" after the previous widget; hovering shows `text`.
void help_marker(const char* text);

// A heading in the big font.
void section_heading(const Ui& ui, const char* text);

// "850 ns", "12.3 µs", "4.56 ms", "1.234 s", "2 min 03 s".
std::string format_duration(double ns);

// "server" / "client" / "session 7".
std::string session_name(uint32_t session);

// "server WSARecv #3".
std::string op_name(const model::Op& op);

// Colour-blind-safe palette (Okabe & Ito), one colour per meaning, used with distinct shapes.
namespace colors {
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) {
  return IM_COL32(r, g, b, 255);
}
inline constexpr ImU32 kImmediate = rgb(0x00, 0x9E, 0x73);  // bluish green
inline constexpr ImU32 kPending = rgb(0xE6, 0x9F, 0x00);    // orange
inline constexpr ImU32 kSignaled = rgb(0x56, 0xB4, 0xE9);   // sky blue
inline constexpr ImU32 kFetched = rgb(0x00, 0x72, 0xB2);    // blue
inline constexpr ImU32 kFailed = rgb(0xD5, 0x5E, 0x00);     // vermillion
inline constexpr ImU32 kWaiting = rgb(0xCC, 0x79, 0xA7);    // reddish purple
inline constexpr ImU32 kRunning = rgb(0x90, 0x90, 0x90);
inline constexpr ImU32 kHighlight = IM_COL32(0xF0, 0xE4, 0x42, 70);  // yellow, translucent
inline constexpr ImU32 kSelection = rgb(0xF0, 0xE4, 0x42);           // yellow
// Theme-aware: the light (projector) theme needs darker accents than the dark one.
bool light_theme();  // the style's window background is light
ImVec4 accent();     // "you are here": yellow on dark, deep orange on light
ImVec4 comment();    // code comments: soft green on dark, dark green on light
}  // namespace colors

// Shapes of the legend and the timeline, so both draw the same marks.
void draw_diamond(ImDrawList* dl, ImVec2 center, float r, ImU32 color);
void draw_triangle_down(ImDrawList* dl, ImVec2 center, float r, ImU32 color);
void draw_circle(ImDrawList* dl, ImVec2 center, float r, ImU32 color);
void draw_cross(ImDrawList* dl, ImVec2 center, float r, ImU32 color);
void draw_pending_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color);  // striped bar
void draw_wait_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color);

}  // namespace iolab::views
