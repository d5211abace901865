#include "views/matrix_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "views/item_check.hpp"
#include "views/strings.hpp"
#include "views/widgets.hpp"

namespace iolab::views {
namespace {

namespace mt = text::matrix;
using model::CellMark;
using model::CellTrack;
using model::IoModel;
using Type = CellMark::Type;

constexpr ImU32 kBlack = IM_COL32(0, 0, 0, 255);
constexpr ImU32 kLecture = colors::kSelection;  // yellow: the lecture's own cell
constexpr float kMinBarPx = 4.0f;

uint64_t steady_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// ImGui::Button that notes where it was drawn, for --drive's click-button.
bool button(Ui& ui, const char* label) {
  const bool pressed = ImGui::Button(label);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.buttons.push_back({label, (a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f});
  return pressed;
}

// "0", "0.5 s", "1.25 s", "40 ms": as many digits as the tick step needs.
std::string axis_label(double t, double step) {
  char buf[32];
  if (t < step * 1e-6) return "0";
  if (step >= 1e8) {
    const int decimals =
        std::clamp(static_cast<int>(std::ceil(-std::log10(step / 1e9) - 1e-9)), 0, 3);
    std::snprintf(buf, sizeof buf, "%.*f s", decimals, t / 1e9);
  } else {
    const int decimals =
        std::clamp(static_cast<int>(std::ceil(-std::log10(step / 1e6) - 1e-9)), 0, 3);
    std::snprintf(buf, sizeof buf, "%.*f ms", decimals, t / 1e6);
  }
  return buf;
}

void dashed_vline(ImDrawList* dl, float x, float y0, float y1, ImU32 color, float dash) {
  for (float y = y0; y < y1; y += dash * 2)
    dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + dash, y1)), color, 2.0f);
}

// Text centred vertically on `cy`, in `font` (nullptr: the current one).
void text_at(ImDrawList* dl, ImFont* font, float x, float cy, ImU32 color, const char* s) {
  ImFont* f = font ? font : ImGui::GetFont();
  dl->AddText(f, font_px(f), ImVec2(x, cy - font_px(f) * 0.5f), color, s);
}

// The legend's marks, one function for both pages: the shapes and colours of the lab's timeline.
enum class LegendMark {
  asleep,
  would_block,
  work,
  posted,
  pending,
  woke,
  completed,
  fetched,
  peer
};

void legend_mark(ImDrawList* dl, ImVec2 c, float r, LegendMark mark) {
  const ImVec2 a(c.x - r * 1.5f, c.y - r * 0.6f), b(c.x + r * 1.5f, c.y + r * 0.6f);
  switch (mark) {
    case LegendMark::asleep:
      draw_wait_bar(dl, a, b, colors::kWaiting);
      break;
    case LegendMark::would_block:
      for (int i = -2; i <= 2; ++i)
        dl->AddLine(ImVec2(c.x + i * r * 0.6f, c.y - r), ImVec2(c.x + i * r * 0.6f, c.y + r),
                    colors::kFailed, 2.0f);
      break;
    case LegendMark::work:  // two units: alternating greys, as the plots draw them
      dl->AddRectFilled(a, ImVec2(c.x, b.y), colors::kRunning);
      dl->AddRectFilled(ImVec2(c.x, a.y), b, IM_COL32(0xC0, 0xC0, 0xC0, 255));
      dl->AddRect(a, b, kBlack, 0.0f, 1.5f);
      break;
    case LegendMark::posted:
      dl->AddLine(ImVec2(c.x, c.y - r * 1.3f), ImVec2(c.x, c.y + r * 1.3f),
                  colors::palette().plot_axis, 2.5f);
      break;
    case LegendMark::pending:
      draw_pending_bar(dl, a, b, colors::kPending);
      break;
    case LegendMark::woke:
      draw_triangle_down(dl, c, r, colors::kSignaled);
      break;
    case LegendMark::completed:
      draw_diamond(dl, c, r, colors::kImmediate);
      break;
    case LegendMark::fetched:
      draw_circle(dl, c, r * 0.85f, colors::kFetched);
      break;
    case LegendMark::peer:
      dashed_vline(dl, c.x, c.y - r * 1.2f, c.y + r * 1.2f, colors::palette().plot_text, r * 0.4f);
      break;
  }
}

// The geometry of one cell's mini-timeline this frame.
struct Plot {
  float x0 = 0, x1 = 0;  // where t = 0 and t = span are
  double span = 1;
  float x_of(double t) const { return x0 + static_cast<float>(t / span) * (x1 - x0); }
};

// The note under a cell's call, `width` px wide: two lines at least, so the plots line up.
float note_block_h(int model, float width) {
  return std::max(ImGui::CalcTextSize(mt::kNote[model], nullptr, false, width).y +
                      ImGui::GetStyle().ItemSpacing.y,
                  ImGui::GetTextLineHeightWithSpacing() * 2);
}

// Read when drawn: the language switch repoints the strings.
const char* summary_label(int k) {
  const char* const labels[4] = {mt::kWait, mt::kAttempts, mt::kCpu, mt::kWork};
  return labels[k];
}
constexpr float kSummaryGap = 0.7f;  // ems between two numbers

// The numbers under a plot on one line, in the current font.
float summary_width(const std::string (&values)[4]) {
  float w = 0;
  for (int k = 0; k < 4; ++k)
    w += text_width(summary_label(k)) + ImGui::GetStyle().ItemSpacing.x +
         text_width(values[k].c_str()) + (k ? kSummaryGap * ImGui::GetFontSize() : 0.0f);
  return w;
}

// The frames of the page's tab bar and of its cells' call lines: slim (the cells need the height).
ImVec2 slim_frame_padding() {
  const ImVec2 pad = ImGui::GetStyle().FramePadding;
  return ImVec2(pad.x, std::floor(pad.y * 0.4f));
}

// A cell's plot at its smallest: the axis band and two rows of text.
float plot_min_h(ImFont* small) {
  return font_px(small) * 1.15f + ImGui::GetFontSize() * 2.1f;
}

}  // namespace

// Left of a cell's [Run], `width` px wide: the call, and its "(?)" when the notes are in it.
float MatrixView::heading_room(float width) const {
  return width - button_width(mt::kRun) - ImGui::GetStyle().ItemSpacing.x -
         (notes_shown_ ? 0.0f : help_width());
}

// A cell at its smallest: the call's line with [Run], the plot, one line of numbers.
float MatrixView::cell_min_h() const {
  ImFont* small = small_ ? small_ : ImGui::GetFont();
  ImFont* big = big_ ? big_ : ImGui::GetFont();
  const float heading =
      std::max(ImGui::GetFontSize() + slim_frame_padding().y * 2, heads_big_ ? font_px(big) : 0.0f);
  return cell_pad_.y * 2 + heading + cell_spacing_.y + plot_min_h(small) + summary_height();
}

// The numbers under a cell's plot: one line in the text font or the small one, or two.
float MatrixView::summary_height() const {
  if (summary_ == Summary::text) return ImGui::GetFontSize() + cell_spacing_.y;
  const float line = font_px(small_ ? small_ : ImGui::GetFont()) + cell_spacing_.y;
  return summary_ == Summary::two_lines ? line * 2 : line;
}

void MatrixView::run_all() {
  error_.clear();
  const auto delay = std::chrono::milliseconds(std::lround(delay_s_ * 1000.0f));
  if (!matrix_.start_all(delay, error_)) return;
}

void MatrixView::run(IoModel m) {
  error_.clear();
  const auto delay = std::chrono::milliseconds(std::lround(delay_s_ * 1000.0f));
  if (!matrix_.start(m, delay, error_)) return;
}

