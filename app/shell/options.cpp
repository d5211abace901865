#include "shell/options.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "netcore/engine.hpp"
#include "netcore/many_clients.hpp"
#include "views/i18n.hpp"
#include "views/main_view.hpp"
#include "views/strings.hpp"

namespace iolab::shell {
namespace {

// The whole of `text` as a number in [lo, hi]; atoi's "12abc" = 12 is refused.
bool parse_number(const char* text, double lo, double hi, double& out) {
  char* end = nullptr;
  out = std::strtod(text, &end);
  return end != text && *end == '\0' && out >= lo && out <= hi;
}

class Parser {
 public:
  Parser(int argc, char** argv) : argc_(argc), argv_(argv) {}
  bool next() { return ++i_ < argc_; }
  std::string_view flag() const { return argv_[i_]; }

  // The flag's value, or nullptr after a line naming what it needs.
  const char* value(const char* what) {
    if (i_ + 1 < argc_) return argv_[++i_];
    std::fprintf(stderr, "iolab: %s needs %s (try --help)\n", argv_[i_], what);
    return nullptr;
  }
  // A number in [lo, hi]; else one line: the flag, the range, what was given.
  bool number(double lo, double hi, const char* range, double& out) {
    const char* v = value(range);
    if (!v) return false;
    if (parse_number(v, lo, hi, out)) return true;
    std::fprintf(stderr, "iolab: %s needs %s, not '%s'\n", argv_[i_ - 1], range, v);
    return false;
  }
  // The next argument when it is not a flag (an optional value), else nullptr.
  const char* optional_value() {
    if (i_ + 1 < argc_ && argv_[i_ + 1][0] != '-') return argv_[++i_];
    return nullptr;
  }
  bool refuse(const char* needs, const char* given) const {
    std::fprintf(stderr, "iolab: %s needs %s, not '%s'\n", argv_[i_ - 1], needs, given);
    return false;
  }

