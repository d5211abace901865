// The themes' colours: every text colour the views draw, on the background it is drawn on
// (views/widgets colors::text_colour_pairs, the same colours the views use), meets WCAG AA
// contrast (4.5:1) in the dark and the light (projector) theme; and the plots follow the theme.
// Before: the matrix's headers were near-white (235) on the light theme's white window (1.2:1),
// the dark theme's disabled text 4.4:1, the failure colour 3.9:1 on white. Planted: the light
// palette's lane detail back at (160, 160, 160): the test failed (2.4:1).
#include "views/theme.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include "views/widgets.hpp"

namespace {

class Theme : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    iolab::views::apply_style(24.0f, 1.0f, GetParam());
  }
  void TearDown() override { ImGui::DestroyContext(); }
};

TEST_P(Theme, EveryTextColourMeetsAaContrast) {
  const auto pairs = iolab::views::colors::text_colour_pairs();
  ASSERT_GT(pairs.size(), 20u);
  for (const auto& p : pairs)
    EXPECT_GE(iolab::views::colors::contrast_ratio(p.text, p.background), 4.5f)
        << (GetParam() ? "light" : "dark") << ": " << p.what;
}

TEST_P(Theme, PlotsFollowTheTheme) {
  using iolab::views::colors::contrast_ratio;
  const ImVec4 window = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  const ImVec4 plot = ImGui::ColorConvertU32ToFloat4(iolab::views::colors::palette().plot_bg);
  // A plot on its window: the same side of grey (no dark box on a white projector page).
  EXPECT_LT(contrast_ratio(window, plot), 1.5f) << (GetParam() ? "light" : "dark");
}

INSTANTIATE_TEST_SUITE_P(DarkAndLight, Theme, ::testing::Values(false, true));

// The formula itself, on known pairs: black on white is 21:1, a colour on itself 1:1.
TEST(Contrast, KnownPairs) {
  using iolab::views::colors::contrast_ratio;
  EXPECT_NEAR(contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)), 21.0f, 0.01f);
  EXPECT_NEAR(contrast_ratio(ImVec4(0.5f, 0.2f, 0.1f, 1), ImVec4(0.5f, 0.2f, 0.1f, 1)), 1.0f,
              1e-5f);
  // #767676 on white: the lightest grey that passes AA, 4.54:1.
  const float g = 118.0f / 255.0f;
  EXPECT_NEAR(contrast_ratio(ImVec4(g, g, g, 1), ImVec4(1, 1, 1, 1)), 4.54f, 0.01f);
}

}  // namespace
