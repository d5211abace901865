#include "views/item_check.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>

namespace iolab::views::item_check {
namespace {

constexpr float kSlack = 1.0f;  // pixels: rounding, a border drawn on the clip line

struct Item {
  ImGuiID id = 0;
  ImRect bb, clip;
  ImGuiWindow* window = nullptr;
  std::string label;
  bool cell_only = false;  // note_text: must fit its cell whatever the window scrolls
};

struct Recorder {
  bool armed = false;
  int frame = -1;
  std::vector<Item> items;
  std::vector<std::string> problems;
};
Recorder& recorder() {
  static Recorder r;
  return r;
}

// The items of a frame start empty: the hooks run for the frame ImGui is laying out.
std::vector<Item>& items_of(const ImGuiContext& g) {
  Recorder& r = recorder();
  if (r.frame != g.FrameCount) {
    r.frame = g.FrameCount;
    r.items.clear();
  }
  return r.items;
}

bool counted(const ImGuiWindow* w) {
  constexpr ImGuiWindowFlags kTransient =
      ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_ChildMenu;
  return w && !(w->Flags & kTransient) && !(w->RootWindow->Flags & kTransient);
}

std::string shown_label(const std::string& label) {
  const size_t hidden = label.find("##");
  return hidden == std::string::npos ? label : label.substr(0, hidden);
}

std::string describe(const Item& item) {
  char line[256];
  std::snprintf(line, sizeof line, "'%s' [%.0f,%.0f - %.0f,%.0f] in '%s'",
                item.label.empty() ? "(no label)" : shown_label(item.label).c_str(), item.bb.Min.x,
                item.bb.Min.y, item.bb.Max.x, item.bb.Max.y, item.window->Name);
  return line;
}

bool encloses(const ImRect& outer, const ImRect& inner) {
  return inner.Min.x >= outer.Min.x - kSlack && inner.Min.y >= outer.Min.y - kSlack &&
         inner.Max.x <= outer.Max.x + kSlack && inner.Max.y <= outer.Max.y + kSlack;
}

void check_clipped(const Item& item, std::vector<std::string>& out) {
  if (encloses(item.clip, item.bb)) return;
  const ImGuiWindow* w = item.window;
  const bool out_x =
      item.bb.Min.x < item.clip.Min.x - kSlack || item.bb.Max.x > item.clip.Max.x + kSlack;
  const bool out_y =
      item.bb.Min.y < item.clip.Min.y - kSlack || item.bb.Max.y > item.clip.Max.y + kSlack;
  // Out of the window's view, but its scrollbar reaches it; a table cell's edge never scrolls.
  const bool window_clip = item.clip.Min.x >= w->InnerClipRect.Min.x - kSlack &&
                           item.clip.Max.x <= w->InnerClipRect.Max.x + kSlack &&
                           item.clip.GetWidth() >= w->InnerClipRect.GetWidth() - kSlack;
  const bool reach_x = !out_x || (!item.cell_only && window_clip && w->ScrollbarX);
  const bool reach_y = !out_y || (!item.cell_only && w->ScrollbarY);
  if (reach_x && reach_y) return;
  out.push_back("clipped: " + describe(item) + " by [" + std::to_string(int(item.clip.Min.x)) +
                "," + std::to_string(int(item.clip.Min.y)) + " - " +
                std::to_string(int(item.clip.Max.x)) + "," + std::to_string(int(item.clip.Max.y)) +
                "]");
}

// A window inside another (a docked panel in the dock space, a child in its panel) lies over the
// item that holds it: not an overlap.
bool nested(const ImGuiWindow* a, const ImGuiWindow* b) {
  for (const ImGuiWindow* w = a; w; w = w->ParentWindow)
    if (w == b) return true;
  for (const ImGuiWindow* w = b; w; w = w->ParentWindow)
    if (w == a) return true;
  return false;
}

void check_overlaps(const std::vector<Item>& items, std::vector<std::string>& out) {
  for (size_t i = 0; i < items.size(); ++i) {
    ImRect a = items[i].bb;
    a.ClipWith(items[i].clip);
    if (a.GetWidth() <= kSlack || a.GetHeight() <= kSlack) continue;
    for (size_t j = i + 1; j < items.size(); ++j) {
      ImRect b = items[j].bb;
      b.ClipWith(items[j].clip);
      if (b.GetWidth() <= kSlack || b.GetHeight() <= kSlack) continue;
      ImRect both = a;
      both.ClipWith(b);
      if (both.GetWidth() <= kSlack || both.GetHeight() <= kSlack) continue;
      // A child window's frame holds its items; the plot holds what is drawn on it.
      if (encloses(items[i].bb, items[j].bb) || encloses(items[j].bb, items[i].bb)) continue;
      if (items[i].window != items[j].window && nested(items[i].window, items[j].window)) continue;
      // Another OS window (the presenter window) is not drawn over this one's pixels.
      if (items[i].window->Viewport != items[j].window->Viewport) continue;
      out.push_back("overlap: " + describe(items[i]) + " and " + describe(items[j]));
    }
  }
}

// What ImGui laid out past a window's edges (text has no id: its size is in CursorMaxPos), and
// past a table column's clip rectangle.
void check_contents(ImGuiContext& g, std::vector<std::string>& out) {
  char line[320];
  for (const ImGuiWindow* w : g.Windows) {
    if (!counted(w) || !w->Active || w->LastFrameActive != g.FrameCount || w->Hidden ||
        w->SkipItems || w->DockNodeAsHost || w->Collapsed)
      continue;
    const ImVec2 max = w->DC.CursorMaxPos;
    // Nothing laid out on the window's main layer (the main menu bar: its items are on the menu
    // layer and are checked one by one).
    if (max.x <= w->DC.CursorStartPos.x && max.y <= w->DC.CursorStartPos.y) continue;
    const ImRect& inner = w->InnerClipRect;
    if (max.x > inner.Max.x + kSlack && !w->ScrollbarX) {
      std::snprintf(line, sizeof line,
                    "wider than its window: '%s' lays out to x=%.0f, its right edge is %.0f",
                    w->Name, max.x, inner.Max.x);
      out.push_back(line);
    }
    if (max.y > inner.Max.y + kSlack && !w->ScrollbarY) {
      std::snprintf(line, sizeof line,
                    "taller than its window, no scrollbar: '%s' lays out to y=%.0f, its bottom "
                    "is %.0f",
                    w->Name, max.y, inner.Max.y);
      out.push_back(line);
    }
  }
  for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
    const ImGuiTable* t = g.Tables.TryGetMapData(i);
    if (!t || t->LastFrameActive != g.FrameCount || !counted(t->OuterWindow)) continue;
    for (int c = 0; c < t->ColumnsCount; ++c) {
      const ImGuiTableColumn& col = t->Columns[c];
      if (!col.IsVisibleX) continue;
      const float content = ImMax(col.ContentMaxXFrozen, col.ContentMaxXUnfrozen);
      if (content > col.ClipRect.Max.x + kSlack) {
        std::snprintf(line, sizeof line,
                      "wider than its cell: column %d of a table in '%s' lays out to x=%.0f, the "
                      "cell ends at %.0f",
                      c, t->OuterWindow->Name, content, col.ClipRect.Max.x);
        out.push_back(line);
      }
    }
  }
}

}  // namespace

