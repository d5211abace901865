// Names of platform error codes, for the log, the inspector and the CLI.
#pragma once
#include <cstdint>
#include <string>

#include "netcore/transition.hpp"

namespace netcore {

// "WSA_IO_PENDING", "WSAECONNRESET", "ECONNRESET", ... or "" when the code is 0 or unknown.
// Tables for both platforms live in netcore so a trace recorded on Windows reads right anywhere.
const char* error_name(Backend backend, int32_t code);

// One short sentence for a student: what the code means here. A lab code's starts with "lab: ".
const char* error_help(Backend backend, int32_t code);

// True for the lab's own codes (kLabRefused, kLabNotRun, kLabGaveUpWaiting): the engine made
// them up, no Winsock call returned them. Every view shows them with their own label.
bool is_lab_code(int32_t code);

// The one line a failed bind/listen on host:port gets ("port 9000 is in use (EADDRINUSE): ...").
std::string listen_failure(Backend backend, const std::string& host, uint16_t port, int32_t error);
// A code's name, or the host name that could not be resolved when the code says so.
std::string address_failure(Backend backend, const std::string& host, int32_t error);

}  // namespace netcore
