#include "views/theme.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <cstdio>
#include <cstdlib>
#include <string>

#include "views/i18n.hpp"
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

// The Hangul font: $IOLAB_HANGUL_FONT when set ("none": act as if there were none), else
// NanumGothic (fonts-nanum) or Windows' Malgun Gothic.
const char* hangul_font_path(bool bold = false) {
  if (const char* env = std::getenv("IOLAB_HANGUL_FONT"); env && *env)
    return first_existing({env});
  if (bold) {  // headings and captions: the bold cut, so Hangul is as heavy as the Latin
    if (const char* p = first_existing({"/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
                                        "C:/Windows/Fonts/malgunbd.ttf"}))
      return p;
  }
  return first_existing({"/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
                         "C:/Windows/Fonts/malgun.ttf", "C:/Windows/Fonts/malgunsl.ttf"});
}

// Glyphs the UI draws: Latin-1, plus the few symbols (→ · — µ) the strings use, and every
// Hangul syllable found in the string table and `extra` (the lesson captions): not all
// 11172 syllables, so the atlas stays small and start-up fast. Rebuilt on each load_fonts.
const ImWchar* ui_glyph_ranges(const std::string& extra) {
  static ImVector<ImWchar> ranges;
  ranges.clear();
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
  builder.AddText("\xE2\x86\x92\xC2\xB7\xE2\x80\x94\xC2\xB5\xE2\x80\xA6");  // → · — µ …
  builder.AddText(text::kKoreanTerms);
  for (const char* ko : korean_texts()) builder.AddText(ko);
  builder.AddText(extra.c_str());
  builder.BuildRanges(&ranges);
  return ranges.Data;
}

ImFont* add_font(const char* path, float px, const ImWchar* ranges) {
  ImFontConfig config;
  config.OversampleH = 2;  // crisp at projector sizes without a huge atlas
  config.OversampleV = 1;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path, px, &config, ranges);
}

void merge_hangul(float px, const ImWchar* ranges, bool bold = false) {
  const char* path = hangul_font_path(bold);
  if (!path) return;
  ImFontConfig config;
  config.MergeMode = true;
  config.OversampleH = 2;
  ImGui::GetIO().Fonts->AddFontFromFileTTF(path, px, &config, ranges);
}

}  // namespace

bool hangul_font_available() {
  return hangul_font_path() != nullptr;
}

int missing_glyphs(const ImFont* font, const std::vector<const char*>& texts) {
  if (!font) return 0;
  int missing = 0;
  for (const char* t : texts) {
    const char* end = t + std::char_traits<char>::length(t);
    while (t < end) {
      unsigned int c = 0;
      t += ImTextCharFromUtf8(&c, t, end);
      if (c == 0) break;
      if (c >= 0x20 && !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) ++missing;
    }
  }
  return missing;
}

Fonts load_fonts(float px, const std::string& extra_glyphs) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  const ImWchar* ranges = ui_glyph_ranges(extra_glyphs);
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
  if (bold) merge_hangul(px * 1.08f, ranges, true);
  // Code lines are long: a slightly smaller mono font keeps 50 columns in a third of the screen.
  fonts.mono = mono ? add_font(mono, px * 0.84f, ranges) : fonts.ui;
  if (mono) merge_hangul(px * 0.84f, ranges);
  fonts.small = sans ? add_font(sans, px * 0.8f, ranges) : fonts.ui;
  if (sans) merge_hangul(px * 0.8f, ranges);
  // The lesson caption: large enough to read from the back of the room.
  fonts.caption = bold ? add_font(bold, px * 1.6f, ranges) : fonts.big;
  if (bold) merge_hangul(px * 1.6f, ranges, true);
  return fonts;
}

void apply_style(float px, bool light) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();  // sizes from scratch: ScaleAllSizes multiplies what is there
  style.ScaleAllSizes(px / 15.0f);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.WindowBorderSize = 1.0f;
  if (!light) {
    ImGui::StyleColorsDark();
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.10f, 0.12f, 1.0f);
    style.Colors[ImGuiCol_TitleBg] = ImVec4(0.16f, 0.22f, 0.32f, 1.0f);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.22f, 0.32f, 1.0f);
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