bool MatrixView::state(const std::string& name) const {
  if (name == "matrix-road") return page_ == Page::road;
  if (name == "matrix-grid") return page_ == Page::grid;
  if (name == "matrix-cells-fit") {  // every cell at least its smallest: none scrolls
    if (!cells_fit_)
      std::fprintf(stderr,
                   "matrix: the cells are shorter (%.0f px) than their smallest (%.0f px)\n",
                   last_cell_h_, last_cell_min_h_);
    return page_ == Page::grid && cells_fit_;
  }
  if (name == "matrix-road-running") return road_.running();
  if (name == "matrix-road-finished") return road_.finished() && !road_.running();
  if (name == "matrix-road-outcomes") {
    bool ok = road_.finished() && road_.road().tracks.size() == netcore::kRoadModels.size();
    for (size_t i = 0; ok && i < road_.road().tracks.size(); ++i)
      ok = road_.road().tracks[i].model == netcore::kRoadModels[i] &&
           road_.road().tracks[i].check().empty();
    if (!ok) std::fprintf(stderr, "matrix road:\n%s", road_.describe().c_str());
    return ok;
  }
  if (name.rfind("matrix-road-lane=", 0) == 0)
    return road_lane_drawn(name.substr(std::strlen("matrix-road-lane=")));
  if (name == "matrix-running") return matrix_.any_running();
  if (name == "matrix-finished") return matrix_.all_finished();
  if (name == "matrix-outcomes") {
    bool ok = matrix_.all_finished();
    for (IoModel m : netcore::kAllModels) ok = ok && matrix_.cell(m).check().empty();
    if (!ok) std::fprintf(stderr, "matrix:\n%s", matrix_.describe().c_str());
    return ok;
  }
  return false;
}

