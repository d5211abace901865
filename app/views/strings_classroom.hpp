// The classroom mode's UI strings (menus, lessons, projector settings, pitfalls), in English.
// Like strings.hpp, views/i18n.cpp switches them to Korean at run time.
#pragma once

namespace iolab::text {

// Menus
inline const char* kMenuFile = "File";
inline const char* kMenuSaveTrace = "Save trace (JSON lines)";
inline const char* kMenuExport = "Export";
inline const char* kMenuExportChrome = "Chrome trace JSON (Perfetto)";
inline const char* kMenuExportPng = "PNG screenshot";
inline const char* kMenuQuit = "Quit";
inline const char* kMenuView = "View";
inline const char* kMenuLanguage = "Language";
inline const char* kMenuTheme = "Theme";
inline const char* kThemeLight = "Light (projector)";
inline const char* kThemeDark = "Dark";
inline const char* kMenuScaleUp = "Larger";
inline const char* kMenuScaleDown = "Smaller";
inline const char* kMenuScaleFormat = "UI scale: %.2f";
inline const char* kMenuFullscreen = "Fullscreen";
inline const char* kMenuPresenter = "Presenter mode (click rings)";
inline const char* kMenuLessons = "Lessons";
inline const char* kMenuPitfalls = "Pitfalls";
inline const char* kMenuStopLesson = "Stop the lesson";
inline const char* kNoHangulFont =
    "No Hangul font (NanumGothic / Malgun Gothic): the UI stays in English";
inline const char* kReplayBanner = "Replay of %s (%s): no engine";
// Over the controls strip in a replay, which is drawn disabled: a replay cannot go back to the
// live lab, iolab has to be started again.
inline const char* kReplayControls =
    "Replay: the controls do nothing. The live lab is the desktop app, without --replay.";

// The lesson strip
inline const char* kLesson = "Lesson";
inline const char* kPlay = "Play";
inline const char* kPauseLesson = "Pause";
inline const char* kStep = "Step";
inline const char* kSpeed = "speed";
inline const char* kLessonState = "state: %s   step %d / %d";
// netcore::RunState's words, in its order (ready running waiting awaiting paused finished failed).
inline const char* kRunStates[7] = {"ready",  "running",  "waiting", "awaiting",
                                    "paused", "finished", "failed"};
inline const char* kLessonFinished = "The lesson is over.";
inline const char* kLessonFailed = "The lesson stopped: %s";
inline const char* kLessonPausedHint = "Paused: press Play or Step to go on.";
inline const char* kScriptErrors = "The lesson file has errors; nothing runs";
inline const char* kDismiss = "Close";

// Messages after a menu action
inline const char* kSaved = "Saved %s";
// The recording is bounded: a long flood saves its newest transitions only.
inline const char* kSavedNewest = "Saved the newest transitions only: %s";
inline const char* kSaveFailed = "Could not save: %s";

// Pitfalls (LECTURE section 6): menu entries and what the teacher should point at
inline const char* kPitfallTouch = "Change the buffer of a pending WSASend";
inline const char* kPitfallTouchWhy =
    "The kernel reads the send buffer when it sends, not when WSASend is called: the peer "
    "receives the changed bytes. Look at the server's Data in the inspector.";
inline const char* kPitfallPerOp = "Several operations outstanding";
inline const char* kPitfallPerOpWhy =
    "Each posted WSARecv gets its own WSAOVERLAPPED slot and event (one lane each). Reusing a "
    "pending WSAOVERLAPPED would let the kernel write two results into one structure.";
inline const char* kPitfallClose = "closesocket with I/O pending";
inline const char* kPitfallCloseWhy =
    "closesocket aborts the pending operations: each fails with WSA_OPERATION_ABORTED (995). "
    "Free neither its buffer nor its WSAOVERLAPPED until that completion has been reported.";

}  // namespace iolab::text
