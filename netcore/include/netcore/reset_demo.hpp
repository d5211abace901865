// WSACreateEvent makes a manual-reset event: it stays signaled until someone resets it. The
// lecture's loop gets away without WSAResetEvent because its next WSARecv, going pending,
// resets the event (the Win32 rule for overlapped calls). This demo shows what happens when
// nobody does: two WSARecvs on one socket, their two events in one WSAWaitForMultipleEvents;
// the first completes, its result is fetched, and its event is left signaled. Every later wait
// returns that event at once, and the thread never sleeps; after WSAResetEvent it sleeps again.
// On real sockets, through the platform backend (Winsock / io_uring with eventfds).
#pragma once
#include <string>
#include <vector>

#include "netcore/transition.hpp"

namespace netcore {

struct ResetDemo {
  std::string error;                    // empty when the demo ran
  Backend backend = Backend::winsock;   // whose calls they were
  std::vector<Transition> transitions;  // what happened, for iolab-cli to print
  int waits = 0;                        // waits made after the fetch, nobody resetting
  int returned_at_once = 0;             // ... that returned the fetched op's event again
  bool slept_after_reset = false;       // after WSAResetEvent the wait ran to its timeout
};

// `waits` waits of up to 1 s each with the event left signaled, then one of 50 ms after reset.
ResetDemo run_reset_demo(int waits = 20);

}  // namespace netcore
