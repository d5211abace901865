// Classroom mode's testable parts: the settings ini, save -> replay of a real run (identical
// transitions and model), and the Chrome trace export.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "model/export.hpp"
#include "model/model.hpp"
#include "model/recording.hpp"
#include "model/script.hpp"
#include "model/settings.hpp"
#include "netcore/driver.hpp"
#include "netcore/engine.hpp"
#include "netcore/format.hpp"
#include "netcore/script.hpp"
#include "netcore/trace.hpp"

namespace iolab::model {
namespace {

std::string temp_path(const std::string& name) {
  static const std::string stamp =
      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000003);
  return (std::filesystem::temp_directory_path() / ("iolab-classroom-" + stamp + "-" + name))
      .string();
}

TEST(Settings, RoundTripAndClamp) {
  const std::string path = temp_path("cfg/iolab/settings.ini");
  Settings s;
  s.scale = 2.5f;
  s.theme = "light";
  s.lang = "ko";
  ASSERT_EQ(save_settings(path, s), "");
  Settings back;
  ASSERT_TRUE(load_settings(path, back));
  EXPECT_FLOAT_EQ(back.scale, 2.5f);
  EXPECT_EQ(back.theme, "light");
  EXPECT_EQ(back.lang, "ko");
  {
    std::ofstream out(path);
    out << "scale = 9\ntheme = purple\nlang = fr\nnonsense\n";
  }
  Settings bad;
  ASSERT_TRUE(load_settings(path, bad));
  EXPECT_FLOAT_EQ(bad.scale, Settings::kMaxScale);  // clamped
  EXPECT_EQ(bad.theme, "");                         // ignored
  EXPECT_EQ(bad.lang, "");
  EXPECT_FALSE(load_settings(path + ".missing", bad));
  std::filesystem::remove_all(temp_path("cfg"));
}

TEST(DriveKeys, ProjectorKeysParse) {
  Script s;
  std::string error;
  ASSERT_TRUE(Script::parse("key Ctrl+=; key Ctrl+-; key F11; key P; view scale=1.5", s, error))
      << error;
  Model m;
  Script::Actions a = s.next_frame(m);
  EXPECT_EQ(a.press, kWithCtrl | '=');
  a = s.next_frame(m);
  EXPECT_EQ(a.release, kWithCtrl | '=');
  EXPECT_FALSE(Script::parse("key Ctrl+x", s, error));
}

#ifndef _WIN32  // setenv / unsetenv are POSIX
TEST(Settings, PathFollowsXdgThenHome) {
  const char* old = std::getenv("XDG_CONFIG_HOME");
  const std::string saved = old ? old : "";
  ::setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
  EXPECT_EQ(settings_path(), "/x/cfg/iolab/settings.ini");
  ::unsetenv("XDG_CONFIG_HOME");
  if (const char* home = std::getenv("HOME")) {
    EXPECT_EQ(settings_path(), std::string(home) + "/.config/iolab/settings.ini");
  }
  if (old) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
}
#endif

// Runs a built-in lesson on a real engine, as the GUI does (a Driver feeding the model).
Model run_lesson(const std::string& file, netcore::Backend& backend, Recording& recording) {
  netcore::ParsedScript p = netcore::load_script(file);
  EXPECT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0]);
  netcore::EngineOptions options;
  options.mode = netcore::LabMode::loopback;
  netcore::Engine engine(options);
  std::string error;
  EXPECT_TRUE(engine.start(error)) << error;
  Model model;
  netcore::Driver driver(engine, [&](const netcore::Transition& t) {
    model.apply(t);
    recording.append({t});
  });
  netcore::ScriptRunner runner(std::move(p.script));
  runner.set_speed(20.0);
  runner.start(driver);
  EXPECT_EQ(netcore::run_to_end(runner), netcore::RunState::finished) << runner.error();
  backend = engine.backend();
  engine.stop();
  driver.pump();
  return model;
}

