#include "views/theme.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "platform/places.hpp"

namespace iolab::views {
namespace {

using platform::FontRole;
using Path = std::filesystem::path;

Path first_existing(const std::vector<Path>& paths) {
  for (const Path& p : paths) {
    if (std::ifstream(p, std::ios::binary)) return p;
  }
  return {};
}

// A role's font: the first of the platform's places that has it (platform/places_*.cpp).
Path font_path(FontRole role) {
  return first_existing(platform::font_candidates(role));
}

// The Hangul font: $IOLAB_HANGUL_FONT when set ("none": act as if there were none), else
// NanumGothic (fonts-nanum) or Windows' Malgun Gothic.
Path hangul_font_path(bool bold = false) {
  if (const char* env = std::getenv("IOLAB_HANGUL_FONT"); env && *env)
    return first_existing({Path(env)});
  if (bold) {  // headings and captions: the bold cut, so Hangul is as heavy as the Latin
    if (Path p = font_path(FontRole::hangul_bold); !p.empty()) return p;
  }
  return font_path(FontRole::hangul);
}

// The bytes of each TTF file, read once and kept for the whole process: ImGui 1.92 reads a font's
// file data whenever it makes glyphs, so the data must outlive the atlas (NanumGothic alone is
// 4.6 MB and backs four fonts).
struct TtfFile {
  std::unique_ptr<unsigned char[]> bytes;
  int size = 0;
};
std::map<Path, TtfFile>& ttf_files() {
  static std::map<Path, TtfFile> files;
  return files;
}

const TtfFile* ttf_file(const Path& path) {
  auto [it, added] = ttf_files().try_emplace(path);
  if (added) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : 0;
    if (size > 0 && size < (1 << 30)) {
      // Not make_unique_for_overwrite: the web edition's libc++ (emscripten 3.1.6) lacks it.
      // Either way the bytes are left uninitialized; the read fills them.
      std::unique_ptr<unsigned char[]> bytes(new unsigned char[static_cast<size_t>(size)]);
      in.seekg(0);
      if (in.read(reinterpret_cast<char*>(bytes.get()), size)) {
        it->second.bytes = std::move(bytes);
        it->second.size = static_cast<int>(size);
      }
    }
  }
  return it->second.bytes ? &it->second : nullptr;
}

// The font points at the shared bytes of its file (no copy, no second read). No glyph ranges:
// with a renderer that takes texture updates (ImGuiBackendFlags_RendererHasTextures) ImGui makes
// each glyph the first time it is drawn, at the size it is drawn at, from the whole font.
ImFont* add_ttf(ImFontAtlas& atlas, const Path& path, float px, bool merge) {
  const TtfFile* file = ttf_file(path);
  if (!file) return nullptr;
  ImFontConfig config;
  config.MergeMode = merge;
  config.FontDataOwnedByAtlas = false;  // ttf_files() keeps the bytes
  config.OversampleH = 2;               // crisp at projector sizes
  config.OversampleV = 1;
  std::snprintf(config.Name, sizeof config.Name, "%s, %.0fpx",
                reinterpret_cast<const char*>(path.filename().u8string().c_str()), px);
  return atlas.AddFontFromMemoryTTF(file->bytes.get(), file->size, px, &config);
}

ImFont* add_font(ImFontAtlas& atlas, const Path& path, float px) {
  return add_ttf(atlas, path, px, false);
}

// Hangul comes from the merged font: the Latin font has none, so ImGui falls through to it.
void merge_hangul(ImFontAtlas& atlas, float px, bool bold = false) {
  if (const Path path = hangul_font_path(bold); !path.empty()) add_ttf(atlas, path, px, true);
}

}  // namespace

bool hangul_font_available() {
  return !hangul_font_path().empty();
}

int missing_glyphs(ImFont* font, const std::vector<const char*>& texts) {
  if (!font) return 0;
  int missing = 0;
  for (const char* t : texts) {
    const char* end = t + std::char_traits<char>::length(t);
    while (t < end) {
      unsigned int c = 0;
      t += ImTextCharFromUtf8(&c, t, end);
      if (c == 0) break;
      if (c >= 0x20 && !font->IsGlyphInFont(static_cast<ImWchar>(c))) ++missing;
    }
  }
  return missing;
}