void MatrixView::draw(Ui& ui) {
  matrix_.poll();  // drain + status: never waits for the workers
  road_.poll();
  now_ns_ = steady_ns();
  // Tab turns the page (nothing here takes text, and keyboard navigation is off).
  if (ImGui::IsKeyPressed(ImGuiKey_Tab, false) && !ImGui::GetIO().WantTextInput &&
      !ImGui::GetIO().KeyCtrl) {
    page_ = page_ == Page::grid ? Page::road : Page::grid;
    select_tab_ = 2;  // the tab bar takes a selection on its next layout: hold page_ till then
  }
  const ImVec2 bar = ImGui::GetCursorScreenPos();
  const float bar_right = bar.x + ImGui::GetContentRegionAvail().x;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, slim_frame_padding());
  if (ImGui::BeginTabBar("##matrix_pages")) {
    const struct {
      Page page;
      std::string label;
    } tabs[] = {{Page::grid, std::string(mt::kPage2x2) + "###grid"},
                {Page::road, std::string(mt::kPageWindows) + "###road"}};
    for (const auto& tab : tabs) {
      const ImGuiTabItemFlags flags =
          select_tab_ && page_ == tab.page ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(tab.label.c_str(), nullptr, flags)) {
        if (!select_tab_) page_ = tab.page;  // a click on the tab
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::PopStyleVar();
  if (select_tab_) --select_tab_;
  {  // the key at the tab bar's right end; on the second page the backend left of it, if it fits
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 size = ImGui::CalcTextSize(mt::kPageKey);
    const float y = bar.y + std::floor(style.FramePadding.y * 0.4f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(ImVec2(bar_right - size.x, y), colors::palette().heading_dim, mt::kPageKey);
    const float tabs_right = bar.x + ImGui::CalcTextSize(mt::kPage2x2).x +
                             ImGui::CalcTextSize(mt::kPageWindows).x + 4 * style.FramePadding.x +
                             2 * style.ItemInnerSpacing.x;
    char backend[64];
    std::snprintf(
        backend, sizeof backend, mt::kBackend,
        netcore::backend_name(road_.finished() ? road_.road().backend : matrix_.backend()));
    const float backend_w = ImGui::CalcTextSize(backend).x;
    const float gap = ImGui::GetFontSize() * 1.5f;
    road_backend_on_tabs_ = tabs_right + gap + backend_w + gap < bar_right - size.x;
    float free_right = bar_right - size.x - gap;  // where the line's free room ends
    if (page_ == Page::road && road_backend_on_tabs_) {
      dl->AddText(ImVec2(free_right - backend_w, y), colors::palette().heading_dim, backend);
      free_right -= backend_w + gap;
    }
    // The page's title, in the text font, when it fits beside the tabs: the tab bar then costs
    // the page no height.
    const char* title = page_ == Page::road ? mt::kRoadTitle : mt::kTitle;
    title_on_tabs_ = tabs_right + gap + ImGui::CalcTextSize(title).x < free_right;
    if (title_on_tabs_) dl->AddText(ImVec2(tabs_right + gap, y), colors::palette().heading, title);
  }
  if (page_ == Page::road)
    draw_road(ui);
  else
    draw_grid(ui);
}

void MatrixView::draw_grid(Ui& ui) {
  if (key_pressed('A') && !matrix_.any_running()) run_all();
  small_ = ui.fonts.small;
  // The cells' padding and line spacing: half the panels' (the plots need the height).
  cell_pad_ = ImVec2(ImGui::GetStyle().WindowPadding.x * 0.5f,
                     std::floor(ImGui::GetStyle().WindowPadding.y * 0.5f));
  cell_spacing_ =
      ImVec2(ImGui::GetStyle().ItemSpacing.x, std::floor(ImGui::GetStyle().ItemSpacing.y * 0.5f));
  big_ = ui.fonts.big;

  const float em = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  ImFont* big = ui.fonts.big ? ui.fonts.big : ImGui::GetFont();
  // Above the grid, at full length: the page's title (unless on the tab bar's line), the toolbar
  // (as tall as on the last frame: it wraps by width alone), the two axes' lines. Where the four
  // cells at their smallest do not fit under all that, the title and the axes go into the
  // toolbar's "(?)" (`tight`); the same sizes give the same answer every frame.
  const float wrap_w = ImGui::GetContentRegionAvail().x;
  const float title_h =
      title_on_tabs_
          ? 0.0f
          : big->CalcTextSizeA(font_px(big), 1e9f, wrap_w, mt::kTitle).y + style.ItemSpacing.y;
  const float axes_h = ImGui::CalcTextSize(mt::kBlockingAxis, nullptr, false, wrap_w).y +
                       ImGui::CalcTextSize(mt::kSyncAxis, nullptr, false, wrap_w).y +
                       style.ItemSpacing.y * 2;
  const float col_head_h = em * 1.25f;
  const float legend_h = legend_h_ > 0 ? legend_h_ : em * 1.7f;  // as it wrapped last frame
  const float grid_need = col_head_h + legend_h + style.ItemSpacing.x + 2 * cell_min_h();
  const bool tight = ImGui::GetContentRegionAvail().y - title_h - toolbar_h_ - axes_h < grid_need;
  // Where even then they do not fit, the legend goes into a "Legend (?)" on the toolbar's line.
  const bool compact = ImGui::GetContentRegionAvail().y - toolbar_h_ < grid_need;
  legend_in_tooltip_ = compact;
  if (!title_on_tabs_ && !tight) {
    push_font(big);
    ImGui::TextWrapped("%s", mt::kTitle);
    ImGui::PopFont();
  }

  // Toolbar: run all four, the peer's delay, the backend; each group wraps when it must.
  const float toolbar_top = ImGui::GetCursorPosY();
  const bool busy = matrix_.any_running();
  ImGui::BeginDisabled(busy);
  if (button(ui, mt::kRunAll)) run_all();
  ImGui::EndDisabled();
  if (tight)
    help_marker((std::string(title_on_tabs_ ? "" : mt::kTitle) + (title_on_tabs_ ? "" : "\n\n") +
                 mt::kHelpRunAll + "\n\n" + mt::kBlockingAxis + "\n" + mt::kSyncAxis)
                    .c_str());
  else
    help_marker(mt::kHelpRunAll);
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  if (compact) {
    flow(text_width(mt::kLegendShort), right, false, em * 1.5f);
    ImGui::TextDisabled("%s", mt::kLegendShort);
    if (ImGui::BeginItemTooltip()) {
      FitCheck unchecked;  // legend-fit is the page's own legend's
      grid_legend(unchecked);
      ImGui::EndTooltip();
    }
  }
  const float slider_w = em * (compact ? 6.0f : 9.0f);
  flow(text_width(mt::kDelay) + style.ItemSpacing.x + slider_w + help_width(), right, false,
       em * 1.5f);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(mt::kDelay);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(slider_w);
  ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true);  // Tab turns the page
  ImGui::SliderFloat("##delay", &delay_s_, 0.0f, 5.0f, mt::kDelayFormat);
  ImGui::PopItemFlag();
  delay_s_ = std::clamp(std::round(delay_s_ * 10.0f) / 10.0f, 0.0f, 5.0f);
  help_marker(mt::kHelpDelay);
  char backend[64];
  std::snprintf(backend, sizeof backend, mt::kBackend, netcore::backend_name(matrix_.backend()));
  // The status bar names the backend too: here only where the toolbar's line has room.
  if (flow(text_width(backend), right, false, em * 1.5f)) ImGui::TextDisabled("%s", backend);

  if (!error_.empty()) ImGui::TextColored(colors::failed_text(), mt::kError, error_.c_str());
  toolbar_h_ = ImGui::GetCursorPosY() - toolbar_top;
  if (!tight) {  // the two axes, wrapping
    ImGui::TextWrapped("%s", mt::kBlockingAxis);
    ImGui::TextWrapped("%s", mt::kSyncAxis);
  }

  // The grid: row headers, column headers, four cells, then the legend.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float row_head_w = em * 6.2f;
  const float gap = style.ItemSpacing.x;
  const float cell_w = std::floor((avail.x - row_head_w - gap) * 0.5f - gap * 0.5f);
  const float cell_h =
      std::floor((avail.y - col_head_h - (compact ? 0.0f : legend_h) - gap) * 0.5f);
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float inner_w = cell_w - cell_pad_.x * 2;
  // The numbers under each plot at their widest: on one line in the text font, or in the small
  // one (the work's count bare), or on two lines (summary_height, cell_min_h).
  {
    char work[48];
    std::snprintf(work, sizeof work, mt::kWorkCount, 29u);
    std::string widest[4] = {"4.999 s", "99999", "999.9 ms", work};  // a 5 s spin
    summary_ = Summary::text;
    if (summary_width(widest) > inner_w) {
      push_font(small_ ? small_ : ImGui::GetFont());
      widest[3] = "29";
      summary_ = summary_width(widest) <= inner_w ? Summary::small : Summary::two_lines;
      ImGui::PopFont();
    }
  }
  // A cell shorter than its smallest (3840x2160 at 3.0: 18 lines of text for the page) scrolls
  // rather than cut its plot or its numbers off.
  cells_fit_ = cell_h >= cell_min_h();
  last_cell_h_ = cell_h;
  last_cell_min_h_ = cell_min_h();
  const ImGuiWindowFlags scroll =
      cells_fit_ ? ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse
                 : ImGuiWindowFlags_None;
  // The notes under the calls where every cell keeps its plot's smallest height with them (all
  // four or none, so the plots line up); else each in its call's "(?)".
  notes_shown_ = true;
  for (IoModel m : netcore::kAllModels)
    notes_shown_ =
        notes_shown_ && cell_h - cell_min_h() >= note_block_h(static_cast<int>(m), inner_w);
  heads_big_ = true;
  for (IoModel m : netcore::kAllModels)
    heads_big_ =
        heads_big_ && big->CalcTextSizeA(font_px(big), 1e9f, 0, mt::kCall[static_cast<int>(m)]).x <=
                          heading_room(inner_w);

  const double delay_ns = static_cast<double>(matrix_.delay().count()) * 1e6;
  const float plot_w_guess = cell_w - em * 5.5f;
  axis_ = model::MatrixAxis::fit(delay_ns, matrix_.latest(now_ns_),
                                 std::clamp(static_cast<int>(plot_w_guess / (em * 4.0f)), 2, 10));

  // Column headers: the English term in the heading font, the lecture's Korean beside it (in the
  // UI font, which holds the Hangul glyphs).
  const char* cols[2] = {mt::kColSync, mt::kColAsync};
  const char* cols_ko[2] = {mt::kColSyncKo, mt::kColAsyncKo};
  for (int c = 0; c < 2; ++c) {
    const float x = top.x + row_head_w + gap + c * (cell_w + gap);
    const ImVec2 size = big->CalcTextSizeA(font_px(big), 1e9f, 0, cols[c]);
    const float ko_w = ImGui::CalcTextSize(cols_ko[c]).x;
    const float x0 = x + (cell_w - size.x - em * 0.6f - ko_w) * 0.5f;
    const float ty = top.y + (col_head_h - size.y) * 0.5f;
    dl->AddText(big, font_px(big), ImVec2(x0, ty), colors::palette().heading, cols[c]);
    dl->AddText(ImVec2(x0 + size.x + em * 0.6f, ty + (size.y - em) * 0.5f),
                colors::palette().heading_dim, cols_ko[c]);
  }
  const char* rows[2] = {mt::kRowBlocking, mt::kRowNonBlocking};
  const char* rows_ko[2] = {mt::kRowBlockingKo, mt::kRowNonBlockingKo};
  for (int r = 0; r < 2; ++r) {
    const float y = top.y + col_head_h + r * (cell_h + gap);
    const ImVec2 size = big->CalcTextSizeA(font_px(big), 1e9f, 0, rows[r]);
    const float ty = y + cell_h * 0.5f - (size.y + em) * 0.5f;
    dl->AddText(big, font_px(big), ImVec2(top.x + em * 0.3f, ty), colors::palette().heading,
                rows[r]);
    dl->AddText(ImVec2(top.x + em * 0.3f, ty + size.y + em * 0.1f), colors::palette().heading_dim,
                rows_ko[r]);
  }

  // Model order in the grid: [blocking_sync, blocking_async; nonblocking_sync, nonblocking_async].
  const IoModel grid[2][2] = {{IoModel::blocking_sync, IoModel::blocking_async},
                              {IoModel::nonblocking_sync, IoModel::nonblocking_async}};
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 2; ++c) {
      const IoModel m = grid[r][c];
      const ImVec2 pos(top.x + row_head_w + gap + c * (cell_w + gap),
                       top.y + col_head_h + r * (cell_h + gap));
      const bool lecture = m == IoModel::nonblocking_async;
      ImGui::SetCursorScreenPos(pos);
      if (lecture) ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0xF0, 0xE4, 0x42, 14));
      ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, cell_pad_);
      ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, cell_spacing_);
      ImGui::BeginChild(netcore::model_name(m), ImVec2(cell_w, cell_h), ImGuiChildFlags_Borders,
                        scroll);
      draw_cell(ui, m);
      ImGui::EndChild();
      ImGui::PopStyleVar(2);
      if (lecture) {
        ImGui::PopStyleColor();
        dl->AddRect(pos, ImVec2(pos.x + cell_w, pos.y + cell_h), kLecture, 0.0f, 3.0f);
      }
    }
  }

  if (compact) return;
  // The legend, under the grid.
  const float legend_top = top.y + col_head_h + 2 * cell_h + gap * 2;
  ImGui::SetCursorScreenPos(ImVec2(top.x, legend_top + em * 0.2f));  // the whole width
  push_font(small_ ? small_ : ImGui::GetFont());  // in the small font: the cells need the height
  const float legend_end = grid_legend(legend_fit_);
  legend_h_ = legend_end + em * 0.5f;
  ImGui::PopFont();
}

