// Where the operating system keeps what the app looks for: the TTF files and the user's
// language. Linux: places_linux.cpp (Debian's font packages, the locale's variables); Windows:
// places_windows.cpp (the Windows fonts folder, the fonts shipped beside iolab.exe, the user's
// UI language). No ImGui, GLFW or OS header here.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace iolab::platform {

enum class FontRole { sans, sans_bold, mono, hangul, hangul_bold };

// The files that may hold `role`'s font, best first; none of them needs to exist.
std::vector<std::filesystem::path> font_candidates(FontRole role);

// The language of the operating system's own user interface as a locale name ("ko-KR"), or ""
// where the OS keeps none apart from the locale variables (Linux: LANG and the others, which
// views/i18n.cpp reads first everywhere).
std::string os_ui_language();

}  // namespace iolab::platform