Fonts load_fonts(ImFontAtlas& atlas, float px) {
  atlas.Clear();
  Fonts fonts;
  Path sans = font_path(FontRole::sans);
  const Path bold = font_path(FontRole::sans_bold);
  const Path mono = font_path(FontRole::mono);
  if (!sans.empty()) fonts.ui = add_font(atlas, sans, px);  // the first font is ImGui's default
  if (fonts.ui) {
    merge_hangul(atlas, px);
  } else {
    sans.clear();
    std::fprintf(stderr,
                 "iolab: no DejaVu Sans font found (fonts-dejavu-core; on Windows, fonts\\ beside "
                 "iolab.exe); using ImGui's\n");
    ImFontConfig config;
    config.SizePixels = px;
    fonts.ui = atlas.AddFontDefault(&config);
  }
  fonts.big = !bold.empty() ? add_font(atlas, bold, px * 1.08f) : nullptr;
  if (fonts.big)
    merge_hangul(atlas, px * 1.08f, true);
  else
    fonts.big = fonts.ui;
  // Code lines are long: a slightly smaller mono font keeps 50 columns in a third of the screen.
  fonts.mono = !mono.empty() ? add_font(atlas, mono, px * 0.84f) : nullptr;
  if (fonts.mono)
    merge_hangul(atlas, px * 0.84f);
  else
    fonts.mono = fonts.ui;
  fonts.small = !sans.empty() ? add_font(atlas, sans, px * 0.8f) : nullptr;
  if (fonts.small)
    merge_hangul(atlas, px * 0.8f);
  else
    fonts.small = fonts.ui;
  // The lesson caption: large enough to read from the back of the room.
  fonts.caption = !bold.empty() ? add_font(atlas, bold, px * 1.6f) : nullptr;
  if (fonts.caption)
    merge_hangul(atlas, px * 1.6f, true);
  else
    fonts.caption = fonts.big;
  return fonts;
}

void push_font(ImFont* font) {
  ImGui::PushFont(font, font ? font->LegacySize : 0.0f);
}

float font_px(const ImFont* font) {
  return font->LegacySize * ImGui::GetStyle().FontScaleMain;
}

void apply_style(float px, float scale, bool light) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();  // sizes from scratch: ScaleAllSizes multiplies what is there
  style.ScaleAllSizes(px * scale / 15.0f);
  style.FontSizeBase = px;      // the default font's size at scale 1
  style.FontScaleMain = scale;  // every font's size: glyphs made on demand, no atlas rebuild
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.WindowBorderSize = 1.0f;
  if (!light) {
    ImGui::StyleColorsDark();
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.10f, 0.12f, 1.0f);
    style.Colors[ImGuiCol_TitleBg] = ImVec4(0.16f, 0.22f, 0.32f, 1.0f);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.22f, 0.32f, 1.0f);
    // ImGui's 0.50 grey is 4.4:1 on this background: lighter, for 4.5 (WCAG AA).
    style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.60f, 0.60f, 0.62f, 1.0f);
    // ImGui's hovered and pressed buttons are a light blue: white text on them is 3:1.
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.18f, 0.40f, 0.70f, 1.0f);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.12f, 0.32f, 0.60f, 1.0f);
    return;
  }
  // Projector: a washed-out beamer loses greys and thin lines, so black text on white, dark
  // borders, saturated frames, no transparency.
  ImGui::StyleColorsLight();
  style.FrameBorderSize = 1.0f;
  style.WindowBorderSize = 2.0f;
  ImVec4* c = style.Colors;
  const ImVec4 black(0.0f, 0.0f, 0.0f, 1.0f), white(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_Text] = black;
  c[ImGuiCol_TextDisabled] = ImVec4(0.28f, 0.28f, 0.30f, 1.0f);
  c[ImGuiCol_WindowBg] = white;
  c[ImGuiCol_ChildBg] = white;
  c[ImGuiCol_PopupBg] = ImVec4(0.97f, 0.97f, 0.94f, 1.0f);
  c[ImGuiCol_MenuBarBg] = ImVec4(0.86f, 0.88f, 0.92f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.20f, 0.20f, 0.25f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(0.90f, 0.92f, 0.96f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.78f, 0.85f, 0.97f, 1.0f);
  c[ImGuiCol_TitleBg] = ImVec4(0.78f, 0.85f, 0.95f, 1.0f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.78f, 0.85f, 0.95f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.80f, 0.87f, 0.98f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.62f, 0.76f, 0.98f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.45f, 0.63f, 0.95f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.75f, 0.84f, 0.98f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.62f, 0.76f, 0.98f, 1.0f);
  c[ImGuiCol_CheckMark] = ImVec4(0.0f, 0.25f, 0.70f, 1.0f);
  c[ImGuiCol_Separator] = ImVec4(0.25f, 0.25f, 0.30f, 1.0f);
  c[ImGuiCol_TableBorderStrong] = c[ImGuiCol_Border];
  c[ImGuiCol_TableBorderLight] = ImVec4(0.45f, 0.45f, 0.50f, 1.0f);
}

}  // namespace iolab::views
