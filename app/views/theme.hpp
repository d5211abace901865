// Projector-grade fonts and style: TTFs loaded at the target pixel size (scaling a small
// font blurs), found at run time; ImGui's default font when none is installed.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "views/ui.hpp"

struct ImFont;

namespace iolab::views {

// An ImGui font atlas whose fonts share the bytes of their TTF files. ImGui's own
// AddFontFromFileTTF reads a file once per font and AddFontFromMemoryTTF copies it unless the
// atlas owns it; here every font is given the same bytes, read once per process and kept for
// later rebuilds (NanumGothic alone is 4.6 MB and backs four fonts). ImGui never frees them:
// load_fonts and the destructor take them out of the atlas before it clears.
class FontAtlas : public ImFontAtlas {
 public:
  FontAtlas() = default;
  FontAtlas(const FontAtlas&) = delete;
  FontAtlas& operator=(const FontAtlas&) = delete;
  ~FontAtlas();
};

// Clears `atlas` and adds the fonts at `px` pixels, with the glyphs of the string table and of
// `extra_glyphs` (lesson captions); the caller builds it. Needs no ImGui context, so app/main.cpp
// runs it on another thread while the window opens (one call at a time: the cache of TTF files
// is not locked).
Fonts load_fonts(FontAtlas& atlas, float px, const std::string& extra_glyphs = {});

// Is a Hangul font (NanumGothic, Malgun Gothic, or $IOLAB_HANGUL_FONT) installed?
bool hangul_font_available();

// Characters of `texts` the (built) font has no glyph for: 0 means no tofu boxes.
int missing_glyphs(const ImFont* font, const std::vector<const char*>& texts);

// Dark style, or the projector's high-contrast light one, with sizes scaled for `px` text.
void apply_style(float px, bool light = false);

}  // namespace iolab::views
