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

}  // namespace iolab::text
