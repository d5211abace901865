// The UI's language: English or Korean. Every string in strings.hpp / strings_classroom.hpp is
// an `inline const char*`; set_language points each at its text in that language, so the views
// keep using text::kX unchanged. The Windows names (WSARecv, WSA_IO_PENDING, ...) and the
// transition words of the log stay as they are in both languages.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "netcore/transition.hpp"

namespace iolab::views {

enum class Lang { en, ko };

void set_language(Lang lang);
Lang language();
const char* language_code(Lang lang);                 // "en", "ko"
bool parse_language(std::string_view s, Lang& lang);  // "en" / "ko"

// ko when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with "ko", else en; with none
// set, ko when the OS's own UI language is Korean (Windows).
Lang language_from_locale();

// Every Korean text of the table (for the font atlas and the missing-glyph check).
std::vector<const char*> korean_texts();
// Every string of the table in the current language (what the UI draws).
std::vector<const char*> current_texts();
// How many strings have no Korean text (shown in English in a Korean UI).
int untranslated_count();
// Strings whose Korean text has other printf conversions than the English one (must be none).
std::vector<std::string> format_mismatches();

// netcore::error_help in the UI's language: netcore stays free of UI text, so the Korean
// sentences live here (views/errors_ko.cpp). nullptr-safe: "" for an unknown code.
const char* error_help_text(netcore::Backend backend, int32_t code);
// The Korean sentence alone ("" when there is none): for the test that every code has one.
const char* error_help_ko(netcore::Backend backend, int32_t code);
// Every Korean error explanation (korean_texts() adds them for the font atlas).
std::vector<const char*> korean_error_helps();

}  // namespace iolab::views
