// Projector-grade fonts and style: TTFs loaded at the target pixel size (scaling a small
// font blurs), found at run time; ImGui's default font when none is installed.
#pragma once
#include <string>
#include <vector>

#include "views/ui.hpp"

struct ImFont;

namespace iolab::views {

// Clears ImGui's atlas and loads the fonts at `px` pixels, with the glyphs of the string table
// and of `extra_glyphs` (lesson captions). Call between frames; the renderer must then rebuild
// its font texture (ImGui_ImplOpenGL3_DestroyFontsTexture / CreateFontsTexture).
Fonts load_fonts(float px, const std::string& extra_glyphs = {});

// Is a Hangul font (NanumGothic, Malgun Gothic, or $IOLAB_HANGUL_FONT) installed?
bool hangul_font_available();

// Characters of `texts` the (built) font has no glyph for: 0 means no tofu boxes.
int missing_glyphs(const ImFont* font, const std::vector<const char*>& texts);

// Dark style, or the projector's high-contrast light one, with sizes scaled for `px` text.
void apply_style(float px, bool light = false);

}  // namespace iolab::views
