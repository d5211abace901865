// The layout check of the GUI tests (`view items-fit`), from Dear ImGui's own item rectangles.
// ImGui is built with IMGUI_ENABLE_TEST_ENGINE: while armed, its ItemAdd hook hands us every
// widget with an id (buttons, boxes, checkboxes, menus, the timeline's plot) with its rectangle and
// the clip rectangle it was laid out in; views add what has no id (a label, a legend's text) with
// note_item, and text drawn straight onto a draw list (the timeline's lane labels) with
// note_text. After the frame, check() finds:
//   - an item clipped by its window (or its table cell) where the window cannot scroll to it;
//   - two visible items overlapping (neither holds the other);
//   - text wider than its cell: a table column whose contents run past its clip rectangle, a
//     window whose contents run past its right edge with no horizontal scrollbar, or below its
//     bottom with no vertical scrollbar.
#pragma once
#include <string>
#include <vector>

struct ImVec2;

namespace iolab::views::item_check {

// Records from the next frame on (the hooks cost nothing until then).
void arm();
bool armed();
// A widget without an id, just laid out (ImGui's last item), by name.
void note_item(const char* name);
// Text drawn onto a draw list at [min, max] that must fit in the cell [cell_min, cell_max].
void note_text(const char* name, const ImVec2& min, const ImVec2& max, const ImVec2& cell_min,
               const ImVec2& cell_max);
// After ImGui::Render(): the problems of the frame just laid out, one line each ("clipped:
// 'Post WSARecv [R]' in 'Controls' ..."); empty when everything fits.
void check();
const std::vector<std::string>& problems();

}  // namespace iolab::views::item_check
