#include "model/settings.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace iolab::model {

float Settings::clamp_scale(float s) {
  if (!(s == s)) return 1.0f;  // NaN
  return std::clamp(s, kMinScale, kMaxScale);
}

std::string settings_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    return std::string(xdg) + "/iolab/settings.ini";
#if defined(_WIN32)
  // Windows keeps a user's settings under %APPDATA% (HOME is seldom set there).
  if (const char* appdata = std::getenv("APPDATA"); appdata && *appdata)
    return std::string(appdata) + "\\iolab\\settings.ini";
#endif
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.config/iolab/settings.ini";
  return {};
}

std::string layout_path() {
  const std::string settings = settings_path();
  if (settings.empty()) return {};
  return (std::filesystem::path(settings).parent_path() / "layout.ini").string();
}

namespace {
std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return {};
  const size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}
}  // namespace

bool load_settings(const std::string& path, Settings& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || line[0] == '[' || eq == std::string::npos) continue;
    const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (key == "scale") {
      char* end = nullptr;
      const float v = std::strtof(value.c_str(), &end);
      if (end && *end == '\0' && !value.empty()) out.scale = Settings::clamp_scale(v);
    } else if (key == "theme" && (value == "light" || value == "dark")) {
      out.theme = value;
    } else if (key == "lang" && (value == "ko" || value == "en")) {
      out.lang = value;
    } else if (key == "layout" && (value == "projector" || value == "desk" || value == "matrix")) {
      out.layout = value;
    } else if (key == "layout_customized" && (value == "0" || value == "1")) {
      out.layout_customized = value == "1";
    }
  }
  return true;
}

std::string save_settings(const std::string& path, const Settings& s) {
  if (path.empty()) return "no HOME or XDG_CONFIG_HOME";
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::ofstream out(path, std::ios::trunc);
  if (!out) return path + ": " + std::strerror(errno);
  out << "# iolab settings (written by the app)\n[iolab]\n";
  out << "scale = " << s.scale << "\n";
  if (!s.theme.empty()) out << "theme = " << s.theme << "\n";
  if (!s.lang.empty()) out << "lang = " << s.lang << "\n";
  if (!s.layout.empty()) out << "layout = " << s.layout << "\n";
  if (s.layout_customized) out << "layout_customized = 1\n";
  out.flush();
  return out ? "" : path + ": write failed";
}

}  // namespace iolab::model
