// Projector-grade fonts and style: TTFs loaded at the target pixel size (scaling a small
// font blurs), found at run time; ImGui's default font when none is installed.
#pragma once
#include "views/ui.hpp"

namespace iolab::views {

// Loads the fonts into ImGui's atlas at `px` pixels. Call before the renderer builds the atlas.
Fonts load_fonts(float px);

// Dark style with sizes scaled for `px`-pixel text.
void apply_style(float px);

}  // namespace iolab::views
