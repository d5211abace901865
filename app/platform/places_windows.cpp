#include <windows.h>

#include "platform/places.hpp"

namespace iolab::platform {
namespace {

// %WINDIR%\Fonts: Segoe UI, Consolas and Malgun Gothic on a stock Windows (Vista and later).
std::filesystem::path windows_fonts_folder() {
  wchar_t dir[MAX_PATH];
  const UINT n = GetWindowsDirectoryW(dir, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) return {};
  return std::filesystem::path(dir) / L"Fonts";
}

// The `fonts` folder beside iolab.exe, as tools/package-windows.sh lays out the zip. The path
// is kept wide: a student's Downloads folder may have a Hangul user name in it.
std::filesystem::path shipped_fonts_folder() {
  std::wstring exe(MAX_PATH, L'\0');
  for (;;) {
    const DWORD n = GetModuleFileNameW(nullptr, exe.data(), static_cast<DWORD>(exe.size()));
    if (n == 0) return {};
    if (n < exe.size()) {
      exe.resize(n);
      break;
    }
    exe.resize(exe.size() * 2);  // truncated: a longer path
  }
  return std::filesystem::path(exe).parent_path() / L"fonts";
}

}  // namespace

std::vector<std::filesystem::path> font_candidates(FontRole role) {
  const std::filesystem::path windows = windows_fonts_folder();
  const std::filesystem::path shipped = shipped_fonts_folder();
  // Latin: the DejaVu shipped in the zip first, the faces the Linux build and the tests use
  // (the layout's checks were made with them), then Windows' own. Hangul: Windows' Malgun Gothic
  // first, then the NanumGothic shipped in the zip (Windows before Vista has no Malgun).
  switch (role) {
    case FontRole::sans:
      return {shipped / L"DejaVuSans.ttf", windows / L"segoeui.ttf"};
    case FontRole::sans_bold:
      return {shipped / L"DejaVuSans-Bold.ttf", windows / L"segoeuib.ttf"};
    case FontRole::mono:
      return {shipped / L"DejaVuSansMono.ttf", windows / L"consola.ttf"};
    case FontRole::hangul:
      return {windows / L"malgun.ttf", shipped / L"NanumGothic.ttf"};
    case FontRole::hangul_bold:
      return {windows / L"malgunbd.ttf", shipped / L"NanumGothicBold.ttf"};
  }
  return {};
}

std::string os_ui_language() {
  // Settings > Time & language > Windows display language: "ko-KR" on a Korean Windows. The
  // name is ASCII (BCP 47), so a plain narrowing is exact.
  wchar_t name[LOCALE_NAME_MAX_LENGTH];
  if (LCIDToLocaleName(MAKELCID(GetUserDefaultUILanguage(), SORT_DEFAULT), name,
                       LOCALE_NAME_MAX_LENGTH, 0) <= 0)
    return {};
  std::string out;
  for (const wchar_t* c = name; *c; ++c) out += static_cast<char>(*c & 0x7f);
  return out;
}

}  // namespace iolab::platform
