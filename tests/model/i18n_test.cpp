// The Korean UI (issue 19): every string the table switches, and every error explanation the
// inspector shows, reads in Korean in Korean mode. Allowed Latin: API and protocol names
// (WSARecv, WSA_IO_PENDING, SO_SNDBUF, io_uring, CQE), key names (R, S), units and numbers.
// Planted bugs: kFloodHelp's entry removed from the table (the tooltip fell back to English) ->
// EverySwitchableStringIsInTheTable failed naming it; 10060 removed from errors_ko.cpp ->
// EveryErrorExplanationHasKorean failed ("Winsock code 10060 has no Korean").
#include "views/i18n.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "netcore/errors.hpp"
#include "netcore/script.hpp"

namespace iolab::views {
namespace {

// Words that stay as they are in a Korean sentence: calls, tools, names, file formats.
const std::set<std::string> kAllowed = {
    "recv",
    "send",
    "select",
    "eventfd",
    "errno",
    "cqe",
    "res",
    "len",
    "buf",
    "netcore",
    "nc",  // netcat, the outside client iolab --serve suggests
    "iolab",
    "shutdown",
    "Linux",
    "Windows",
    "Chrome",
    "Perfetto",
    "Malgun",
    "Gothic",
    "Space",
    "Hello",
    "World",
    "Wine",
    "Lines",
    "closesocket",
    "recv",      // WSAEventSelect's recv (the lecture's word for the call)
    "Internal",  // WSAOVERLAPPED's field, as the inspector names it (beside InternalHigh)
    "ioctlsocket",
    "Winsock",
    "Data",
    "Recv",
    "Len",
    // Key names as printed on the keyboard and a clicker (Space is above).
    "Ctrl",
    "Page",
    "Up",
    "Down",
    "Tab",
};

// The matrix's glosses: the lecture's four words in English under their Korean (동기 /
// synchronous), on purpose in both languages.
const std::set<std::string> kGlosses = {"synchronous", "asynchronous", "blocking", "non-blocking"};

bool allowed(const std::string& w) {
  if (w.size() == 1 || kAllowed.count(w)) return true;  // a key (R, S, A), a unit (B)
  for (char c : w)
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '_') return true;  // SO_SNDBUF, Win32
  for (size_t i = 1; i < w.size(); ++i)
    if (std::isupper(static_cast<unsigned char>(w[i]))) return true;  // WSARecv, CQE, KiB
  return false;
}

// The first English word of `s` a student would read, or "".
std::string english_in(std::string_view s) {
  std::string text;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"')
      quoted = !quoted;      // a quoted title or text is shown as it is
    else if (s[i] == '%') {  // a printf conversion
      while (i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1]))) ++i;
    } else if (s[i] == '-' && i + 1 < s.size() && s[i + 1] == '-') {  // a flag: --replay
      while (i + 1 < s.size() &&
             (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '-'))
        ++i;
    } else if (s[i] == '#' && i + 1 < s.size() && s[i + 1] == '#') {  // ImGui's hidden id
      break;
    } else if (!quoted) {
      text += s[i];
    }
  }
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += c;
      continue;
    }
    if (!word.empty() && !allowed(word)) return word;
    word.clear();
  }
  return "";
}

TEST(KoreanUi, TheCheckFindsEnglish) {
  EXPECT_EQ(english_in("Run"), "Run");
  EXPECT_EQ(english_in("상태: awaiting"), "awaiting");
  EXPECT_EQ(english_in("WSARecv 걸기  [R]"), "");
  EXPECT_EQ(english_in("Page Down: 다음 단계   Ctrl+1: 레이아웃"), "");
  EXPECT_EQ(english_in("Page Down: next step"), "next");
  EXPECT_EQ(english_in("%llu 바이트, SO_SNDBUF, io_uring, \"Hello World\""), "");
}

