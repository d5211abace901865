#include "views/status_view.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "views/strings.hpp"
#include "views/strings_many.hpp"
#include "views/strings_watch.hpp"

namespace iolab::views {
namespace {

template <typename... Args>
std::string formatted(const char* format_string, Args... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, format_string, args...);
  return buf;
}

// --serve: where the lab listens and who is connected, by address (one), or how many.
std::string serving(const Ui& ui) {
  const char* where = ui.peer_where.c_str();
  const std::vector<std::string>& peers = ui.peer_addresses;
  if (!ui.peer_connected) return formatted(text::kStatusServingWaiting, where);
  if (ui.many.active && peers.size() == 1)
    return formatted(text::kStatusManyServingOne, where, peers.front().c_str());
  if (ui.many.active) return formatted(text::kStatusManyServing, where, int(peers.size()));
  const char* peer = peers.empty() ? "?" : peers.front().c_str();
  return formatted(ui.peer_closed ? text::kStatusServingClosed : text::kStatusServingConnected,
                   where, peer);
}

}  // namespace

void StatusView::draw(const Ui& ui) {
  fit_.begin();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float left = ImGui::GetCursorScreenPos().x;
  const float right = left + ImGui::GetContentRegionAvail().x;
  const float gap = ImGui::GetFontSize();  // between two fields
  // One field ("Posted: 2") after the last one on its line if it fits, else on the next line.
  bool first = true;
  auto field = [&](const char* name, const std::string& text, bool grey = false) {
    flow(ImGui::CalcTextSize(text.c_str()).x, right, first, gap);
    first = false;
    if (grey)
      ImGui::TextDisabled("%s", text.c_str());
    else
      ImGui::TextUnformatted(text.c_str());
    fit_.seen(name);
    fit_.said(text);
  };
  if (ui.engine_error) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::failed_text());
    field("engine error", formatted(text::kEngineFailed, ui.engine_error));
    ImGui::PopStyleColor();
  } else {
    const model::Counts& c = ui.model->counts();
    // Lost transitions: the engine's own count plus any gap in the sequence numbers.
    const unsigned long long dropped = ui.dropped + ui.model->seq_gaps();
    // The fields, left to right. When they do not fit on one line, the least important give way
    // first: the port goes, then the backend loses its label ("Linux io_uring" says it); only
    // then do they wrap onto a second line. The counts and Dropped always stay.
    struct Field {
      const char* name;
      std::string text;
      std::string shorter;  // at `level` 2 and up (empty: the field goes)
      int level;            // the first level at which it is shortened or goes
    };
    const char* backend = netcore::backend_name(ui.backend);
    constexpr int kNever = 99;
    std::vector<Field> fields;
    fields.push_back({"Backend", formatted(text::kStatusBackend, backend), backend, 2});
    if (ui.watching) {  // where it listens, programs connected now, programs seen
      const unsigned connected = static_cast<unsigned>(ui.watch.connected);
      const unsigned seen = static_cast<unsigned>(ui.watch.seen);
      fields.push_back(
          {"Watch", formatted(text::kStatusWatch, ui.watch.where.c_str(), connected, seen),
           formatted(text::kStatusWatchShort, ui.watch.where.c_str(), connected, seen), 2});
    }
    // Where the lab listens or connects, always said when a real peer plays the other side.
    if (ui.lab_mode == netcore::LabMode::serve)
      fields.push_back({"Peer", serving(ui), "", kNever});
    else if (ui.lab_mode == netcore::LabMode::connect)
      fields.push_back(
          {"Peer", formatted(text::kStatusConnected, ui.peer_where.c_str()), "", kNever});
    else if (ui.port != 0)  // 0: no engine (a replay)
      fields.push_back(
          {"Port", formatted(text::kStatusPort, static_cast<unsigned>(ui.port)), "", 1});
    auto count = [&](const char* name, const char* format_string, uint64_t n) {
      fields.push_back(
          {name, formatted(format_string, static_cast<unsigned long long>(n)), "", kNever});
    };
    count("Posted", text::kStatusPosted, c.posted);
    count("Immediate", text::kStatusImmediate, c.immediate);
    count("Pending", text::kStatusPending, c.pending);
    count("Failed", text::kStatusFailed, c.failed);
    count("Dropped", text::kStatusDropped, dropped);
    auto shown = [](const Field& f, int level) -> const std::string& {
      return level >= f.level ? f.shorter : f.text;
    };
    int level = 0;
    for (; level < 2; ++level) {  // the first level whose fields fit on one line
      float width = -gap;
      for (const Field& f : fields)
        if (!shown(f, level).empty()) width += gap + ImGui::CalcTextSize(shown(f, level).c_str()).x;
      if (left + width <= right) break;
    }
    // Anything lost makes the whole line red: the picture can no longer be trusted.
    if (dropped != 0) ImGui::PushStyleColor(ImGuiCol_Text, colors::failed_text());
    for (const Field& f : fields)
      if (!shown(f, level).empty()) field(f.name, shown(f, level));
    if (dropped != 0) ImGui::PopStyleColor();
    // The store's cap (--max-transitions) let the oldest go: counted and said, not an engine
    // loss.
    if (const uint64_t cap = ui.model->cap_dropped(); cap != 0)
      field("cap",
            formatted(text::kCapDropped, static_cast<unsigned long long>(cap),
                      ui.model->max_transitions()),
            true);
  }
  // The bar's height for the next frame: down to the lowest field, plus the window's padding.
  height_ = std::ceil(fit_.bottom() - ImGui::GetWindowPos().y + style.WindowPadding.y);
}

}  // namespace iolab::views
