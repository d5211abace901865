// Many clients (iolab --clients N, Lab > Clients N): the many-clients server's strip and menu.
// In English; views/i18n.cpp switches them to Korean at run time, like strings.hpp.
#pragma once

namespace iolab::text {

inline const char* kMenuLab = "Lab";
inline const char* kMenuClients = "Clients";
inline const char* kClientsHelp =
    "1: the lecture's lab (one client, one server). 2 to 500: the many-clients server, one "
    "WSARecv posted per session, with that many of the lab's own clients (with --serve: outside "
    "clients). Enter applies.";
inline const char* kClientsStarted = "Clients: %s";
inline const char* kClientsFailed = "Cannot serve the clients: %s";
inline const char* kClientsRefused =
    "Clients %s: only in the live lab (not in a replay or while watching)";
// A lesson (or a pitfall) chosen while many clients run: it plays in the lecture's lab. The
// lab's own clients give way to it; outside clients would be cut off, so not while they are.
inline const char* kLessonStopsClients =
    "%s clients stopped: a lesson plays in the lecture's lab (one client, one server)";
inline const char* kLessonsOffOutside =
    "Not while outside clients are served: a lesson would cut them off. Lab > Clients 1 first.";
// The status bar with --serve --clients N: the outside clients connected now.
inline const char* kStatusManyServingOne = "Serving on %s, client %s connected";
inline const char* kStatusManyServing = "Serving on %s, %d clients connected";
// The strip over the timeline while many clients run.
inline const char* kManyHeading = "%d clients";
inline const char* kManyEvent =
    "event model: WSAWaitForMultipleEvents, 63 events + a wake event per waiting thread";
inline const char* kManyIocp =
    "IOCP: one completion port, two workers in GetQueuedCompletionStatus";
inline const char* kSendFromAll = "Send from all";
inline const char* kHelpSendFromAll =
    "Every one of the lab's clients sends one 100-byte message (S does the same). Each session's "
    "WSARecv completes (event model: its event is signaled; IOCP: a worker dequeues its packet), "
    "the server takes the bytes and posts it again.";
inline const char* kEverySecond = "Every second";
inline const char* kManyOutside = "Outside clients: %d of %d accepted";
inline const char* kManyConnecting = "The lab's clients: %d of %d connected";
// The cost, live.
inline const char* kManyThreads = "Waiting threads: %d";
inline const char* kManyWorkers = "Workers: %d";
inline const char* kManyWakeups = "Wake-ups: %llu";
inline const char* kManyMessages = "Messages: %llu";
// The latency's end is the call that gives the server the bytes in the model that runs: the
// stamp is read right after it (netcore/src/many_clients.cpp, account()).
// Two items, so the figures go onto the next line where the strip is narrow.
inline const char* kManySpanEvent = "Arrival -> fetch (WSAGetOverlappedResult):";
inline const char* kManySpanIocp = "Arrival -> dequeued (GetQueuedCompletionStatus):";
inline const char* kManyLatency = "p50 %.0f µs, p99 %.0f µs";
inline const char* kManyNoLatency = "no stamped message yet";
inline const char* kManyCpu = "CPU per message: %.1f µs";
inline const char* kHelpManyCost =
    "Event model: ceil(N / 63) waiting threads, each in WSAWaitForMultipleEvents on at most 64 "
    "handles (WSA_MAXIMUM_WAIT_EVENTS). IOCP: two workers in GetQueuedCompletionStatus, whatever "
    "N. Wake-ups: waits that returned. p50/p99: from the client's send until the server has the "
    "bytes, over every message so far. Event model: WSAGetOverlappedResult after the wait (or "
    "WSARecv itself, when the bytes were already there). IOCP: the packet a worker's "
    "GetQueuedCompletionStatus dequeued. CPU: the serving threads' CPU time per message.";
// A waiting thread's lane: its id and the events its WSAWaitForMultipleEvents waits on.
inline const char* kLaneThreadEvents = "thread %u: %d events";
// A thread's wait, on the timeline's tooltip and in the log: the event index that woke it.
inline const char* kWokeByIndex = "woken by event index %d of %d events";
inline const char* kLogEventIndex = "  event index %d";
inline const char* kLogEventIndexOf = "  event index %d of %d events";

}  // namespace iolab::text
