// The I/O models' names (and the many-clients server's two), for every build: the live runner
// (models.cpp) and the web edition's recorded one (web/models_recorded.cpp) name them the same way.
#include "netcore/many_clients.hpp"
#include "netcore/models.hpp"

namespace netcore {

const char* model_name(Model m) {
  switch (m) {
#define NETCORE_NAME(name) \
  case Model::name:        \
    return #name;
    NETCORE_MODELS(NETCORE_NAME)
#undef NETCORE_NAME
  }
  return "?";
}

const char* model_cell(Model m) {
  switch (m) {
    case Model::blocking_sync:
      return "blocking + synchronous";
    case Model::nonblocking_sync:
      return "non-blocking + synchronous";
    case Model::blocking_async:
      return "blocking + asynchronous";
    case Model::nonblocking_async:
      return "non-blocking + asynchronous";
  }
  return "?";
}

const char* model_call(Model m) {
  switch (m) {
    case Model::blocking_sync:
      return "recv on a blocking socket";
    case Model::nonblocking_sync:
      return "ioctlsocket(FIONBIO), recv until not WSAEWOULDBLOCK";
    case Model::blocking_async:
      return "select, then recv";
    case Model::nonblocking_async:
      return "WSARecv + WSAOVERLAPPED.hEvent, other work, WSAGetOverlappedResult";
  }
  return "?";
}

const char* many_model_name(ManyModel m) {
  return m == ManyModel::event ? "event" : "iocp";
}

bool many_model_from_name(std::string_view name, ManyModel& out) {
  for (ManyModel m : {ManyModel::event, ManyModel::iocp})
    if (name == many_model_name(m)) {
      out = m;
      return true;
    }
  return false;
}

}  // namespace netcore