 private:
  int argc_;
  char** argv_;
  int i_ = 0;
};

bool parse_size(Parser& p, Options& o) {
  static const std::string needs = "WIDTHxHEIGHT from 320x240 to " +
                                   std::to_string(kMaxWindowSide) + "x" +
                                   std::to_string(kMaxWindowSide);
  const char* v = p.value("WIDTHxHEIGHT");
  if (!v) return false;
  int w = 0, h = 0;
  char rest = 0;
  if (std::sscanf(v, "%dx%d%c", &w, &h, &rest) != 2 || w < 320 || h < 240 || w > kMaxWindowSide ||
      h > kMaxWindowSide)
    return p.refuse(needs.c_str(), v);
  o.width = w;
  o.height = h;
  return true;
}

// --serve [HOST:]PORT, --connect HOST:PORT: the address the lab's one side listens on or
// connects to. Loopback unless a host is given; --serve 0 takes any free port.
bool parse_peer(Parser& p, Options& o, netcore::LabMode mode) {
  const bool serve = mode == netcore::LabMode::serve;
  const char* needs =
      serve ? "[HOST:]PORT, e.g. 9000 or 0.0.0.0:9000" : "HOST:PORT, e.g. 127.0.0.1:9000";
  const char* v = p.value(needs);
  if (!v) return false;
  if (o.lab_mode != netcore::LabMode::loopback) {
    std::fprintf(stderr,
                 "iolab: --serve and --connect cannot be used together: the lab plays either the "
                 "server or the client of a real peer\n");
    return false;
  }
  const std::string_view text(v);
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos && !serve) return p.refuse(needs, v);
  const std::string host(colon == std::string_view::npos ? "" : text.substr(0, colon));
  const std::string port(colon == std::string_view::npos ? text : text.substr(colon + 1));
  double n = 0;
  if ((colon != std::string_view::npos && host.empty()) ||
      !parse_number(port.c_str(), serve ? 0 : 1, 65535, n) || port.find('.') != std::string::npos)
    return p.refuse(needs, v);
  o.lab_mode = mode;
  if (!host.empty()) o.peer_host = host;
  o.port = static_cast<uint16_t>(n);
  return true;
}

// One flag (and its value); false after its one-line message.
bool parse_flag(Parser& p, Options& o) {
  const std::string_view arg = p.flag();
  double n = 0;
  const char* v = nullptr;
  if (arg == "--screenshot") {
    if (!(v = p.value("a file name"))) return false;
    o.screenshot = v;
  } else if (arg == "--frames") {
    if (!p.number(1, 1e6, "a number of frames from 1 to 1000000", n)) return false;
    o.frames = static_cast<int>(n);
  } else if (arg == "--drive") {
    if (!(v = p.value("a script (file, or steps separated by ';')"))) return false;
    o.drive = v;
  } else if (arg == "--port") {
    if (!p.number(0, 65535, "a port from 0 to 65535", n)) return false;
    o.port = static_cast<uint16_t>(n);
  } else if (arg == "--model") {
    const char* needs = "event, completion-routine, iocp or event-select";
    if (!(v = p.value(needs))) return false;
    netcore::LabModel m;
    if (!netcore::lab_model_from_name(v, m)) return p.refuse(needs, v);
    o.model = v;
  } else if (arg == "--clients") {
    if (!p.number(1, netcore::kMaxManyClients, "a number of clients from 1 to 500", n))
      return false;
    o.clients = static_cast<int>(n);
  } else if (arg == "--serve") {
    return parse_peer(p, o, netcore::LabMode::serve);
  } else if (arg == "--connect") {
    return parse_peer(p, o, netcore::LabMode::connect);
  } else if (arg == "--size") {
    return parse_size(p, o);
  } else if (arg == "--font-size") {
    if (!p.number(8, 96, "8..96 pixels", n)) return false;
    o.font_px = static_cast<float>(n);
  } else if (arg == "--lang") {
    if (!(v = p.value("ko or en"))) return false;
    views::Lang lang;
    if (!views::parse_language(v, lang)) return p.refuse("ko or en", v);
    o.lang = v;
  } else if (arg == "--scale") {
    if (!p.number(1.0, 3.0, "a factor from 1.0 to 3.0", n)) return false;
    o.scale = static_cast<float>(n);
  } else if (arg == "--theme") {
    if (!(v = p.value("light or dark"))) return false;
    if (std::string_view(v) != "light" && std::string_view(v) != "dark")
      return p.refuse("light or dark", v);
    o.theme = v;
  } else if (arg == "--layout") {
    if (!(v = p.value("projector, desk or matrix"))) return false;
    if (!views::MainView::is_preset(v)) return p.refuse("projector, desk or matrix", v);
    o.layout = v;
  } else if (arg == "--presenter") {
    o.presenter = true;
  } else if (arg == "--fullscreen") {
    o.fullscreen = true;
  } else if (arg == "--script") {
    if (!(v = p.value("a lesson file"))) return false;
    o.script = v;
  } else if (arg == "--replay") {
    if (!(v = p.value("a trace file (JSON lines)"))) return false;
    o.replay = v;
  } else if (arg == "--watch") {
    o.watch_port = 7001;  // the probe's default (probe/iolab_probe.h)
    if ((v = p.optional_value())) {
      if (!parse_number(v, 0, 65535, n)) return p.refuse("a port from 0 to 65535", v);
      o.watch_port = static_cast<int>(n);
    }
  } else if (arg == "--max-transitions") {
    if (!p.number(16, 1e12, "a number >= 16", n)) return false;
    o.max_transitions = static_cast<size_t>(n);
  } else if (arg == "--bench-first-frame") {
    o.bench_first_frame = true;
  } else if (arg == "--bench-latency") {
    o.bench_latency = true;
  } else if (arg == "--bench-scale-change") {
    o.bench_scale_change = true;
  } else {
    std::fprintf(stderr, "iolab: unknown option '%.*s' (try --help)\n",
                 static_cast<int>(arg.size()), arg.data());
    return false;
  }
  return true;
}

}  // namespace

int parse_options(int argc, char** argv, Options& options) {
  Parser parser(argc, argv);
  while (parser.next()) {
    if (parser.flag() == "--help" || parser.flag() == "-h") {
      std::fputs(text::kUsage, stdout);
      return 0;
    }
    if (!parse_flag(parser, options)) return 2;
  }
  // A replay has no engine, so no peer to serve or to connect to.
  if (options.lab_mode != netcore::LabMode::loopback && !options.replay.empty()) {
    std::fprintf(stderr, "iolab: --replay shows a saved trace; it cannot %s\n",
                 options.lab_mode == netcore::LabMode::serve ? "--serve" : "--connect");
    return 2;
  }
  if (options.clients > 1 && (options.lab_mode == netcore::LabMode::connect ||
                              !options.replay.empty() || options.watch_port >= 0)) {
    std::fprintf(stderr,
                 "iolab: --clients N runs the lab's many-clients server; it cannot be used with "
                 "%s\n",
                 !options.replay.empty()   ? "--replay"
                 : options.watch_port >= 0 ? "--watch"
                                           : "--connect");
    return 2;
  }
  return -1;
}

}  // namespace iolab::shell
