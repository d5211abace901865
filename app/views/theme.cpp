#include "views/theme.hpp"

#include <imgui.h>

#include <cstdio>

#include "views/strings.hpp"

namespace iolab::views {
namespace {

const char* first_existing(std::initializer_list<const char*> paths) {
  for (const char* p : paths) {
    if (std::FILE* f = std::fopen(p, "rb")) {
      std::fclose(f);
      return p;
    }
  }
  return nullptr;
}

// Glyphs the UI draws: Latin-1, plus the few symbols (→ · — µ) the strings use, and every
// Hangul syllable found in the strings (not all 11172: the atlas stays small and fast).
const ImWchar* ui_glyph_ranges() {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    builder.AddText("\xE2\x86\x92\xC2\xB7\xE2\x80\x94\xC2\xB5\xE2\x80\xA6");  // → · — µ …
    builder.AddText(text::kKoreanTerms);
    builder.BuildRanges(&ranges);
  }
  return ranges.Data;
}

ImFont* add_font(const char* path, float px, const ImWchar* ranges) {
  ImFontConfig config;
  config.OversampleH = 2;  // crisp at projector sizes without a huge atlas
  config.OversampleV = 1;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path, px, &config, ranges);
}

void merge_hangul(float px, const ImWchar* ranges) {
  const char* path = first_existing(
      {"/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "C:/Windows/Fonts/malgun.ttf"});
  if (!path) return;
  ImFontConfig config;
  config.MergeMode = true;
  config.OversampleH = 2;
  ImGui::GetIO().Fonts->AddFontFromFileTTF(path, px, &config, ranges);
}

}  // namespace

Fonts load_fonts(float px) {
  ImGuiIO& io = ImGui::GetIO();
  Fonts fonts;
  const ImWchar* ranges = ui_glyph_ranges();
  const char* sans = first_existing(
      {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "C:/Windows/Fonts/segoeui.ttf"});
  const char* bold = first_existing(
      {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "C:/Windows/Fonts/segoeuib.ttf"});
  const char* mono = first_existing(
      {"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "C:/Windows/Fonts/consola.ttf"});
  if (sans) {
    fonts.ui = add_font(sans, px, ranges);  // the first font added is ImGui's default
    merge_hangul(px, ranges);
  } else {
    std::fprintf(stderr, "iolab: no DejaVu Sans font found (fonts-dejavu-core); using ImGui's\n");
    ImFontConfig config;
    config.SizePixels = px;
    fonts.ui = io.Fonts->AddFontDefault(&config);
  }
  fonts.big = bold ? add_font(bold, px * 1.08f, ranges) : fonts.ui;
  // Code lines are long: a slightly smaller mono font keeps 50 columns in a third of the screen.
  fonts.mono = mono ? add_font(mono, px * 0.84f, ranges) : fonts.ui;
  fonts.small = sans ? add_font(sans, px * 0.8f, ranges) : fonts.ui;
  if (bold) merge_hangul(px * 1.08f, ranges);
  return fonts;
}

void apply_style(float px) {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.ScaleAllSizes(px / 15.0f);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.WindowBorderSize = 1.0f;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.10f, 0.12f, 1.0f);
  style.Colors[ImGuiCol_TitleBg] = ImVec4(0.16f, 0.22f, 0.32f, 1.0f);
  style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.22f, 0.32f, 1.0f);
}

}  // namespace iolab::views
