#include "views/file_chooser.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstring>

#include "views/strings_projector.hpp"
#include "views/widgets.hpp"

namespace iolab::views {

void FileChooser::open(const std::string& name) {
  listing_ = model::read_folder(folder_);
  folder_ = listing_.path;
  std::snprintf(name_, sizeof name_, "%s", name.c_str());
  open_ = opening_ = true;
}

bool FileChooser::draw(Ui& ui, std::string& path) {
  if (!open_) return false;
  const std::string title = std::string(text::kSaveAs) + "###save_as";
  if (opening_) {
    ImGui::OpenPopup(title.c_str());
    opening_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(
      ImVec2(std::min(em * 32, vp->Size.x * 0.9f), std::min(em * 22, vp->Size.y * 0.8f)),
      ImGuiCond_Appearing);
  bool saved = false;
  if (!ImGui::BeginPopupModal(title.c_str(), &open_)) return false;
  ImGui::TextDisabled("%s", text::kFolder);
  ImGui::TextWrapped("%s", folder_.c_str());
  if (!listing_.error.empty())
    ImGui::TextColored(colors::failed_text(), "%s", listing_.error.c_str());
  // The subfolders: a click walks in, `..` goes up.
  const float list_h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2 -
                       ImGui::GetStyle().ItemSpacing.y;
  std::string enter;
  const size_t buttons_before = ui.buttons.size();
  if (ImGui::BeginChild("##folders", ImVec2(0, std::max(list_h, em * 3)),
                        ImGuiChildFlags_Borders)) {
    if (ImGui::Selectable("..")) enter = model::parent_folder(folder_);
    for (const std::string& sub : listing_.subfolders) {
      const std::string label = sub + "/";
      if (ImGui::Selectable(label.c_str())) enter = model::join_path(folder_, sub);
      note_button(ui, sub.c_str());
    }
  }
  ImGui::EndChild();
  if (!enter.empty()) {
    ui.buttons.resize(buttons_before);  // their labels live in the listing replaced here
    listing_ = model::read_folder(enter);
    folder_ = listing_.path;
  }
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter_pressed =
      ImGui::InputText("##name", name_, sizeof name_, ImGuiInputTextFlags_EnterReturnsTrue);
  if ((noted_button(ui, text::kSave) || enter_pressed) && name_[0] != '\0') {
    path = model::join_path(folder_, name_);
    saved = true;
  }
  ImGui::SameLine();
  if (noted_button(ui, text::kCancel) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) open_ = false;
  if (saved) open_ = false;
  if (!open_) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return saved;
}

}  // namespace iolab::views
