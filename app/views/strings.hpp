// Every UI string in one place, in English. The `inline const char*` ones are switched to
// Korean at run time by views/i18n.cpp (set_language), whose table gives each its Korean text
// in the lecture's own terms; the constexpr ones (command line, title) stay English.
#pragma once

namespace iolab::text {

inline constexpr const char* kAppTitle = "Overlapped I/O Lab";
inline constexpr const char* kArrow = " \xE2\x86\x92 ";  // " → "

// Every Hangul syllable the UI shows (the font atlas holds only these). The lecture's words:
// 동기 synchronous, 비동기 asynchronous, 블로킹 blocking, 논블로킹 non-blocking, 시그널 signal,
// 바로 완료 completed immediately, 결과 확인 result fetched.
inline constexpr const char* kKoreanTerms =
    "동기 비동기 블로킹 논블로킹 시그널 상태 바로 완료 결과 확인 대기";

// Panels
inline const char* kControls = "Controls";
inline const char* kTimeline = "Timeline";
inline const char* kLog = "Log";
inline const char* kCode = "Code";
inline const char* kInspector = "Inspector";

// Controls
inline const char* kServer = "Server";
inline const char* kClient = "Client";
inline const char* kLab = "Lab";
inline const char* kPostRecv = "Post WSARecv  [R]";
inline const char* kPostSend = "Post WSASend  [S]";
inline const char* kStopReading = "Stop reading";
inline const char* kResumeReading = "Resume reading";
inline const char* kBufferSize = "buffer bytes";
inline const char* kWsabufCount = "WSABUFs";
inline const char* kSendText = "text";
inline const char* kSendBytes = "bytes";
inline const char* kClose = "Close";
inline const char* kCancelPending = "Cancel pending";
inline const char* kResetLab = "Reset lab";
inline const char* kSmallBuffers = "Small buffers";
inline const char* kHelpRecv =
    "WSARecv with the session's WSAOVERLAPPED (hEvent = its event). With no data in the "
    "receive buffer it goes pending (WSA_IO_PENDING).";
inline const char* kHelpSend =
    "WSASend of the text padded with zeros to `bytes` (the lecture sends \"Hello World\" in a "
    "100-byte buffer). It goes pending only when the kernel send buffer is full.";
inline const char* kHelpReading =
    "Reading: the server keeps a WSARecv posted, like the lecture's loop. Stop it to let "
    "the client's sends fill the buffers until WSASend goes pending.";
inline const char* kHelpWsabufs =
    "Scatter-gather: the buffer is split over this many WSABUF {len, buf} entries.";
inline const char* kHelpCancel = "CancelIoEx on every pending operation.";
inline const char* kHelpClose = "closesocket on the client, even with I/O pending.";
inline const char* kHelpReset = "Close everything and build the lab again.";
inline const char* kHelpSmallBuffers =
    "SO_SNDBUF on the client and SO_RCVBUF on the server = 4 KiB. With the server not reading, "
    "WSASends of 65536 bytes fill the kernel's buffers; one of them goes pending "
    "(WSA_IO_PENDING) until the server reads again (on Linux the first, on Windows maybe a "
    "later one). Reset lab restores the sizes.";

// The server's I/O model (the combo in the controls, the Model menu, --model NAME).
inline const char* kModel = "I/O model";
inline const char* kModelEvent = "Overlapped + event";
inline const char* kModelRoutine = "Overlapped + completion routine";
inline const char* kModelIocp = "IOCP";
inline const char* kModelEventSelect = "WSAEventSelect";
inline const char* kHelpModel =
    "The server session's I/O model. Choosing one builds the lab again (new sockets) and the "
    "server's WSARecv [R] then goes through it; the client's WSASend [S] stays the same.";
inline const char* kAlertable = "Alertable wait  [A]";
inline const char* kHelpAlertable =
    "SleepEx(3000, TRUE) on the server thread: it sleeps alertably, and the completion routines "
    "queued for it run now, on it. It returns WSA_WAIT_IO_COMPLETION when one ran, 0 when the "
    "3 s passed first. The lab's client runs on this same thread: a WSASend [S] pressed while it "
    "sleeps goes out when SleepEx returns. So press S first, then A.";
// The inspector's part of each model: the routine, the completion key, the network events.
inline const char* kRoutine = "Routine";
inline const char* kRoutineQueued =
    "Completion queued: the kernel wrote Internal and InternalHigh (HasOverlappedIoCompleted is "
    "TRUE), but the routine waits until this thread enters an alertable wait. Press A.";
inline const char* kRoutineRan =
    "The routine ran in the thread's alertable wait (SleepEx), on the thread that called WSARecv.";
inline const char* kCompletionKey = "Completion key";
inline const char* kCompletionKeyWakeUp = "0: the PostQueuedCompletionStatus wake-up";
inline const char* kNetworkEvents = "lNetworkEvents";
// How Linux stands for each model (one line each, under the inspector's heading on Linux).
inline const char* kUringRoutine =
    "Linux io_uring: the server thread's own ring. Its CQE waits in the CQ (completion queued) "
    "until the thread's alertable wait (io_uring_wait_cqe) calls the routine, on that thread.";
inline const char* kUringIocp =
    "Linux io_uring: the ring's completion queue is the port. A CQE's user_data carries the key "
    "and the op, io_uring_wait_cqe stands for GetQueuedCompletionStatus; workers share the ring "
    "behind a lock.";
inline const char* kUringEventSelect =
    "Linux io_uring: IORING_OP_POLL_ADD armed on the socket. WSAEnumNetworkEvents is the poll's "
    "result mask, and the recv after it is an ordinary one that completes at once.";

// Timeline
inline const char* kPause = "Pause  [Space]";
inline const char* kResume = "Resume  [Space]";
inline const char* kFitAll = "Fit all  [F]";
inline const char* kFollowLive = "Follow live  [L]";
inline const char* kPaused = "PAUSED";
inline const char* kTimelineEmpty =
    "Nothing yet. Press R to post a WSARecv on the server, S to send from the client.";
inline const char* kTimelineHelp =
    "Wheel: zoom around the cursor.  Right-drag: pan.  Click: select an operation.";
inline const char* kLegendImmediate =
    "completed immediately (1\xE2\x86\x92"
    "2)";
inline const char* kLegendPending = "pending (WSA_IO_PENDING)";
inline const char* kLegendSignaled = "signaled (3)";
inline const char* kLegendFetched = "result fetched (4)";
// Steps 3 and 4 in the other models' words: a completion routine's or a port's op has no event
// to signal; its completion is queued, then the routine runs or a worker dequeues it.
inline const char* kLegendQueued = "completion queued (3)";
inline const char* kLegendSignaledOrQueued = "signaled / completion queued (3)";
inline const char* kLegendCallback = "callback ran (4)";
inline const char* kLegendDequeued = "dequeued (4)";
inline const char* kLegendResultAny = "result fetched / callback / dequeued (4)";
inline const char* kLegendFailed = "failed";
inline const char* kLegendWaiting = "thread waiting";
inline const char* kLaneThread = "netcore thread %u";
inline const char* kLaneThreadDetail = "running / waiting";
inline const char* kLaneSlotDetail = "WSAOVERLAPPED slot %u";
// Many sessions: one row each, its ops on one line; a click on the label (or E) opens it.
inline const char* kSessionRowShut = "%zu ops (click or E: its lanes)";
inline const char* kSessionRowOpen = "%zu ops (click or E: one row)";
inline const char* kSessionServer = "server";
inline const char* kSessionClient = "client";
inline const char* kSessionOther = "session";
inline const char* kRunning = "running";
inline const char* kWaitingIn = "waiting in %s";
inline const char* kClusterFormat = "%d ops";
inline const char* kClusterHint = ": zoom in (mouse wheel) to see each one";

// Timeline tooltips
inline const char* kTipPostedAt = "posted at %s";
inline const char* kTipImmediate = "completed immediately: %u bytes  (1%s2)";
inline const char* kTipPendingFor = "pending for %s%s";
inline const char* kTipStillPending = " (still pending)";
inline const char* kTipFetched = "result fetched: %u bytes";
inline const char* kTipFailed = "failed: error %d";
inline const char* kTipLast = "last: %s";

// Log
inline const char* kLogThread = "thread ";
inline const char* kLogEmpty = "No transitions yet.";
inline const char* kDataRecvLen = "Data Recv Len = %u";  // the lecture's console line
inline const char* kDataSendLen = "Data Send Len = %u";

// Code
inline const char* kCodeNoSelection = "Select an operation (timeline or log).";
inline const char* kPathTaken = "Path:";
inline const char* kPathImmediate = "completed immediately";
inline const char* kPathPending = "pending: waiting for the event";
inline const char* kPathSignaled = "signaled: fetch the result";
// The other models' step 3: the completion is queued, the routine or the packet waits.
inline const char* kPathQueued = "queued: the routine or the packet waits";
inline const char* kPathCompleted = "pending, then completed";
inline const char* kPathFailed = "failed";
inline const char* kPathNotYet = "the call has not returned";

// Inspector
inline const char* kInspectorNoSelection = "No operation selected.";
inline const char* kOverlapped = "WSAOVERLAPPED";
inline const char* kWsabufArray = "WSABUF array";
inline const char* kData = "Data (first bytes)";
inline const char* kReturn = "Return value";
inline const char* kError = "Error";
inline const char* kWsabufFormat = "len %u, buf %s + %u";  // "buf recvBuffer + 0"
inline const char* kSignaledYes = "signaled";
inline const char* kSignaledNo = "not signaled";
inline const char* kDoNotTouch =
    "Pending: do not touch this buffer or this WSAOVERLAPPED until step 4.";
inline const char* kBytesFormat = "%llu bytes";  // InternalHigh
inline const char* kCqeReady = "ready";
inline const char* kCqeNone = "none";
inline const char* kStream = "Stream";
inline const char* kStreamBytes = "bytes %llu to %llu of the connection's stream";
inline const char* kStreamReceivedBy = "received by %s, at offset %llu of its buffer";
inline const char* kStreamNotReceived = "not received by the peer yet";
inline const char* kStreamHoldsTouched =
    "holds the touched %s, from offset %llu of this buffer (beyond the first bytes shown here)";
inline const char* kLabCode = "the lab's own code: no Winsock call returned it";
inline const char* kLabCodeLog = "lab: %s (%d)";
inline const char* kNotWatched =
    "Pending, but not watched: one WSAWaitForMultipleEvents takes at most 64 handles "
    "(WSA_MAXIMUM_WAIT_EVENTS), and the lab's thread already waits on 63 older operations and "
    "its own wake-up event. Its event is watched once an older operation ends.";
inline const char* kManualReset =
    "WSACreateEvent makes a manual-reset event: it stays signaled until reset. The next call "
    "that goes pending resets it (the Win32 overlapped rule), or WSAResetEvent does.";
// What each field stands for on Linux (io_uring), see netcore/transition.hpp.
// One short line each: the inspector shows them under the values in grey.
inline const char* kUringHeading = "Linux io_uring: grey = what each field stands for";
inline const char* kUringInternal = "0x103 until the CQE is reaped, then 0 / errno";
inline const char* kUringInternalHigh = "cqe->res, once the CQE is reaped";
inline const char* kUringEvent = "the slot's eventfd, registered with the ring";
inline const char* kUringSignaled = "the eventfd is readable";
inline const char* kUringCqe = "a CQE sits in the completion ring";
inline const char* kUringPending = "no CQE right after io_uring_submit";

// Status bar
// Status bar fields, left to right (they wrap onto a second line when the bar is too narrow).
inline const char* kStatusBackend = "Backend: %s";
inline const char* kStatusPort = "Port: %u";
inline const char* kStatusPosted = "Posted: %llu";
inline const char* kStatusImmediate = "Immediate: %llu";
inline const char* kStatusPending = "Pending: %llu";
inline const char* kStatusFailed = "Failed: %llu";
inline const char* kStatusDropped = "Dropped: %llu";
inline const char* kCapDropped = "(%llu dropped by the cap of %zu)";
inline const char* kEngineFailed = "Engine did not start: %s";

// Command line
inline constexpr const char* kUsage =
    "usage: iolab [--screenshot FILE.png] [--frames N] [--drive SCRIPT] [--port N]\n"
    "             [--serve [HOST:]PORT | --connect HOST:PORT] [--clients N]\n"
    "             [--size WxH] [--font-size PX] [--lang ko|en] [--scale F]\n"
    "             [--theme light|dark] [--fullscreen] [--layout projector|desk|matrix]\n"
    "             [--presenter] [--model event|completion-routine|iocp|event-select]\n"
    "             [--script FILE.lesson]\n"
    "             [--replay FILE.jsonl] [--watch [PORT]] [--help]\n"
    "  --screenshot FILE  render N frames, write the window to FILE (PNG), exit\n"
    "  --frames N         frames to render before the screenshot (default 30)\n"
    "  --drive SCRIPT     feed key presses frame by frame and check the model (GUI tests);\n"
    "                     SCRIPT is a file, or steps separated by ';'\n"
    "  --port N           the lab's listening port (default: any free port)\n"
    "  --model NAME       the server's I/O model: event (default), completion-routine, iocp,\n"
    "                     event-select (also the Model menu and the combo in the controls)\n"
    "  --serve [HOST:]PORT  the lab is only the server: it waits for an outside client (nc,\n"
    "                     your own program) on HOST (default 127.0.0.1) PORT (0: any free one)\n"
    "  --connect HOST:PORT  the lab is only the client: it connects to an outside server\n"
    "  --clients N        1..500; N > 1: the many-clients server with N of the lab's own\n"
    "                     clients (with --serve: N outside ones); also Lab > Clients N\n"
    "  --size WxH         window size (default 1600x900)\n"
    "  --font-size PX     text size (default: window height / 44, 24 px at 1080)\n"
    "  --lang ko|en       UI language (default: the last one chosen, else the locale)\n"
    "  --layout NAME      the panels' preset: projector (timeline and code large), desk (every\n"
    "                     panel), matrix (the 2x2 view); default: the last one, as arranged\n"
    "  --presenter        open the presenter window (next steps, notes, controls, keys) as a\n"
    "                     second window; the projector keeps the timeline, code and caption\n"
    "  --scale F          UI scale 1.0..3.0; text is drawn at that size\n"
    "  --theme light|dark light = high contrast for projectors\n"
    "  --fullscreen       start fullscreen (F11 toggles)\n"
    "  --script FILE      play a lesson (assets/scenarios/*.lesson); a malformed one prints\n"
    "                     FILE:LINE: errors and exits 2\n"
    "  --replay FILE      show a saved trace (File > Save trace, iolab-cli --format jsonl)\n"
    "                     without an engine; a bad one prints FILE:LINE: errors, exits 2\n"
    "  --watch [PORT]     show programs built with probe/iolab_probe.h, live (port 7001 unless\n"
    "                     given, 0: any free one; also File > Watch a program); no lab\n"
    "  --help             this text\n"
    "Keys: R post WSARecv (server), S post WSASend (client; with --clients N, a message from\n"
    "      every client), Space pause/resume the timeline,\n"
    "      F fit all, L follow live, E open/close the session of the op shown (more than\n"
    "      4 sessions: one timeline row each), Ctrl+= / Ctrl+- UI scale, F11 fullscreen,\n"
    "      P presenter mode (a ring where the mouse clicks),\n"
    "      A alertable wait (SleepEx(..., TRUE)) in the completion-routine model.\n"
    "Settings (scale, theme, language) are kept in $XDG_CONFIG_HOME/iolab/settings.ini\n"
    "(Windows: %APPDATA%\\iolab\\settings.ini).\n";
inline constexpr const char* kNoDisplay =
    "iolab: cannot open a window (%s). No display? Run iolab-cli for the same lab in a "
    "terminal.\n";

// Real peers (iolab --serve / --connect): an outside program plays one side of the lab.
inline const char* kExternalClient = "External peer: an outside client plays this side";
inline const char* kExternalServer = "External peer: an outside server plays this side";
inline const char* kServeWaiting =
    "Waiting for a client on %s. Connect one, e.g. nc %s, or your own client program.";
inline const char* kPeerClosed =
    "The outside program closed the connection (Reset lab waits "
    "for the next one).";
// The client's own address and port (getpeername), so the class sees whose program it is.
inline const char* kStatusServingConnected = "Listening on %s, client %s connected";
inline const char* kStatusServingClosed = "Listening on %s, client %s closed the connection";
inline const char* kStatusServingWaiting = "Listening on %s, no client yet";
inline const char* kStatusConnected = "Connected to server %s";

// Flood mode: the client sends continuously (timeline toolbar).
inline const char* kFlood = "Flood (W)";
inline const char* kFloodHelp =
    "The client sends %u B again and again while the server keeps a WSARecv\n"
    "posted: thousands of ops a second. Narrow ops merge into boxes with a count.";

// Matrix (the 2x2 of LECTURE.md §1, live: app/views/matrix_view.cpp)
namespace matrix {
inline const char* kPanel = "Matrix";
inline const char* kShowMatrix = "Matrix  [M]";
inline const char* kShowLab = "Back to the lab  [M]";
inline const char* kTitle = "Four I/O models, one exchange: the peer sends 100 bytes";
inline const char* kRunAll = "Run all four  [A]";
inline const char* kRun = "Run";  // the width of each cell's kRunCell
inline const char* kRunCell[4] = {"Run##blocking_sync", "Run##nonblocking_sync",
                                  "Run##blocking_async", "Run##nonblocking_async"};
inline const char* kDelay = "peer sends after";
inline const char* kDelayFormat = "%.1f s";
inline const char* kHelpDelay =
    "When the peer sends its 100 bytes (\"Hello World\" padded with zeros), counted from the "
    "shared start. Each cell's receiver is already waiting for them.";
inline const char* kHelpRunAll =
    "Four threads, four real loopback TCP pairs, one shared start: the four cells share one "
    "time axis.";
inline const char* kBlockingAxis =
    "blocking / non-blocking = the call: does it wait, or return at once (maybe with "
    "WSAEWOULDBLOCK)?";
inline const char* kSyncAxis =
    "synchronous / asynchronous = the work: done at the call, or later, and notified?";
inline const char* kColSync = "synchronous";
inline const char* kColSyncKo = "동기";
inline const char* kColAsync = "asynchronous";
inline const char* kColAsyncKo = "비동기";
inline const char* kRowBlocking = "blocking";
inline const char* kRowBlockingKo = "블로킹";
inline const char* kRowNonBlocking = "non-\nblocking";
inline const char* kRowNonBlockingKo = "논블로킹";
// The call in each cell (blocking_sync, nonblocking_sync, blocking_async, nonblocking_async).
inline const char* kCall[4] = {
    "recv on a blocking socket",
    "recv on a non-blocking socket",
    "select, then recv",
    "WSARecv, overlapped + event",
};
inline const char* kNote[4] = {
    "The thread sleeps inside recv until the data is there.",
    "ioctlsocket(FIONBIO): recv returns at once; WSAEWOULDBLOCK = not yet, try again.",
    "IBM's \"Boost application performance using asynchronous I/O\" puts select here; "
    "people disagree about this cell.",
    "SOCKET_ERROR at once, WSAGetLastError() = WSA_IO_PENDING; the thread works; the event "
    "is signaled; WSAGetOverlappedResult.",
};
inline const char* kThisLecture = "this lecture";
inline const char* kRowThread = "thread";
inline const char* kRowOp = "WSARecv";
inline const char* kNotRun = "Not run yet: press Run, or A for all four.";
inline const char* kPeerSends = "peer sends";
inline const char* kPeerCloses = "peer closes";
inline const char* kWait = "wait";
inline const char* kAttempts = "attempts";
inline const char* kCpu = "CPU";
inline const char* kWork = "work";
inline const char* kNone = "none";
inline const char* kWouldBlockCount = "%u x WSAEWOULDBLOCK";
inline const char* kWorkCount = "%u units of work";
inline const char* kError = "error: %s";
inline const char* kLegendAsleep = "asleep in a call";
inline const char* kLegendWouldBlock = "WSAEWOULDBLOCK, retry";
inline const char* kLegendWork = "other work";
inline const char* kLegendPending = "pending";
inline const char* kLegendReady = "ready / signaled";
inline const char* kLegendCompleted = "data at the call";
inline const char* kLegendFetched = "result fetched";
inline const char* kLegendPeer = "peer sends";
// Where the cells need the legend's lines: its marks in this one's tooltip.
inline const char* kLegendShort = "Legend (?)";
inline const char* kBackend = "Backend: %s";
inline const char* kAsleepFor = "asleep in %s: %s";
inline const char* kThenRecv = ", then recv returns at once";
inline const char* kSpinning = "%u x WSAEWOULDBLOCK, the thread never sleeps";
// The second page: the Windows I/O models side by side (model/windows_road).
inline const char* kPage2x2 = "I/O models (2x2)";
inline const char* kPageWindows = "Windows I/O models";
inline const char* kPageKey = "Tab: the other page";
inline const char* kRoadTitle =
    "One exchange, five models: the client sends \"Hello World\" in a 100-byte buffer, the "
    "server fetches 100 bytes";
inline const char* kRoadRunAll = "Run all five  [A]";
inline const char* kRoadHelpRun =
    "Five servers, each with its own real loopback TCP pair, started together: the five lanes "
    "share one time axis (0 = the first server call).";
inline const char* kRoadDelay = "client sends after";
inline const char* kRoadHelpDelay =
    "How long after each server is ready to receive its client sends the 100 bytes.";
inline const char* kRoadNotRun = "Not run yet: press Run all five, or A.";
inline const char* kRoadRunning = "Running: each client sends %.1f s after its server is ready.";
// The lanes, in netcore::RoadModel's order (the view indexes them by it), and their calls.
inline const char* kRoadLane[5] = {"select", "WSAEventSelect", "overlapped + event",
                                   "completion routine", "IOCP"};
inline const char* kRoadCall[5] = {
    "select sleeps, then recv",
    "WSAWaitForMultipleEvents, WSAEnumNetworkEvents, recv",
    "WSARecv + hEvent, other work, WSAGetOverlappedResult",
    "WSARecv + routine, other work, SleepEx(..., TRUE)",
    "CreateIoCompletionPort, a worker in GetQueuedCompletionStatus",
};
inline const char* kThreads = "threads";
inline const char* kWakeups = "wake-ups";
inline const char* kDataAt = "data at";
// The key moment of each lane, written beside its mark.
inline const char* kMomentReady = "select: readable, then recv %u B";
inline const char* kMomentFdRead = "FD_READ from WSAEnumNetworkEvents, then recv %u B";
inline const char* kMomentSignaled = "signaled, WSAGetOverlappedResult %u B";
inline const char* kMomentQueued = "completion queued: the routine waits";
inline const char* kMomentCallback = "callback in alertable SleepEx: %u B";
inline const char* kMomentDequeued = "dequeued by GetQueuedCompletionStatus: key %u, %u B";
inline const char* kLegendPosted = "WSARecv posted";
inline const char* kLegendWoke = "a wait returns / completion queued";
inline const char* kLegendGotData = "the program has the data";
inline const char* kLegendClient = "client sends";
}  // namespace matrix

}  // namespace iolab::text