TEST(KoreanUi, KoreanModeShowsNoEnglish) {
  set_language(Lang::en);
  const std::vector<const char*> en = current_texts();
  set_language(Lang::ko);
  const std::vector<const char*> ko = current_texts();
  set_language(Lang::en);
  ASSERT_EQ(en.size(), ko.size());
  EXPECT_EQ(untranslated_count(), 0);
  EXPECT_TRUE(format_mismatches().empty());
  for (size_t i = 0; i < ko.size(); ++i) {
    if (kGlosses.count(ko[i])) continue;
    EXPECT_EQ(english_in(ko[i]), "")
        << "in Korean mode: \"" << ko[i] << "\" (English: \"" << en[i] << "\")";
  }
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A switchable string (`inline const char* kX`) left out of the table stays English in Korean
// mode, and the tables above cannot see it: each must have its entry in i18n.cpp. These stay
// English on purpose: the lecture's console lines and Windows' own names.
TEST(KoreanUi, EverySwitchableStringIsInTheTable) {
  const std::set<std::string> english_on_purpose = {"kDataRecvLen",  "kDataSendLen", "kOverlapped",
                                                    "kWsabufFormat", "kRowOp",       "kCpu"};
  const std::string dir = IOLAB_SOURCE_DIR "/app/views/";
  const std::string table = read(dir + "i18n.cpp");
  ASSERT_FALSE(table.empty());
  const std::regex declared(R"(inline const char\* (k\w+))");
  int checked = 0;
  for (const char* header : {"strings.hpp", "strings_classroom.hpp", "strings_watch.hpp"}) {
    const std::string text = read(dir + header);
    for (std::sregex_iterator it(text.begin(), text.end(), declared), end; it != end; ++it) {
      const std::string name = (*it)[1];
      ++checked;
      if (english_on_purpose.count(name)) continue;
      EXPECT_TRUE(table.find("::" + name + ",") != std::string::npos ||
                  table.find("::" + name + "[") != std::string::npos)
          << header << ": " << name << " has no Korean entry in i18n.cpp";
    }
  }
  EXPECT_GT(checked, 150);
}

// The lecture's words and one speech level (합쇼체): "즉시" (he says 바로), "신호" (시그널),
// "완료 루틴" (콜백), "홍수", and a sentence ending in 해라체 (…다 without 니) are wrong.
std::string wrong_korean(const std::string& ko) {
  for (const char* word : {"즉시", "신호", "완료 루틴", "홍수", "오류", "트랜지션"})
    if (ko.find(word) != std::string::npos) return word;
  for (size_t at = ko.find("다"); at != std::string::npos; at = ko.find("다", at + 1)) {
    const size_t after = at + std::string("다").size();
    const bool ends =
        after == ko.size() || std::string(". :)\n").find(ko[after]) != std::string::npos;
    const std::string before = at >= 3 ? ko.substr(at - 3, 3) : "";
    const bool polite = before == "니" || before == "마" || before == "보";  // 마다, 보다
    if (ends && !polite) return "해라체: " + ko.substr(0, after);
  }
  return english_in(ko);
}

TEST(KoreanUi, TheLecturesWordsAndOneSpeechLevel) {
  EXPECT_EQ(wrong_korean("즉시 완료"), "즉시");
  EXPECT_EQ(wrong_korean("펜딩된다."), "해라체: 펜딩된다");
  EXPECT_EQ(wrong_korean("펜딩됩니다."), "");
  set_language(Lang::ko);
  for (const char* ko : current_texts()) {
    if (kGlosses.count(ko)) continue;
    EXPECT_EQ(wrong_korean(ko), "") << ko;
  }
  set_language(Lang::en);
  for (const char* ko : korean_error_helps()) EXPECT_EQ(wrong_korean(ko), "") << ko;
}

// Every lesson caption has its Korean line, in the same words and speech level.
TEST(KoreanUi, LessonCaptionsInKorean) {
  int captions = 0;
  for (const char* name :
       {"00-intro", "01-recv-pending", "02-recv-immediate", "03-send-pending", "04-scatter-gather",
        "05-touch-buffer", "06-overlapped-per-op", "07-close-while-pending", "08-lecture-demo",
        "09-completion-routine", "10-iocp"}) {
    const netcore::ParsedScript p =
        netcore::load_script(std::string(IOLAB_SOURCE_DIR "/assets/scenarios/") + name + ".lesson");
    ASSERT_TRUE(p.ok()) << p.errors.front();
    for (const netcore::Step& step : p.script.steps) {
      if (step.kind != netcore::StepKind::caption) continue;
      ++captions;
      EXPECT_FALSE(step.ko.empty()) << name << ":" << step.line << " has no ko=";
      EXPECT_EQ(wrong_korean(step.ko), "") << name << ":" << step.line << ": " << step.ko;
    }
  }
  EXPECT_GT(captions, 40);
}

TEST(KoreanUi, EveryErrorExplanationHasKorean) {
  for (netcore::Backend b : {netcore::Backend::winsock, netcore::Backend::linux_io_uring})
    for (int32_t code = -16; code < 12000; ++code) {
      if (!*netcore::error_help(b, code)) continue;
      const char* ko = error_help_ko(b, code);
      EXPECT_TRUE(*ko) << netcore::backend_name(b) << " code " << code << " has no Korean";
      EXPECT_EQ(english_in(ko), "") << code << ": " << ko;
    }
  set_language(Lang::ko);
  EXPECT_STREQ(error_help_text(netcore::Backend::winsock, 997),
               error_help_ko(netcore::Backend::winsock, 997));
  set_language(Lang::en);
  EXPECT_STREQ(error_help_text(netcore::Backend::winsock, 997),
               netcore::error_help(netcore::Backend::winsock, 997));
}

}  // namespace
}  // namespace iolab::views
