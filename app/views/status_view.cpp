#include "views/status_view.hpp"

#include <imgui.h>

#include "views/strings.hpp"
#include "views/widgets.hpp"

namespace iolab::views {

void StatusView::draw(const Ui& ui) {
  if (ui.engine_error) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kFailed), text::kEngineFailed,
                       ui.engine_error);
    return;
  }
  const model::Counts& c = ui.model->counts();
  // Lost transitions: the engine's own count plus any gap in the sequence numbers.
  const unsigned long long dropped = ui.dropped + ui.model->seq_gaps();
  // Anything lost makes the whole line red: the picture can no longer be trusted.
  if (dropped != 0)
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kFailed));
  ImGui::Text(text::kStatusFormat, netcore::backend_name(ui.backend),
              static_cast<unsigned>(ui.port), static_cast<unsigned long long>(c.posted),
              static_cast<unsigned long long>(c.immediate),
              static_cast<unsigned long long>(c.pending), static_cast<unsigned long long>(c.failed),
              dropped);
  if (dropped != 0) ImGui::PopStyleColor();
  // The store's cap (--max-transitions) let the oldest go: counted and said, not an engine loss.
  if (const uint64_t cap = ui.model->cap_dropped(); cap != 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("  (%llu dropped by the cap of %zu)", static_cast<unsigned long long>(cap),
                        ui.model->max_transitions());
  }
}

}  // namespace iolab::views
