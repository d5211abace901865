#include <imgui.h>

#include "views/ui.hpp"

namespace iolab::views {

bool key_pressed(char key) {
  const ImGuiIO& io = ImGui::GetIO();
  // Typing "Hello World" into a text box must not post a WSARecv.
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return false;
  ImGuiKey named = ImGuiKey_None;
  if (key == ' ') named = ImGuiKey_Space;
  if (key >= 'A' && key <= 'Z') named = static_cast<ImGuiKey>(ImGuiKey_A + (key - 'A'));
  return named != ImGuiKey_None && ImGui::IsKeyPressed(named, false);
}

}  // namespace iolab::views
