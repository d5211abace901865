// The teacher's projector settings (UI scale, theme, language), kept between runs in a small
// ini: $XDG_CONFIG_HOME/iolab/settings.ini, or ~/.config/iolab/settings.ini (on Windows
// %APPDATA%\iolab\settings.ini). No ImGui here.
#pragma once
#include <string>

namespace iolab::model {

struct Settings {
  float scale = 1.0f;  // 1.0 .. 3.0
  std::string theme;   // "light" / "dark"; empty: not chosen yet
  std::string lang;    // "ko" / "en"; empty: from the locale
  std::string layout;  // the panels' preset ("projector", "desk", "matrix"); empty: projector
  bool layout_customized = false;  // the teacher arranged them: layout.ini (ImGui's) holds it

  static constexpr float kMinScale = 1.0f, kMaxScale = 3.0f;
  static float clamp_scale(float s);
};

// Where the ini lives; "" when neither XDG_CONFIG_HOME nor HOME is set.
std::string settings_path();
// The panels' arrangement (ImGui's docking ini), next to the settings; "" like settings_path.
std::string layout_path();

// Reads `key = value` lines (unknown keys and bad values are ignored). False: no file.
bool load_settings(const std::string& path, Settings& out);
// Writes the file (creating its folder). Returns "" or what went wrong.
std::string save_settings(const std::string& path, const Settings& s);

}  // namespace iolab::model
