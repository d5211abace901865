#include "platform/places.hpp"

namespace iolab::platform {

std::vector<std::filesystem::path> font_candidates(FontRole role) {
  // Debian's fonts-dejavu-core and fonts-nanum.
  const std::filesystem::path dejavu = "/usr/share/fonts/truetype/dejavu";
  const std::filesystem::path nanum = "/usr/share/fonts/truetype/nanum";
  switch (role) {
    case FontRole::sans:
      return {dejavu / "DejaVuSans.ttf"};
    case FontRole::sans_bold:
      return {dejavu / "DejaVuSans-Bold.ttf"};
    case FontRole::mono:
      return {dejavu / "DejaVuSansMono.ttf"};
    case FontRole::hangul:
      return {nanum / "NanumGothic.ttf"};
    case FontRole::hangul_bold:
      return {nanum / "NanumGothicBold.ttf"};
  }
  return {};
}

std::string os_ui_language() {
  return {};
}

}  // namespace iolab::platform
