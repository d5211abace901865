// The projector layouts' UI strings (View > Layout, the caption panel, the clicker, the presenter
// window), in English. Like strings.hpp, views/i18n.cpp switches them to Korean at run time.
#pragma once

namespace iolab::text {

// View > Layout
inline const char* kMenuLayout = "Layout";
inline const char* kLayoutProjector = "Projector: timeline and code large";
inline const char* kLayoutDesk = "Desk: every panel";
inline const char* kLayoutMatrix = "Matrix: the 2x2 view";
inline const char* kMenuResetLayout = "Reset layout";
inline const char* kMenuBlank = "Blank the projector";
inline const char* kCaption = "Caption";

// The caption in the free lab: what the clicker keys do, then what the last step did.
inline const char* kClickerHint =
    "Page Down: the next step (the server's WSARecv, then the client's WSASend). Page Up: one "
    "step back. B: blank the screen.";
inline const char* kClickerPostedRecv = "Step %d: the server posted WSARecv.";
inline const char* kClickerPostedSend = "Step %d: the client posted WSASend.";
// Page Up: the view goes back, the sockets do not.
inline const char* kClickerBack =
    "Back to step %d. Only the view went back: the I/O already done on the sockets stays done.";
inline const char* kClickerStart =
    "Back to the start. Only the view went back: the I/O already done on the sockets stays done.";

// File > Live lab: from a replay back to the live lab, without a restart
inline const char* kMenuLiveLab = "Live lab (leave the replay)";
inline const char* kLiveLabStarted = "Live lab on port %s";
// Over the disabled controls of a replay (kReplayControls said to restart iolab).
inline const char* kReplayControlsLive =
    "Replay: the controls do nothing. For the live lab: File > Live lab.";

// The Save / Export file chooser
inline const char* kSaveAs = "Save as";
inline const char* kFolder = "Folder";
inline const char* kSave = "Save";
inline const char* kCancel = "Cancel";

// The presenter window (a second OS window for the teacher's laptop)
inline const char* kMenuPresenterWindow = "Presenter window";
inline const char* kPresenter = "Presenter";
inline const char* kPresenterNext = "Next";
inline const char* kPresenterNextRecv = "Page Down: the server posts WSARecv.";
inline const char* kPresenterNextSend = "Page Down: the client posts WSASend.";
inline const char* kPresenterLessonOver = "The lesson is over.";
inline const char* kPresenterNotes = "Notes";
inline const char* kPresenterKeys = "Keys";
inline const char* kKeysClicker =
    "Page Down: next step   Page Up: one step back (the view only)   B or .: blank the "
    "projector";
inline const char* kKeysLab =
    "R: post WSARecv   S: post WSASend   Space: pause   F: fit all   L: follow live   M: the "
    "2x2 matrix";
inline const char* kKeysView =
    "Ctrl+1 / 2 / 3: projector / desk / matrix layout   Ctrl+= / Ctrl+-: scale   F11: full "
    "screen";

}  // namespace iolab::text
