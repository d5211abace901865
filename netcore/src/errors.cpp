// Error names for both platforms, as plain tables: a trace recorded on Windows must read right
// when it is replayed on Linux, so nothing here asks the running OS.
#include "netcore/errors.hpp"

#include <cstddef>

namespace netcore {
namespace {

struct ErrorInfo {
  int32_t code;
  const char* name;
  const char* help;
};

// Codes the engine itself reports with Winsock's meaning on every backend.
constexpr ErrorInfo kShared[] = {
    {997, "WSA_IO_PENDING", "not an error: the operation was queued and will complete later"},
    {996, "WSA_IO_INCOMPLETE", "the operation has not completed yet"},
    {995, "WSA_OPERATION_ABORTED", "cancelled: the socket was closed or CancelIoEx was called"},
    {258, "WSA_WAIT_TIMEOUT", "WSAWaitForMultipleEvents' timeout passed with no event signaled"},
    {87, "WSA_INVALID_PARAMETER",
     "WSAWaitForMultipleEvents was given more than WSA_MAXIMUM_WAIT_EVENTS (64) handles"},
};

// The lab's own codes (transition.hpp): made by the engine, never by Winsock or the kernel.
constexpr ErrorInfo kLab[] = {
    {kLabRefused, "LAB_REFUSED",
     "lab: refused before any call: not a session of the lab, or buffers larger than 16 MiB"},
    {kLabNotRun, "LAB_NOT_RUN",
     "lab: the engine stopped before this post ran, so WSARecv/WSASend was never called"},
    {kLabGaveUpWaiting, "LAB_GAVE_UP_WAITING",
     "lab: gave up waiting: still pending after its socket was closed and the lab's wait ran out"},
};

constexpr ErrorInfo kWinsock[] = {
    {6, "WSA_INVALID_HANDLE", "the event handle is not valid"},
    {64, "ERROR_NETNAME_DELETED", "the connection was reset or aborted while the operation pended"},
    {676, "ERROR_HANDLES_CLOSED", "the socket was closed with the operation pending (Wine's code)"},
    {1168, "ERROR_NOT_FOUND", "CancelIoEx: no such operation is pending"},
    {1236, "ERROR_CONNECTION_ABORTED", "the connection was aborted on this side"},
    {10004, "WSAEINTR", "the blocking call was interrupted"},
    {10013, "WSAEACCES", "permission denied"},
    {10014, "WSAEFAULT", "a buffer address is not valid"},
    {10022, "WSAEINVAL", "an argument is not valid"},
    {10035, "WSAEWOULDBLOCK", "non-blocking socket: the call would have to wait, try again"},
    {10038, "WSAENOTSOCK", "that is not a socket (already closed?)"},
    {10040, "WSAEMSGSIZE", "the message is larger than the buffer"},
    {10048, "WSAEADDRINUSE", "the address/port is already in use"},
    {10049, "WSAEADDRNOTAVAIL", "the address is not available on this machine"},
    {10050, "WSAENETDOWN", "the network is down"},
    {10053, "WSAECONNABORTED", "the connection was aborted"},
    {10054, "WSAECONNRESET", "the peer reset the connection"},
    {10057, "WSAENOTCONN", "the socket is not connected"},
    {10058, "WSAESHUTDOWN", "the socket was shut down"},
    {10060, "WSAETIMEDOUT", "the connection timed out"},
    {10061, "WSAECONNREFUSED", "nobody is listening on that port"},
    {10065, "WSAEHOSTUNREACH", "the host is unreachable"},
    {11001, "WSAHOST_NOT_FOUND", "the host name is not known"},
    {11002, "WSATRY_AGAIN", "the name server did not answer in time; try again"},
    {11003, "WSANO_RECOVERY", "the name server failed"},
    {11004, "WSANO_DATA", "the host name has no IPv4 address"},
};

constexpr ErrorInfo kLinux[] = {
    // getaddrinfo's own codes (glibc's EAI_* are negative), as the io_uring backend reports a
    // name that did not resolve: 10000 - EAI_*, so they never meet errno's or the lab's codes.
    {10002, "EAI_NONAME", "the host name is not known (WSAHOST_NOT_FOUND)"},
    {10003, "EAI_AGAIN", "the name server did not answer in time; try again (WSATRY_AGAIN)"},
    {10004, "EAI_FAIL", "the name server failed (WSANO_RECOVERY)"},
    {10005, "EAI_NODATA", "the host name has no address (WSANO_DATA)"},
    {10009, "EAI_ADDRFAMILY", "the host name has no IPv4 address (WSANO_DATA)"},
    {2, "ENOENT", "no such operation or file"},
    {4, "EINTR", "the call was interrupted"},
    {9, "EBADF", "the descriptor is not valid (already closed?)"},
    {11, "EAGAIN", "non-blocking socket: the call would have to wait (WSAEWOULDBLOCK)"},
    {12, "ENOMEM", "out of memory"},
    {13, "EACCES", "permission denied"},
    {14, "EFAULT", "a buffer address is not valid"},
    {22, "EINVAL", "an argument is not valid"},
    {32, "EPIPE", "the connection is closed for sending"},
    {88, "ENOTSOCK", "that is not a socket"},
    {90, "EMSGSIZE", "the message is larger than the buffer"},
    {98, "EADDRINUSE", "the address/port is already in use (WSAEADDRINUSE)"},
    {99, "EADDRNOTAVAIL", "the address is not available on this machine"},
    {103, "ECONNABORTED", "the connection was aborted (WSAECONNABORTED)"},
    {104, "ECONNRESET", "the peer reset the connection (WSAECONNRESET)"},
    {107, "ENOTCONN", "the socket is not connected (WSAENOTCONN)"},
    {108, "ESHUTDOWN", "the socket was shut down"},
    {110, "ETIMEDOUT", "the connection timed out"},
    {111, "ECONNREFUSED", "nobody is listening on that port (WSAECONNREFUSED)"},
    {113, "EHOSTUNREACH", "the host is unreachable"},
    {114, "EALREADY", "the operation is already in progress"},
    {125, "ECANCELED",
     "cancelled: io_uring's abort code, standing for WSA_OPERATION_ABORTED (995)"},
};

template <std::size_t N>
const ErrorInfo* find(const ErrorInfo (&table)[N], int32_t code) {
  for (const ErrorInfo& e : table)
    if (e.code == code) return &e;
  return nullptr;
}

const ErrorInfo* lookup(Backend backend, int32_t code) {
  if (is_lab_code(code)) return find(kLab, code);
  if (const ErrorInfo* e = find(kShared, code)) return e;
  return backend == Backend::winsock ? find(kWinsock, code) : find(kLinux, code);
}

}  // namespace

bool is_lab_code(int32_t code) {
  return find(kLab, code) != nullptr;
}

const char* error_name(Backend backend, int32_t code) {
  const ErrorInfo* e = code ? lookup(backend, code) : nullptr;
  return e ? e->name : "";
}

const char* error_help(Backend backend, int32_t code) {
  const ErrorInfo* e = code ? lookup(backend, code) : nullptr;
  return e ? e->help : "";
}

std::string address_failure(Backend backend, const std::string& host, int32_t error) {
  const std::string name = error_name(backend, error);
  if (name.rfind("EAI_", 0) == 0 || name == "WSAHOST_NOT_FOUND" || name == "WSATRY_AGAIN" ||
      name == "WSANO_RECOVERY" || name == "WSANO_DATA")
    return "the host name '" + host + "' could not be resolved (" + name + ")";
  return name.empty() ? std::to_string(error) : name;
}

std::string listen_failure(Backend backend, const std::string& host, uint16_t port, int32_t error) {
  const std::string name = error_name(backend, error);
  if (name == "EADDRINUSE" || name == "WSAEADDRINUSE")
    return "port " + std::to_string(port) + " is in use (" + name +
           "): choose another with --port, or stop the program using it";
  return "cannot listen on " + host + ":" + std::to_string(port) + ": " +
         address_failure(backend, host, error);
}

}  // namespace netcore
