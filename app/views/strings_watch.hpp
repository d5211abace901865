// iolab --watch and File > Watch a program: other programs' calls on the timeline. In English;
// views/i18n.cpp switches them to Korean at run time, like strings.hpp.
#pragma once

namespace iolab::text {

inline const char* kMenuWatch = "Watch a program...";
inline const char* kWatchPort = "Port";
inline const char* kWatchStart = "Watch";
inline const char* kWatchHelp =
    "Build your program with probe/iolab_probe.h and run it with IOLAB_PROBE=127.0.0.1:PORT "
    "(7001 when not set). Each program shows as its own sessions.";
// Over the disabled controls while watching.
inline const char* kWatchControls =
    "Watching other programs: the lab's controls do nothing. Their calls show on the timeline, "
    "in the log and in the inspector.";
// The Lessons and Pitfalls menus while watching: a lesson needs the lab, which is off.
inline const char* kLessonsOffWatching =
    "Not while watching programs: the lab is off. For the lessons, start iolab without --watch.";
inline const char* kWatchStarted = "Watching for programs on %s";
inline const char* kWatchFailed = "Cannot watch: %s";
// The status bar: where it listens, programs connected now, programs seen since it started.
inline const char* kStatusWatch = "Watching %s: %u connected, %u seen";
inline const char* kStatusWatchShort = "%s: %u/%u";
// A watched program's socket and thread, after its NAME[PID].
inline const char* kWatchSocket = "socket";
inline const char* kWatchThread = "thread";
// A log line where a pitfall showed: its name, then the one-line explanation.
inline const char* kPitfallLog = "PITFALL %s: %s";

}  // namespace iolab::text
