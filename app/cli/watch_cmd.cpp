#include "watch_cmd.hpp"

#include <cstdio>
#include <map>

#include "netcore/format.hpp"
#include "netcore/pitfalls.hpp"
#include "netcore/transition.hpp"
#ifndef _WIN32
#include "netcore/watch.hpp"
#endif

namespace iolab {

#ifdef _WIN32
int run_watch(const WatchOptions&) {
  std::fprintf(stderr,
               "iolab-cli: watch runs on Linux (the Windows build has no listener yet); run the "
               "Linux iolab-cli watch and point IOLAB_PROBE at it\n");
  return 2;
}
#else
namespace {

using namespace netcore;

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (uint8_t(c) >= 0x20) out += c;
  }
  return out + "\"";
}

struct Program {
  PitfallChecker checker;
  uint64_t t0 = 0;
  bool started = false;
};

}  // namespace

int run_watch(const WatchOptions& o) {
  ProbeWatcher watcher;
  if (std::string e = watcher.listen(o.host, o.port); !e.empty()) {
    std::fprintf(stderr, "iolab-cli: %s\n", e.c_str());
    return 1;
  }
  // On stderr, so a script can wait for it and stdout stays the transitions alone.
  std::fprintf(stderr, "iolab-cli watch: listening on %s:%d\n", o.host.c_str(), watcher.port());
  std::fflush(stderr);
  std::map<int, Program> programs;
  bool seen_any = false;
  auto print = [&](const WatchEvent& e) {
    const std::string who = e.name + "[" + std::to_string(e.pid) + "]";
    const std::string head = "{\"program\":" + quoted(e.name) + ",\"pid\":" + std::to_string(e.pid);
    switch (e.type) {
      case WatchEvent::Type::connected:
        seen_any = true;
        programs[e.program] = Program{};
        if (o.jsonl)
          std::printf("%s,\"connected\":true}\n", head.c_str());
        else
          std::printf("%s connected\n", who.c_str());
        break;
      case WatchEvent::Type::disconnected:
        if (o.jsonl)
          std::printf("%s,\"disconnected\":true,\"gaps\":%s}\n", head.c_str(),
                      e.message.empty() ? "false" : "true");
        else
          std::printf("%s disconnected%s%s\n", who.c_str(), e.message.empty() ? "" : ": ",
                      e.message.c_str());
        programs.erase(e.program);
        break;
      case WatchEvent::Type::bad_line:
        std::fprintf(stderr, "iolab-cli watch: %s: %s\n",
                     e.name.empty() ? "a connection" : who.c_str(), e.message.c_str());
        break;
      case WatchEvent::Type::transition: {
        Program& p = programs[e.program];
        const Transition& t = e.transition;
        if (!p.started) {
          p.t0 = t.t_ns;
          p.started = true;
        }
        if (o.jsonl) {
          std::printf("%s,\"transition\":%s}\n", head.c_str(),
                      format_jsonl(t, Backend::winsock).c_str());
        } else {
          const std::string socket = t.session ? "s" + std::to_string(t.session) : "thread";
          std::printf("%s %s\n", who.c_str(),
                      format_text(t, Backend::winsock, p.t0, socket.c_str()).c_str());
        }
        if (const auto hit = p.checker.feed(t)) {
          if (o.jsonl)
            std::printf("%s,\"pitfall\":\"%s\",\"seq\":%llu,\"op\":%u,\"en\":%s,\"ko\":%s}\n",
                        head.c_str(), pitfall_name(hit->pitfall), (unsigned long long)hit->seq,
                        hit->op, quoted(pitfall_text_en(hit->pitfall)).c_str(),
                        quoted(pitfall_text_ko(hit->pitfall)).c_str());
          else
            std::printf("%s PITFALL %s (seq %llu, op %u): %s\n    %s\n", who.c_str(),
                        pitfall_name(hit->pitfall), (unsigned long long)hit->seq, hit->op,
                        pitfall_text_en(hit->pitfall), pitfall_text_ko(hit->pitfall));
        }
        break;
      }
    }
    std::fflush(stdout);
  };
  while (!(o.once && seen_any && watcher.connected() == 0)) watcher.poll(-1, print);
  return 0;
}
#endif

}  // namespace iolab
