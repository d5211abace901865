// Every UI string in one place, so a later issue can translate them (Korean terms from the
// lecture are already given where the teacher uses them on screen).
#pragma once

namespace iolab::text {

inline constexpr const char* kAppTitle = "Overlapped I/O Lab";
inline constexpr const char* kArrow = " \xE2\x86\x92 ";  // " → "

// Every Hangul syllable the UI shows (the font atlas holds only these). The lecture's words:
// 동기 synchronous, 비동기 asynchronous, 블로킹 blocking, 논블로킹 non-blocking, 신호 signal.
inline constexpr const char* kKoreanTerms = "동기 비동기 블로킹 논블로킹 신호 상태 완료 대기";

// Panels
inline constexpr const char* kControls = "Controls";
inline constexpr const char* kTimeline = "Timeline";
inline constexpr const char* kLog = "Log";
inline constexpr const char* kCode = "Code";
inline constexpr const char* kInspector = "Inspector";

// Controls
inline constexpr const char* kServer = "Server";
inline constexpr const char* kClient = "Client";
inline constexpr const char* kLab = "Lab";
inline constexpr const char* kPostRecv = "Post WSARecv  [R]";
inline constexpr const char* kPostSend = "Post WSASend  [S]";
inline constexpr const char* kStopReading = "Stop reading";
inline constexpr const char* kResumeReading = "Resume reading";
inline constexpr const char* kBufferSize = "buffer bytes";
inline constexpr const char* kWsabufCount = "WSABUFs";
inline constexpr const char* kSendText = "text";
inline constexpr const char* kSendBytes = "bytes";
inline constexpr const char* kClose = "Close";
inline constexpr const char* kCancelPending = "Cancel pending";
inline constexpr const char* kResetLab = "Reset lab";
inline constexpr const char* kSmallBuffers = "Small buffers";
inline constexpr const char* kHelpRecv =
    "WSARecv with the session's WSAOVERLAPPED (hEvent = its event). With no data in the "
    "receive buffer it goes pending (WSA_IO_PENDING).";
inline constexpr const char* kHelpSend =
    "WSASend of the text padded with zeros to `bytes` (the lecture sends \"Hello World\" in a "
    "100-byte buffer). It goes pending only when the kernel send buffer is full.";
inline constexpr const char* kHelpReading =
    "Reading: the server keeps a WSARecv posted, like the lecture's loop. Stop it to let "
    "the client's sends fill the buffers until WSASend goes pending.";
inline constexpr const char* kHelpWsabufs =
    "Scatter-gather: the buffer is split over this many WSABUF {len, buf} entries.";
inline constexpr const char* kHelpCancel = "CancelIoEx on every pending operation.";
inline constexpr const char* kHelpClose = "closesocket on the client, even with I/O pending.";
inline constexpr const char* kHelpReset = "Close everything and build the lab again.";
inline constexpr const char* kHelpSmallBuffers =
    "SO_SNDBUF on the client and SO_RCVBUF on the server = 4 KiB. With the server not reading, "
    "a few WSASends of 65536 bytes fill them and the next one goes pending (WSA_IO_PENDING) "
    "until the server reads again. Reset lab restores the sizes.";

// Timeline
inline constexpr const char* kPause = "Pause  [Space]";
inline constexpr const char* kResume = "Resume  [Space]";
inline constexpr const char* kFitAll = "Fit all  [F]";
inline constexpr const char* kFollowLive = "Follow live  [L]";
inline constexpr const char* kPaused = "PAUSED";
inline constexpr const char* kTimelineEmpty =
    "Nothing yet. Press R to post a WSARecv on the server, S to send from the client.";
inline constexpr const char* kTimelineHelp =
    "Wheel: zoom around the cursor.  Right-drag: pan.  Click: select an operation.";
inline constexpr const char* kLegendImmediate =
    "completed immediately (1\xE2\x86\x92"
    "2)";
inline constexpr const char* kLegendPending = "pending (WSA_IO_PENDING)";
inline constexpr const char* kLegendSignaled = "signaled (3)";
inline constexpr const char* kLegendFetched = "result fetched (4)";
inline constexpr const char* kLegendFailed = "failed";
inline constexpr const char* kLegendWaiting = "thread waiting";
inline constexpr const char* kLaneThread = "netcore thread %u";
inline constexpr const char* kLaneThreadDetail = "running / waiting";
inline constexpr const char* kLaneSlotDetail = "WSAOVERLAPPED slot %u";
inline constexpr const char* kSessionServer = "server";
inline constexpr const char* kSessionClient = "client";
inline constexpr const char* kSessionOther = "session";
inline constexpr const char* kRunning = "running";
inline constexpr const char* kWaitingIn = "waiting in %s";
inline constexpr const char* kClusterFormat = "%d ops";
inline constexpr const char* kClusterHint = ": zoom in (mouse wheel) to see each one";

// Timeline tooltips
inline constexpr const char* kTipPostedAt = "posted at %s";
inline constexpr const char* kTipImmediate = "completed immediately: %u bytes  (1%s2)";
inline constexpr const char* kTipPendingFor = "pending for %s%s";
inline constexpr const char* kTipStillPending = " (still pending)";
inline constexpr const char* kTipFetched = "result fetched: %u bytes";
inline constexpr const char* kTipFailed = "failed: error %d";
inline constexpr const char* kTipLast = "last: %s";

// Log
inline constexpr const char* kLogThread = "thread ";
inline constexpr const char* kLogEmpty = "No transitions yet.";
inline constexpr const char* kDataRecvLen = "Data Recv Len = %u";  // the lecture's console line
inline constexpr const char* kDataSendLen = "Data Send Len = %u";

// Code
inline constexpr const char* kCodeNoSelection = "Select an operation (timeline or log).";
inline constexpr const char* kPathTaken = "Path:";
inline constexpr const char* kPathImmediate = "completed immediately";
inline constexpr const char* kPathPending = "pending: waiting for the event";
inline constexpr const char* kPathSignaled = "signaled: fetch the result";
inline constexpr const char* kPathCompleted = "pending, then completed";
inline constexpr const char* kPathFailed = "failed";
inline constexpr const char* kPathNotYet = "the call has not returned";

// Inspector
inline constexpr const char* kInspectorNoSelection = "No operation selected.";
inline constexpr const char* kOverlapped = "WSAOVERLAPPED";
inline constexpr const char* kWsabufArray = "WSABUF array";
inline constexpr const char* kData = "Data (first bytes)";
inline constexpr const char* kReturn = "Return value";
inline constexpr const char* kError = "Error";
inline constexpr const char* kWsabufFormat = "len %u, buf %s + %u";  // "buf recvBuffer + 0"
inline constexpr const char* kSignaledYes = "signaled";
inline constexpr const char* kSignaledNo = "not signaled";
inline constexpr const char* kDoNotTouch =
    "Pending: do not touch this buffer or this WSAOVERLAPPED until step 4.";
// What each field stands for on Linux (io_uring), see netcore/transition.hpp.
// One short line each: the inspector shows them under the values in grey.
inline constexpr const char* kUringHeading = "Linux io_uring: grey = what each field stands for";
inline constexpr const char* kUringInternal = "0x103 until the CQE is reaped, then 0 / errno";
inline constexpr const char* kUringInternalHigh = "cqe->res, once the CQE is reaped";
inline constexpr const char* kUringEvent = "the slot's eventfd, registered with the ring";
inline constexpr const char* kUringSignaled = "the eventfd is readable";
inline constexpr const char* kUringCqe = "a CQE sits in the completion ring";
inline constexpr const char* kUringPending = "no CQE right after io_uring_submit";

// Status bar
inline constexpr const char* kStatusFormat =
    "Backend: %s   Port: %u   Posted: %llu   Immediate: %llu   Pending: %llu   Failed: %llu   "
    "Dropped: %llu";
inline constexpr const char* kEngineFailed = "Engine did not start: %s";

// Command line
inline constexpr const char* kUsage =
    "usage: iolab [--screenshot FILE.png] [--frames N] [--drive SCRIPT] [--port N]\n"
    "             [--size WxH] [--font-size PX] [--help]\n"
    "  --screenshot FILE  render N frames, write the window to FILE (PNG), exit\n"
    "  --frames N         frames to render before the screenshot (default 30)\n"
    "  --drive SCRIPT     feed key presses frame by frame and check the model (GUI tests);\n"
    "                     SCRIPT is a file, or steps separated by ';'\n"
    "  --port N           the lab's listening port (default: any free port)\n"
    "  --size WxH         window size (default 1600x900)\n"
    "  --font-size PX     text size (default: window height / 44, 24 px at 1080)\n"
    "  --help             this text\n"
    "Keys: R post WSARecv (server), S post WSASend (client), Space pause/resume the timeline,\n"
    "      F fit all, L follow live.\n";
inline constexpr const char* kNoDisplay =
    "iolab: cannot open a window (%s). No display? Run iolab-cli for the same lab in a "
    "terminal.\n";

// Matrix (the 2x2 of LECTURE.md §1, live: app/views/matrix_view.cpp)
namespace matrix {
inline constexpr const char* kPanel = "Matrix";
inline constexpr const char* kShowMatrix = "Matrix  [M]";
inline constexpr const char* kShowLab = "Back to the lab  [M]";
inline constexpr const char* kTitle = "Four I/O models, one exchange: the peer sends 100 bytes";
inline constexpr const char* kRunAll = "Run all four  [A]";
inline constexpr const char* kRun = "Run";  // the width of each cell's kRunCell
inline constexpr const char* kRunCell[4] = {"Run##blocking_sync", "Run##nonblocking_sync",
                                           "Run##blocking_async", "Run##nonblocking_async"};
inline constexpr const char* kDelay = "peer sends after";
inline constexpr const char* kDelayFormat = "%.1f s";
inline constexpr const char* kHelpDelay =
    "When the peer sends its 100 bytes (\"Hello World\" padded with zeros), counted from the "
    "shared start. Each cell's receiver is already waiting for them.";
inline constexpr const char* kHelpRunAll =
    "Four threads, four real loopback TCP pairs, one shared start: the four cells share one "
    "time axis.";
inline constexpr const char* kBlockingAxis =
    "blocking / non-blocking = the call: does it wait, or return at once (maybe with "
    "WSAEWOULDBLOCK)?";
inline constexpr const char* kSyncAxis =
    "synchronous / asynchronous = the work: done at the call, or later, and notified?";
inline constexpr const char* kColSync = "synchronous";
inline constexpr const char* kColSyncKo = "동기";
inline constexpr const char* kColAsync = "asynchronous";
inline constexpr const char* kColAsyncKo = "비동기";
inline constexpr const char* kRowBlocking = "blocking";
inline constexpr const char* kRowBlockingKo = "블로킹";
inline constexpr const char* kRowNonBlocking = "non-\nblocking";
inline constexpr const char* kRowNonBlockingKo = "논블로킹";
// The call in each cell (blocking_sync, nonblocking_sync, blocking_async, nonblocking_async).
inline constexpr const char* kCall[4] = {
    "recv on a blocking socket",
    "recv on a non-blocking socket",
    "select, then recv",
    "WSARecv, overlapped + event",
};
inline constexpr const char* kNote[4] = {
    "The thread sleeps inside recv until the data is there.",
    "ioctlsocket(FIONBIO): recv returns at once; WSAEWOULDBLOCK = not yet, try again.",
    "IBM's \"Boost application performance using asynchronous I/O\" puts select here; "
    "people disagree about this cell.",
    "Returns WSA_IO_PENDING at once; the thread works; the event is signaled; "
    "WSAGetOverlappedResult.",
};
inline constexpr const char* kThisLecture = "this lecture";
inline constexpr const char* kRowThread = "thread";
inline constexpr const char* kRowOp = "WSARecv";
inline constexpr const char* kNotRun = "Not run yet: press Run, or A for all four.";
inline constexpr const char* kPeerSends = "peer sends";
inline constexpr const char* kPeerCloses = "peer closes";
inline constexpr const char* kWait = "wait";
inline constexpr const char* kAttempts = "attempts";
inline constexpr const char* kCpu = "CPU";
inline constexpr const char* kWork = "work";
inline constexpr const char* kNone = "none";
inline constexpr const char* kWouldBlockCount = "%u x WSAEWOULDBLOCK";
inline constexpr const char* kWorkCount = "%u units of work";
inline constexpr const char* kError = "error: %s";
inline constexpr const char* kLegendAsleep = "asleep in a call";
inline constexpr const char* kLegendWouldBlock = "WSAEWOULDBLOCK, retry";
inline constexpr const char* kLegendWork = "other work";
inline constexpr const char* kLegendPending = "pending";
inline constexpr const char* kLegendReady = "ready / signaled";
inline constexpr const char* kLegendCompleted = "data at the call";
inline constexpr const char* kLegendFetched = "result fetched";
inline constexpr const char* kLegendPeer = "peer sends";
inline constexpr const char* kBackend = "Backend: %s";
inline constexpr const char* kAsleepFor = "asleep in %s: %s";
inline constexpr const char* kThenRecv = ", then recv returns at once";
inline constexpr const char* kSpinning = "%u x WSAEWOULDBLOCK, the thread never sleeps";
}  // namespace matrix

}  // namespace iolab::text