// The 2x2 page's legend where the cursor is: the same shapes and colours as the lab's timeline,
// wrapping as it does. Returns its height.
float MatrixView::grid_legend(FitCheck& fit) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = ImGui::GetFontSize() * 0.36f;
  LegendFlow legend(fit);
  const auto item = [&](const char* label, LegendMark mark) {
    legend.item(label, [&](ImVec2 c) { legend_mark(dl, c, r, mark); });
  };
  item(mt::kLegendAsleep, LegendMark::asleep);
  item(mt::kLegendWouldBlock, LegendMark::would_block);
  item(mt::kLegendWork, LegendMark::work);
  item(mt::kLegendPending, LegendMark::pending);
  item(mt::kLegendReady, LegendMark::woke);
  item(mt::kLegendCompleted, LegendMark::completed);
  item(mt::kLegendFetched, LegendMark::fetched);
  item(mt::kLegendPeer, LegendMark::peer);
  return legend.end();
}

void MatrixView::draw_cell(Ui& ui, IoModel m) {
  const CellTrack& cell = matrix_.cell(m);
  const int i = static_cast<int>(m);
  const float em = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = ui.fonts.small ? ui.fonts.small : ImGui::GetFont();

  // The call, the lecture badge, [Run] at the right: slim, as the tabs (the plot needs the height).
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, slim_frame_padding());
  const float run_w = button_width(mt::kRun);
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  // The call in the heading font where all four fit left of [Run] (heads_big_), else in the text
  // font, cut short if it must; the "(?)" then has it whole, and the note when the plot needs the
  // note's lines.
  float room = heading_room(ImGui::GetContentRegionAvail().x);
  const bool help = !notes_shown_ || text_width(mt::kCall[i]) > room;
  if (help && notes_shown_) room -= help_width();
  if (heads_big_) {
    section_heading(ui, mt::kCall[i]);
  } else {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(fit_label({mt::kCall[i]}, room).c_str());
  }
  if (help) help_marker((std::string(mt::kCall[i]) + "\n\n" + mt::kNote[i]).c_str());
  // The badge where the line has room for it and [Run] (the yellow border says it anyway).
  const float badge_w = ImGui::CalcTextSize(mt::kThisLecture).x + em * 1.5f;
  if (m == IoModel::nonblocking_async && ImGui::GetItemRectMax().x + badge_w + run_w < right) {
    ImGui::SameLine(0, em);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(mt::kThisLecture);
    dl->AddRectFilled(ImVec2(a.x - em * 0.25f, a.y),
                      ImVec2(a.x + size.x + em * 0.25f, a.y + size.y + 2), kLecture, 4.0f);
    ImGui::TextColored(ImVec4(0, 0, 0, 1), "%s", mt::kThisLecture);
  }
  ImGui::SameLine(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - run_w);
  ImGui::BeginDisabled(cell.running());
  if (button(ui, mt::kRunCell[i])) run(m);
  ImGui::EndDisabled();
  ImGui::PopStyleVar();

  // One or two lines about it, in a fixed height so the four plots line up.
  if (notes_shown_) {
    const float note_block = note_block_h(i, ImGui::GetContentRegionAvail().x);
    const float note_top = ImGui::GetCursorPosY();
    ImGui::PushStyleColor(ImGuiCol_Text,
                          ImGui::ColorConvertU32ToFloat4(colors::palette().heading_dim));
    ImGui::TextWrapped("%s", mt::kNote[i]);
    ImGui::PopStyleColor();
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), note_top + note_block));
  }

  // The mini-timeline: the axis band, the thread's row, the operation's row (or a caption).
  const float summary_h = summary_height();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.y = std::max(size.y - summary_h, plot_min_h(small));
  ImGui::Dummy(size);
  const bool plot_hovered = ImGui::IsItemHovered();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::palette().plot_bg);
  // The rows' names' column: as wide as they are (a narrow cell keeps its plot's width).
  const float label_w =
      std::min(em * 5.0f, std::max(text_width(mt::kRowThread), text_width(mt::kRowOp)) + em * 0.6f);
  const float axis_h = font_px(small) * 1.15f;
  Plot plot;
  plot.x0 = p.x + label_w;
  plot.x1 = p.x + size.x - em * 0.8f;
  plot.span = axis_.span_ns;
  const float row_h = (size.y - axis_h) * 0.5f;
  const float row1 = p.y + axis_h, row2 = row1 + row_h;
  const float bottom = p.y + size.y;

  for (double t = 0; t <= axis_.span_ns + 1; t += axis_.step_ns) {
    const float x = plot.x_of(t);
    dl->AddLine(ImVec2(x, row1 - 4), ImVec2(x, bottom), colors::palette().plot_gridline);
    const std::string label = axis_label(t, axis_.step_ns);
    if (x + small->CalcTextSizeA(font_px(small), 1e9f, 0, label.c_str()).x < p.x + size.x)
      dl->AddText(small, font_px(small), ImVec2(x + 3, p.y + 1), colors::palette().plot_text_dim,
                  label.c_str());
  }
  dl->AddLine(ImVec2(plot.x0, row1), ImVec2(plot.x1, row1), colors::palette().plot_axis);
  dl->AddLine(ImVec2(p.x, row2), ImVec2(p.x + size.x, row2), colors::palette().plot_gridline);
  text_at(dl, nullptr, p.x + em * 0.3f, row1 + row_h * 0.5f, colors::palette().plot_text,
          mt::kRowThread);
  if (cell.has_op_row())
    text_at(dl, nullptr, p.x + em * 0.3f, row2 + row_h * 0.5f, colors::palette().plot_text,
            mt::kRowOp);

  if (!cell.started()) {  // cut short where the cell is narrow; whole in the plot's tooltip
    const std::string shown = fit_label({mt::kNotRun}, p.x + size.x - plot.x0 - em * 0.8f);
    text_at(dl, nullptr, plot.x0 + em * 0.5f, row1 + row_h * 0.5f, colors::palette().plot_text_dim,
            shown.c_str());
    if (shown != mt::kNotRun && plot_hovered) ImGui::SetTooltip("%s", mt::kNotRun);
    return;
  }
  const double now =
      cell.running()
          ? std::max(0.0, static_cast<double>(static_cast<int64_t>(now_ns_ - cell.start_ns())))
          : cell.latest();
  dl->PushClipRect(ImVec2(plot.x0 - em, p.y), ImVec2(p.x + size.x, bottom), true);

  // When the peer sent: a dashed line through both rows (faint where it is still to come).
  const double delay_ns = static_cast<double>(matrix_.delay().count()) * 1e6;
  const double peer_t = cell.peer_at() >= 0 ? cell.peer_at() : delay_ns;
  const ImU32 peer_color =
      cell.peer_at() >= 0 ? colors::palette().plot_text : colors::palette().plot_gridline;
  const float xp = plot.x_of(peer_t);
  dashed_vline(dl, xp, row1, bottom, peer_color, em * 0.25f);
  const char* peer_label =
      cell.peer_at() >= 0 && !cell.peer_sent() ? mt::kPeerCloses : mt::kPeerSends;
  const float peer_w = small->CalcTextSizeA(font_px(small), 1e9f, 0, peer_label).x;
  // Above the thread's bars where the row leaves a band for it (the legend names the line).
  if (row1 + 2 + font_px(small) <= row1 + row_h * 0.55f - std::min(row_h * 0.26f, em * 0.62f))
    dl->AddText(small, font_px(small), ImVec2(xp - peer_w - em * 0.25f, row1 + 2), peer_color,
                peer_label);
  // A byte count right of its mark: in the text font, or the small one, or none where the plot
  // ends first (the numbers under the plot say it).
  auto bytes_at = [&](float x, float cy, const char* bytes) {
    for (ImFont* f : {ImGui::GetFont(), small})
      if (x + f->CalcTextSizeA(font_px(f), 1e9f, 0, bytes).x <= p.x + size.x - 2) {
        text_at(dl, f, x, cy, colors::palette().plot_text, bytes);
        return;
      }
  };

  // Draws one row's marks: bars first, ticks, then points on top.
  auto draw_row = [&](const std::vector<CellMark>& marks, float y) {
    const float cy = y + row_h * 0.55f;
    const float r = std::min(row_h * 0.24f, em * 0.5f);
    const float h = std::min(row_h * 0.26f, em * 0.62f);  // bars: text fits inside
    for (const CellMark& mk : marks) {
      if (!mk.is_bar()) continue;
      const double t1 = mk.open ? std::max(now, mk.t0) : mk.t1;
      const float a = plot.x_of(mk.t0);
      const float b = std::max(plot.x_of(t1), a + kMinBarPx);
      if (mk.type == Type::asleep) {
        draw_wait_bar(dl, ImVec2(a, cy - h), ImVec2(b, cy + h), colors::kWaiting);
        char label[64];
        std::snprintf(label, sizeof label, "%s  %s", netcore::api_name(mk.api),
                      format_duration(t1 - mk.t0).c_str());
        if (em <= 2 * h + 2)  // inside the bar only: black text off it is lost
          text_at(dl, nullptr, a + 6, cy, kBlack,
                  fit_label({label, netcore::api_name(mk.api)}, b - a - 10).c_str());
      } else if (mk.type == Type::pending) {
        draw_pending_bar(dl, ImVec2(a, cy - h), ImVec2(b, cy + h), colors::kPending);
        char label[64];
        std::snprintf(label, sizeof label, "%s  %s", mt::kLegendPending,
                      format_duration(t1 - mk.t0).c_str());
        const ImVec2 ts = ImGui::CalcTextSize(label);
        if (ts.x + 16 < b - a && em <= 2 * h + 2) {  // on a dark plate: stripes eat black text
          dl->AddRectFilled(ImVec2(a + 4, cy - ts.y * 0.5f - 1),
                            ImVec2(a + 12 + ts.x, cy + ts.y * 0.5f + 1), IM_COL32(0, 0, 0, 170),
                            3.0f);
          text_at(dl, nullptr, a + 8, cy, colors::palette().plot_text, label);
        }
      } else {  // a unit of work: alternating greys, so each unit reads as one box
        const ImU32 fill = mk.index % 2 ? colors::kRunning : IM_COL32(0xC0, 0xC0, 0xC0, 255);
        dl->AddRectFilled(ImVec2(a, cy - h), ImVec2(b, cy + h), fill);
        dl->AddRect(ImVec2(a, cy - h), ImVec2(b, cy + h), kBlack, 0.0f, 1.0f);
      }
    }
    for (const CellMark& mk : marks)
      if (mk.type == Type::would_block) {
        const float x = plot.x_of(mk.t0);
        dl->AddLine(ImVec2(x, cy - h * 1.2f), ImVec2(x, cy + h * 1.2f), colors::kFailed, 1.5f);
      }
    char bytes[32];
    for (const CellMark& mk : marks) {
      const float x = plot.x_of(mk.t0);
      std::snprintf(bytes, sizeof bytes, "%u B", mk.bytes);
      switch (mk.type) {
        case Type::posted:
          dl->AddLine(ImVec2(x, cy - r * 1.3f), ImVec2(x, cy + r * 1.3f),
                      colors::palette().plot_axis, 2.5f);
          break;
        case Type::ready:
        case Type::signaled:
          draw_triangle_down(dl, ImVec2(x, cy - r * 0.2f), r, colors::kSignaled);
          break;
        case Type::completed:
          draw_diamond(dl, ImVec2(x + r * 0.6f, cy), r, colors::kImmediate);
          bytes_at(x + r * 2 + 4, cy, bytes);
          break;
        case Type::fetched:
          draw_circle(dl, ImVec2(x + r * 1.6f, cy), r * 0.85f, colors::kFetched);
          bytes_at(x + r * 2.8f + 4, cy, bytes);
          break;
        case Type::failed:
        case Type::closed:
          draw_cross(dl, ImVec2(x + r, cy), r, colors::kFailed);
          if (mk.type == Type::closed) bytes_at(x + r * 2 + 4, cy, bytes);
          break;
        default:
          break;
      }
    }
  };

  // The receiving thread: a grey line while it exists (on the CPU, unless a bar says asleep).
  if (cell.thread_begin() >= 0) {
    const float cy = row1 + row_h * 0.55f;
    const double end = cell.running() ? now : cell.thread_end();
    dl->AddLine(ImVec2(plot.x_of(cell.thread_begin()), cy), ImVec2(plot.x_of(end), cy),
                colors::kRunning, 3.0f);
  }
  draw_row(cell.thread_marks(), row1);
  if (cell.has_op_row()) {
    draw_row(cell.op_marks(), row2);
  } else {
    // The second row says in words what the first shows.
    char caption[128] = "";
    const CellMark* sleep = nullptr;
    for (const CellMark& mk : cell.thread_marks())
      if (mk.type == Type::asleep) sleep = &mk;
    if (m == IoModel::nonblocking_sync) {
      std::snprintf(caption, sizeof caption, mt::kSpinning, cell.would_blocks());
    } else if (sleep) {
      const double t1 = sleep->open ? now : sleep->t1;
      std::snprintf(caption, sizeof caption, mt::kAsleepFor, netcore::api_name(sleep->api),
                    format_duration(t1 - sleep->t0).c_str());
      if (m == IoModel::blocking_async && !sleep->open)
        std::snprintf(caption + std::strlen(caption), sizeof caption - std::strlen(caption), "%s",
                      mt::kThenRecv);
    }
    // Cut short where the cell is narrow: the plot's tooltip has it whole.
    const float cx = plot.x0 + em * 0.3f, cy = row2 + row_h * 0.5f;
    const std::string shown = fit_label({caption}, p.x + size.x - cx - 8);
    if (!shown.empty()) {  // on a plate, so the peer's dashed line does not cross the words
      const ImVec2 ts = ImGui::CalcTextSize(shown.c_str());
      dl->AddRectFilled(ImVec2(cx - 4, cy - ts.y * 0.5f - 2),
                        ImVec2(cx + ts.x + 4, cy + ts.y * 0.5f + 2), IM_COL32(24, 24, 28, 255));
      text_at(dl, nullptr, cx, cy, colors::palette().plot_text_dim, shown.c_str());
      if (ImGui::IsRectVisible(ImVec2(cx, cy - ts.y * 0.5f),
                               ImVec2(cx + 1, cy - ts.y * 0.5f + 1)) &&
          ImGui::IsRectVisible(ImVec2(cx, cy + ts.y * 0.5f - 1), ImVec2(cx + 1, cy + ts.y * 0.5f)))
        item_check::note_text("matrix caption", ImVec2(cx, cy - ts.y * 0.5f),
                              ImVec2(cx + ts.x, cy + ts.y * 0.5f), ImVec2(plot.x0, row2),
                              ImVec2(p.x + size.x, bottom));
    }
    if (shown != caption && plot_hovered) ImGui::SetTooltip("%s", caption);
  }
  dl->PopClipRect();

  // The numbers (status(): live while it runs).
  const netcore::Summary& s = cell.status().summary;
  if (!cell.status().error.empty()) {
    ImGui::TextColored(colors::failed_text(), mt::kError, cell.status().error.c_str());
    return;
  }
  // The summary moves when a transition is recorded; a thread asleep records none, so its
  // wait grows here, from its first call to now.
  double wait = static_cast<double>(s.wait_ns);
  if (cell.running() && cell.thread_begin() >= 0) wait = std::max(wait, now - cell.thread_begin());
  const bool burned = s.work_units == 0 && wait > 50e6 && static_cast<double>(s.cpu_ns) * 2 > wait;
  const ImVec4 plain = ImGui::GetStyle().Colors[ImGuiCol_Text];
  char work[48];
  if (s.work_units && summary_ != Summary::text)  // "work 28": the label says what it counts
    std::snprintf(work, sizeof work, "%u", s.work_units);
  else if (s.work_units)
    std::snprintf(work, sizeof work, mt::kWorkCount, s.work_units);
  else
    std::snprintf(work, sizeof work, "%s", mt::kNone);
  const std::string values[4] = {format_duration(wait), std::to_string(s.attempts),
                                 format_duration(static_cast<double>(s.cpu_ns)), work};
  const ImVec4 colors[4] = {plain, plain, burned ? colors::failed_text() : plain,
                            s.work_units ? colors::immediate_text() : plain};
  if (summary_ != Summary::text) push_font(small);
  // Two lines: the wait and the attempts, then the CPU and the work (also where the numbers run
  // wider than the widest foreseen).
  const bool two_lines =
      summary_ == Summary::two_lines || summary_width(values) > ImGui::GetContentRegionAvail().x;
  const float line_right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (int k = 0; k < 4; ++k) {
    // A pair that does not fit its line starts the next (a cell that scrolls is that narrow).
    if (k)
      flow(text_width(summary_label(k)) + ImGui::GetStyle().ItemSpacing.x +
               text_width(values[k].c_str()),
           line_right, k == 2 && two_lines, kSummaryGap * ImGui::GetFontSize());
    ImGui::TextDisabled("%s", summary_label(k));
    ImGui::SameLine();
    ImGui::TextColored(colors[k], "%s", values[k].c_str());
  }
  if (summary_ != Summary::text) ImGui::PopFont();
}

