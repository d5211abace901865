// Projector-grade fonts and style: TTFs found at run time, drawn at the exact pixel size of each
// UI scale (ImGui 1.92's dynamic fonts: never a blurred, scaled-up bitmap); ImGui's default font
// when none is installed.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "views/ui.hpp"

struct ImFont;

namespace iolab::views {

// Clears `atlas` and adds the fonts, each at its size for UI scale 1 (ImFont::LegacySize):
// Latin (DejaVu) with the Hangul font merged in. ImGui 1.92 makes glyphs on demand at any size,
// from the whole font, so a scale change needs no new atlas (style.FontScaleMain: apply_style).
// Needs no ImGui context. The TTF files are read once per process and never freed.
Fonts load_fonts(ImFontAtlas& atlas, float px);

// Is a Hangul font (NanumGothic, Malgun Gothic, or $IOLAB_HANGUL_FONT) installed?
bool hangul_font_available();

// Characters of `texts` none of the font's files has a glyph for: 0 means no tofu boxes.
int missing_glyphs(ImFont* font, const std::vector<const char*>& texts);

// Dark style, or the projector's high-contrast light one, for `px` text (the default font's
// size at scale 1) at UI scale `scale`: sizes scaled, style.FontScaleMain = scale.
void apply_style(float px, float scale, bool light = false);

}  // namespace iolab::views