void arm() {
  recorder().armed = true;
  if (GImGui) GImGui->TestEngineHookItems = true;
}
bool armed() {
  return recorder().armed;
}

void note_item(const char* name) {
  if (!recorder().armed || !GImGui || !GImGui->CurrentWindow) return;
  ImGuiContext& g = *GImGui;
  Item item;
  item.bb = g.LastItemData.Rect;
  item.clip = g.CurrentWindow->ClipRect;
  item.window = g.CurrentWindow;
  item.label = name;
  items_of(g).push_back(std::move(item));
}

void note_text(const char* name, const ImVec2& min, const ImVec2& max, const ImVec2& cell_min,
               const ImVec2& cell_max) {
  if (!recorder().armed || !GImGui || !GImGui->CurrentWindow) return;
  ImGuiContext& g = *GImGui;
  Item item;
  item.bb = ImRect(min, max);
  item.clip = ImRect(cell_min, cell_max);
  item.clip.ClipWith(g.CurrentWindow->ClipRect);
  item.window = g.CurrentWindow;
  item.label = name;
  item.cell_only = true;
  items_of(g).push_back(std::move(item));
}

void check() {
  Recorder& r = recorder();
  r.problems.clear();
  if (!r.armed || !GImGui) return;
  ImGuiContext& g = *GImGui;
  std::vector<Item> items;
  for (const Item& item : items_of(g))
    // Active after the frame: ImGui's implicit "Debug" window is not, unless something was put in.
    if (counted(item.window) && item.window->Active && !item.window->Hidden &&
        item.bb.GetWidth() > 0 && item.bb.GetHeight() > 0)
      items.push_back(item);
  for (const Item& item : items) check_clipped(item, r.problems);
  check_overlaps(items, r.problems);
  check_contents(g, r.problems);
}

const std::vector<std::string>& problems() {
  return recorder().problems;
}

}  // namespace iolab::views::item_check

// Dear ImGui's test-engine hooks (imgui_internal.h), called from its own code while
// ImGuiContext::TestEngineHookItems is set (item_check::arm).
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb,
                                 const ImGuiLastItemData*) {
  ImGuiWindow* w = ctx->CurrentWindow;
  // A window's own title bar, borders and resize grips are ImGui's, not the layout's.
  if (!w || id == w->ID || id == w->MoveId) return;
  for (int n = 0; n < 4; ++n)
    if (id == ImGui::GetWindowResizeCornerID(w, n) ||
        id == ImGui::GetWindowResizeBorderID(w, static_cast<ImGuiDir>(n)))
      return;
  iolab::views::item_check::Item item;
  item.id = id;
  item.bb = bb;
  item.clip = w->ClipRect;
  item.window = w;
  iolab::views::item_check::items_of(*ctx).push_back(std::move(item));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags) {
  auto& items = iolab::views::item_check::items_of(*ctx);
  for (auto it = items.rbegin(); it != items.rend() && it - items.rbegin() < 8; ++it)
    if (it->id == id) {
      if (label) it->label = label;
      return;
    }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
  return nullptr;
}