// --- The second page: the Windows I/O models on one time axis (model/windows_road) ---

namespace {

// The key moment of a lane, written beside its mark: which mark, and the words.
struct Moment {
  const model::RoadMark* mark = nullptr;
  char text[128] = "";
};

// Only what the marks show: the wait's answer before the data, and the call that gave it.
Moment data_moment(const model::RoadTrack& track) {
  using netcore::Kind;
  using netcore::RoadModel;
  Moment m;
  const model::RoadMark* woke = nullptr;  // the last wait that returned before the data
  for (const model::RoadMark& mk : track.marks) {
    if (mk.type == model::RoadMark::Type::woke) woke = &mk;
    if (mk.type != model::RoadMark::Type::got_data || mk.bytes == 0) continue;
    const Kind before = woke ? woke->kind : Kind::posted;
    const char* format = nullptr;
    if (track.model == RoadModel::select && before == Kind::ready)
      format = mt::kMomentReady;
    else if (track.model == RoadModel::event_select && before == Kind::network_events &&
             (woke->result & 1))  // FD_READ
      format = mt::kMomentFdRead;
    else if (track.model == RoadModel::overlapped_event && before == Kind::signaled)
      format = mt::kMomentSignaled;
    else if (track.model == RoadModel::completion_routine && mk.kind == Kind::callback)
      format = mt::kMomentCallback;
    if (format) std::snprintf(m.text, sizeof m.text, format, mk.bytes);
    if (track.model == RoadModel::iocp && mk.kind == Kind::dequeued)
      std::snprintf(m.text, sizeof m.text, mt::kMomentDequeued, mk.session, mk.bytes);
    if (m.text[0]) m.mark = &mk;
    return m;
  }
  return m;
}

// Words beside the mark at `x`, in the small font, in the free band above its bar (`above`:
// that band's middle) so no bar or mark is hidden; on a dark plate on the row itself when the
// lane is too short for a band. Right of the mark, or left of it where the plot ends first.
void moment_label(ImDrawList* dl, ImFont* small, const Plot& plot, float x, float above, float band,
                  float cy, float r, const char* s) {
  const bool in_band = band >= font_px(small) + 2;
  const ImVec2 ts = small->CalcTextSizeA(font_px(small), 1e9f, 0, s);
  const float clear = in_band ? r * 0.8f : r * 2.2f;  // off the mark itself
  float at = x + clear;
  if (at + ts.x + 6 > plot.x1) at = std::max(plot.x0 + 2, x - clear - ts.x);
  const float y = in_band ? above : cy;
  if (!in_band)
    dl->AddRectFilled(ImVec2(at - 4, y - ts.y * 0.5f - 1),
                      ImVec2(at + ts.x + 4, y + ts.y * 0.5f + 1), IM_COL32(0, 0, 0, 170), 3.0f);
  text_at(dl, small, at, y, in_band ? colors::palette().plot_text : IM_COL32(255, 255, 255, 255),
          s);
}

}  // namespace