TEST(Replay, SavedRunReplaysIdentically) {
  netcore::Backend backend{};
  Recording recording;  // what File > Save trace writes
  const Model live =
      run_lesson(IOLAB_SOURCE_DIR "/assets/scenarios/01-recv-pending.lesson", backend, recording);
  ASSERT_FALSE(live.empty());
  const std::string path = temp_path("run.jsonl");
  const std::vector<netcore::Transition> saved = recording.transitions();
  ASSERT_EQ(recording.let_go(), 0u);
  ASSERT_EQ(netcore::save_trace(path, saved, backend), "");  // File > Save trace

  const netcore::LoadedTrace loaded = netcore::load_trace_file(path);  // --replay
  ASSERT_TRUE(loaded.ok()) << loaded.errors[0];
  EXPECT_EQ(loaded.trace.backend, backend);
  Model replayed;
  replayed.apply(loaded.trace.transitions);

  ASSERT_EQ(loaded.trace.transitions.size(), saved.size());
  for (size_t i = 0; i < saved.size(); ++i) {
    const netcore::Transition& a = saved[i];
    const netcore::Transition& b = loaded.trace.transitions[i];
    EXPECT_EQ(netcore::format_jsonl(a, backend), netcore::format_jsonl(b, backend)) << i;
    EXPECT_EQ(a.seq, b.seq);
    EXPECT_EQ(a.t_ns, b.t_ns);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.op, b.op);
  }
  EXPECT_EQ(replayed.describe(), live.describe());
  // The lesson's end state: a receive that went pending and was fetched with 100 bytes.
  EXPECT_NE(live.describe().find("WSARecv last result_fetched bytes 100 path 1-2-3-4"),
            std::string::npos)
      << live.describe();
  std::remove(path.c_str());
}

TEST(Replay, BadTraceNamesFileAndLine) {
  const netcore::LoadedTrace bad = netcore::load_trace("\n{\"seq\":oops}\n", "bad.jsonl");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors[0].rfind("bad.jsonl:2: ", 0), 0u) << bad.errors[0];
}

TEST(Recording, KeepsTheNewestAndCountsWhatItLetGo) {
  Recording r(3);
  std::vector<netcore::Transition> ts(5);
  for (size_t i = 0; i < ts.size(); ++i) ts[i].seq = i;
  r.append(ts);
  EXPECT_EQ(r.size(), 3u);
  EXPECT_EQ(r.let_go(), 2u);
  EXPECT_EQ(r.transitions().front().seq, 2u);
  EXPECT_EQ(r.transitions().back().seq, 4u);
}

// --replay hands the loaded trace over without a copy; what is recorded after it wraps as
// usual. (Planted: the ring's oldest index not advanced -> the order was 4,5,2,3 -> failed;
// a loaded trace taken whole past the cap -> r2 kept 3 -> failed.)
TEST(Recording, TakesALoadedTraceWholeAndWrapsAfterIt) {
  auto seqs = [](const Recording& r) {
    std::vector<uint64_t> out;
    for (const netcore::Transition& t : r.transitions()) out.push_back(t.seq);
    return out;
  };
  auto numbered = [](uint64_t from, size_t n) {
    std::vector<netcore::Transition> ts(n);
    for (size_t i = 0; i < n; ++i) ts[i].seq = from + i;
    return ts;
  };
  Recording r(4);
  r.append(numbered(0, 3));  // a temporary: moved in
  EXPECT_EQ(seqs(r), (std::vector<uint64_t>{0, 1, 2}));
  r.append(numbered(3, 3));
  EXPECT_EQ(seqs(r), (std::vector<uint64_t>{2, 3, 4, 5}));
  EXPECT_EQ(r.let_go(), 2u);

  Recording r2(2);
  r2.append(numbered(0, 3));  // more than the cap: the newest two
  EXPECT_EQ(seqs(r2), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(r2.let_go(), 1u);
}

TEST(ChromeTrace, OneTrackPerLaneSpansAndInstants) {
  netcore::Backend backend{};
  Recording recording;
  const Model m =
      run_lesson(IOLAB_SOURCE_DIR "/assets/scenarios/01-recv-pending.lesson", backend, recording);
  const std::string json = chrome_trace_json(m, netcore::backend_name(backend));
  EXPECT_EQ(json.rfind("{\"displayTimeUnit\"", 0), 0u);
  EXPECT_NE(json.find("\"traceEvents\":["), std::string::npos);
  // Lanes as named tracks, the pending receive as a complete event, the send (completed
  // immediately) as an instant event, the thread's waits as complete events.
  size_t names = 0;
  for (size_t at = 0; (at = json.find("\"thread_name\"", at)) != std::string::npos; ++at) ++names;
  EXPECT_EQ(names, m.lanes().size());
  EXPECT_NE(json.find("\"ph\":\"X\",\"pid\":1,\"tid\":1,\"name\":\"WSARecv #"), std::string::npos)
      << json;
  EXPECT_NE(json.find("completed_immediately\",\"cat\":\"immediate\""), std::string::npos);
  EXPECT_NE(json.find("\"name\":\"WSAWaitForMultipleEvents\""), std::string::npos);
  // Balanced braces and brackets (a cheap well-formedness check; python's json in test-gui.sh).
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
    ASSERT_GE(depth, 0);
  }
  EXPECT_EQ(depth, 0);
}

}  // namespace
}  // namespace iolab::model