bool MatrixView::road_lane_drawn(const std::string& spec) const {
  // N:NAME:word,word,...
  const size_t a = spec.find(':'), b = a == std::string::npos ? a : spec.find(':', a + 1);
  std::string drawn;
  for (size_t i = 0; i < drawn_.size(); ++i) {
    drawn += " " + std::to_string(i + 1) + ":" + drawn_[i].name + ":";
    for (const std::string& w : drawn_[i].words) drawn += w + ",";
  }
  const int n = std::atoi(spec.c_str());
  if (b == std::string::npos || n < 1 || n > static_cast<int>(drawn_.size()) ||
      drawn_[n - 1].name != spec.substr(a + 1, b - a - 1)) {
    std::fprintf(stderr, "matrix road: no lane '%s' drawn (drawn:%s)\n", spec.c_str(),
                 drawn.c_str());
    return false;
  }
  const std::vector<std::string>& words = drawn_[n - 1].words;
  size_t next = 0, at = b + 1;
  while (at <= spec.size()) {
    size_t end = spec.find(',', at);
    if (end == std::string::npos) end = spec.size();
    const std::string want = spec.substr(at, end - at);
    at = end + 1;
    if (want.empty()) continue;
    while (next < words.size() && words[next] != want) ++next;
    if (next == words.size()) {
      std::fprintf(stderr, "matrix road: lane %d has no '%s' in order (drawn:%s)\n", n,
                   want.c_str(), drawn.c_str());
      return false;
    }
    ++next;
  }
  return true;
}

void MatrixView::draw_road(Ui& ui) {
  legend_in_tooltip_ = false;  // this page's legend is always under its lanes
  const float em = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool busy = road_.running();
  auto start = [&] {
    error_.clear();
    road_.start(std::chrono::milliseconds(std::lround(road_delay_s_ * 1000.0f)), error_);
  };
  if (key_pressed('A') && !busy) start();
  // The title in the text font, wrapping: the lanes need the height at 1280x720 at 2.0.
  if (!title_on_tabs_) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::palette().heading));
    ImGui::TextWrapped("%s", mt::kRoadTitle);
    ImGui::PopStyleColor();
  }

  // Toolbar: run the five, the client's delay, the backend; each group wraps when it must.
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  ImGui::BeginDisabled(busy);
  if (button(ui, mt::kRoadRunAll)) start();
  ImGui::EndDisabled();
  help_marker(mt::kRoadHelpRun);
  const float slider_w = em * 7;
  flow(text_width(mt::kRoadDelay) + style.ItemSpacing.x + slider_w + help_width(), right, false,
       em * 1.5f);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(mt::kRoadDelay);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(slider_w);
  ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true);  // Tab turns the page
  ImGui::SliderFloat("##road_delay", &road_delay_s_, 0.1f, 5.0f, mt::kDelayFormat);
  ImGui::PopItemFlag();
  road_delay_s_ = std::clamp(std::round(road_delay_s_ * 10.0f) / 10.0f, 0.1f, 5.0f);
  help_marker(mt::kRoadHelpDelay);
  if (!road_backend_on_tabs_) {  // else it is on the tab bar's line
    char backend[64];
    std::snprintf(
        backend, sizeof backend, mt::kBackend,
        netcore::backend_name(road_.finished() ? road_.road().backend : matrix_.backend()));
    flow(text_width(backend), right, false, em * 1.5f);
    ImGui::TextDisabled("%s", backend);
  }
  if (!error_.empty()) ImGui::TextColored(colors::failed_text(), mt::kError, error_.c_str());

  // The lanes: a header column (the model, its counts), the plot on the shared axis.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = ui.fonts.small ? ui.fonts.small : ImGui::GetFont();
  const float axis_h = font_px(small) * 1.4f;
  const float legend_h = road_legend_h_ > 0 ? road_legend_h_ : em * 1.7f;
  const float gap = std::floor(style.ItemSpacing.y * 0.5f);
  const int lanes = static_cast<int>(netcore::kRoadModels.size());
  const float lane_h = std::floor((avail.y - axis_h - legend_h - gap * lanes) / lanes);
  const float header_w = std::clamp(em * 14.0f, em * 9.0f, avail.x * 0.3f);
  const ImVec2 plot_pos(top.x + header_w + gap, top.y + axis_h);
  const float plot_w = avail.x - header_w - gap;
  Plot plot;
  plot.x0 = plot_pos.x + em * 0.6f;
  plot.x1 = plot_pos.x + plot_w - em * 0.8f;
  const model::Road& road = road_.road();
  const double delay_ns = static_cast<double>(road_.delay().count()) * 1e6;
  road_axis_ =
      model::MatrixAxis::fit(road_.finished() ? delay_ns : road_delay_s_ * 1e9, road.latest,
                             std::clamp(static_cast<int>(plot_w / (em * 5.0f)), 2, 12));
  plot.span = road_axis_.span_ns;
  const float lanes_bottom = top.y + axis_h + lanes * (lane_h + gap);

  // The axis: its labels above the lanes, its gridlines through them.
  dl->AddRectFilled(ImVec2(plot_pos.x, top.y), ImVec2(plot_pos.x + plot_w, lanes_bottom),
                    colors::palette().plot_bg);
  for (double t = 0; t <= road_axis_.span_ns + 1; t += road_axis_.step_ns) {
    const float x = plot.x_of(t);
    dl->AddLine(ImVec2(x, top.y + axis_h - 3), ImVec2(x, lanes_bottom),
                colors::palette().plot_gridline);
    const std::string label = axis_label(t, road_axis_.step_ns);
    if (x + small->CalcTextSizeA(font_px(small), 1e9f, 0, label.c_str()).x < plot_pos.x + plot_w)
      dl->AddText(small, font_px(small), ImVec2(x + 3, top.y + 1), colors::palette().plot_text_dim,
                  label.c_str());
  }

  drawn_.clear();
  for (int i = 0; i < lanes; ++i) {
    const ImVec2 pos(top.x, top.y + axis_h + i * (lane_h + gap));
    if (road_.finished()) {  // the lanes as gathered: a lane missing leaves its place empty
      if (static_cast<size_t>(i) < road.tracks.size())
        draw_lane(ui, road.tracks[static_cast<size_t>(i)], pos, ImVec2(avail.x, lane_h), header_w);
    } else {  // the header alone: the model and its calls
      dl->AddText(pos, colors::palette().heading, mt::kRoadLane[i]);
      dl->AddText(small, font_px(small), ImVec2(pos.x, pos.y + em * 1.2f),
                  colors::palette().heading_dim, mt::kRoadCall[i]);
    }
    dl->AddLine(ImVec2(plot_pos.x, pos.y + lane_h + gap * 0.5f),
                ImVec2(plot_pos.x + plot_w, pos.y + lane_h + gap * 0.5f),
                colors::palette().plot_axis);
  }
  if (busy || !road_.finished()) {
    char line[160];
    if (busy)
      std::snprintf(line, sizeof line, mt::kRoadRunning, road_delay_s_);
    else
      std::snprintf(line, sizeof line, "%s", mt::kRoadNotRun);
    text_at(dl, nullptr, plot.x0 + em * 0.5f, top.y + axis_h + lane_h * 0.5f,
            colors::palette().plot_text, line);
  }

  // The legend: the same shapes and colours as the lab's timeline, in the small font across the
  // whole width (the lanes need the height).
  ImGui::SetCursorScreenPos(ImVec2(top.x, lanes_bottom + em * 0.2f));
  push_font(small);
  const float r = ImGui::GetFontSize() * 0.36f;
  LegendFlow legend(legend_fit_);
  const auto item = [&](const char* label, LegendMark mark) {
    legend.item(label, [&](ImVec2 c) { legend_mark(dl, c, r, mark); });
  };
  item(mt::kLegendAsleep, LegendMark::asleep);
  item(mt::kLegendWork, LegendMark::work);
  item(mt::kLegendPosted, LegendMark::posted);
  item(mt::kLegendPending, LegendMark::pending);
  item(mt::kLegendWoke, LegendMark::woke);
  item(mt::kLegendCompleted, LegendMark::completed);
  item(mt::kLegendGotData, LegendMark::fetched);
  item(mt::kLegendClient, LegendMark::peer);
  road_legend_h_ = legend.end() + em * 0.5f;
  ImGui::PopFont();
}

void MatrixView::draw_lane(Ui& ui, const model::RoadTrack& track, ImVec2 pos, ImVec2 size,
                           float header_w) {
  const int index = static_cast<int>(track.model);  // kRoadLane's and kRoadCall's order
  using RType = model::RoadMark::Type;
  const float em = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = ui.fonts.small ? ui.fonts.small : ImGui::GetFont();
  const ImVec4 plain = ImGui::GetStyle().Colors[ImGuiCol_Text];
  const ImU32 text = ImGui::ColorConvertFloat4ToU32(plain);
  const float gap = std::floor(ImGui::GetStyle().ItemSpacing.y * 0.5f);

  // The header: the model, then its counts and its calls in the small font, as room allows.
  dl->PushClipRect(pos, ImVec2(pos.x + header_w, pos.y + size.y), true);
  const float sp = font_px(small);
  // A short lane (large scales) names its model in the small font, so its counts still show.
  const bool roomy = size.y >= em * 1.1f + sp * 2.2f;
  dl->AddText(roomy ? ImGui::GetFont() : small, roomy ? font_px(ImGui::GetFont()) : sp, pos,
              colors::palette().heading, mt::kRoadLane[index]);
  float y = pos.y + (roomy ? em : sp) * 1.1f;
  // Threads, wake-ups and CPU on one line where the column is wide enough (a short lane has
  // room for two lines only), then when the data came.
  char counts[96], cpu[64], line[192];
  std::snprintf(counts, sizeof counts, "%s %d   %s %d", mt::kThreads, track.threads, mt::kWakeups,
                track.wakeups);
  std::snprintf(cpu, sizeof cpu, "%s %s", mt::kCpu,
                format_duration(static_cast<double>(track.cpu_ns)).c_str());
  std::snprintf(line, sizeof line, "%s   %s", counts, cpu);
  const bool one_line = small->CalcTextSizeA(sp, 1e9f, 0, line).x <= header_w - em * 0.5f;
  if (one_line) {
    dl->AddText(small, sp, ImVec2(pos.x, y), text, line);
    line[0] = 0;
  } else {
    dl->AddText(small, sp, ImVec2(pos.x, y), text, counts);
    std::snprintf(line, sizeof line, "%s", cpu);
  }
  y += sp * 1.1f;
  if (track.data_at >= 0)
    std::snprintf(line + std::strlen(line), sizeof line - std::strlen(line), "%s%s %s",
                  line[0] ? "   " : "", mt::kDataAt, format_duration(track.data_at).c_str());
  if (!one_line || y + sp <= pos.y + size.y)  // the CPU time always; the data's time if it fits
    dl->AddText(small, sp, ImVec2(pos.x, y), text, line);
  y += sp * 1.1f;
  const float call_wrap = header_w - em * 0.5f;
  const ImVec2 call = small->CalcTextSizeA(sp, 1e9f, call_wrap, mt::kRoadCall[index]);
  if (y + call.y <= pos.y + size.y)
    dl->AddText(small, sp, ImVec2(pos.x, y), colors::palette().heading_dim, mt::kRoadCall[index],
                nullptr, call_wrap);
  dl->PopClipRect();

  // The plot: the threads' row above, the WSARecv's row below.
  Plot plot;
  const float plot_left = pos.x + header_w + gap;
  plot.x0 = plot_left + em * 0.6f;
  plot.x1 = pos.x + size.x - em * 0.8f;
  plot.span = road_axis_.span_ns;
  const float row1 = pos.y, row_h1 = size.y * 0.56f, row2 = row1 + row_h1, row_h2 = size.y - row_h1;
  dl->AddLine(ImVec2(plot_left, row2), ImVec2(pos.x + size.x, row2),
              colors::palette().plot_gridline);
  dl->PushClipRect(ImVec2(plot_left, pos.y), ImVec2(pos.x + size.x, pos.y + size.y), true);
  if (!track.error.empty()) {
    std::snprintf(line, sizeof line, mt::kError, track.error.c_str());
    text_at(dl, nullptr, plot.x0, row1 + size.y * 0.5f,
            ImGui::ColorConvertFloat4ToU32(colors::failed_text()), line);
  }
  if (track.client_at >= 0)
    dashed_vline(dl, plot.x_of(track.client_at), pos.y, pos.y + size.y, colors::palette().plot_text,
                 em * 0.25f);

  DrawnLane drawn;
  drawn.name = netcore::road_name(track.model);
  auto cy_of = [&](const model::RoadMark& mk) {
    return mk.op_row ? row2 + row_h2 * 0.5f : row1 + row_h1 * 0.55f;
  };
  const float r = std::min(row_h2 * 0.3f, em * 0.5f);
  const float h = std::min(row_h2 * 0.3f, em * 0.55f);
  // Each server thread: a grey line while it exists (on the CPU, unless a bar says asleep).
  for (const model::RoadTrack::Span& alive : track.threads_alive)
    dl->AddLine(ImVec2(plot.x_of(alive.t0), row1 + row_h1 * 0.55f),
                ImVec2(plot.x_of(alive.t1), row1 + row_h1 * 0.55f), colors::kRunning, 3.0f);
  for (const model::RoadMark& mk : track.marks) {  // bars first
    if (!mk.is_bar()) continue;
    const float cy = cy_of(mk);
    const float a = plot.x_of(mk.t0);
    const float b = std::max(plot.x_of(mk.t1), a + kMinBarPx);
    if (mk.type == RType::asleep) {
      draw_wait_bar(dl, ImVec2(a, cy - h), ImVec2(b, cy + h), colors::kWaiting);
      if (ImGui::CalcTextSize(netcore::api_name(mk.api)).x + 10 < b - a)
        text_at(dl, nullptr, a + 6, cy, kBlack, netcore::api_name(mk.api));
    } else if (mk.type == RType::pending) {
      draw_pending_bar(dl, ImVec2(a, cy - h), ImVec2(b, cy + h), colors::kPending);
    } else {
      const ImU32 fill = mk.index % 2 ? colors::kRunning : IM_COL32(0xC0, 0xC0, 0xC0, 255);
      dl->AddRectFilled(ImVec2(a, cy - h), ImVec2(b, cy + h), fill);
      dl->AddRect(ImVec2(a, cy - h), ImVec2(b, cy + h), kBlack, 0.0f, 1.0f);
    }
  }
  // Points on top of the bars; the data's marks last, so a wait returning at the same moment
  // (SleepEx after the routine, the worker's next packet) does not hide them.
  for (const model::RoadMark& mk : track.marks) drawn.words.push_back(netcore::kind_name(mk.kind));
  for (bool data : {false, true})
    for (const model::RoadMark& mk : track.marks) {
      if ((mk.type == RType::got_data) != data) continue;
      const float x = plot.x_of(mk.t0), cy = cy_of(mk);
      if (mk.type == RType::posted)
        dl->AddLine(ImVec2(x, cy - r * 1.3f), ImVec2(x, cy + r * 1.3f), colors::palette().plot_axis,
                    2.5f);
      else if (mk.type == RType::woke)
        draw_triangle_down(dl, ImVec2(x, cy - r * 0.2f), r, colors::kSignaled);
      else if (mk.type == RType::got_data && mk.kind == netcore::Kind::completed_immediately)
        draw_diamond(dl, ImVec2(x, cy), r, colors::kImmediate);
      else if (mk.type == RType::got_data)
        draw_circle(dl, ImVec2(x, cy), r * 0.85f, colors::kFetched);
      else if (mk.type == RType::failed)
        draw_cross(dl, ImVec2(x, cy), r, colors::kFailed);
    }
  // The key moments, in words, in the free bands: above the threads' bars, and between them and
  // the operation's bars.
  const float band1 = row_h1 * 0.55f - h, band2 = row_h1 * 0.45f + row_h2 * 0.5f - 2 * h;
  const Moment moment = data_moment(track);
  if (moment.mark) {
    const bool op = moment.mark->op_row;
    moment_label(dl, small, plot, plot.x_of(moment.mark->t0),
                 op ? row1 + row_h1 * 0.55f + h + band2 * 0.5f : row1 + band1 * 0.5f,
                 op ? band2 : band1, cy_of(*moment.mark), r, moment.text);
  }
  if (track.queued_at >= 0)
    moment_label(dl, small, plot, plot.x_of(track.queued_at),
                 row1 + row_h1 * 0.55f + h + band2 * 0.5f, band2, row2 + row_h2 * 0.5f, r,
                 mt::kMomentQueued);
  dl->PopClipRect();
  drawn_.push_back(std::move(drawn));
}

}  // namespace iolab::views
