// The web edition replays recorded traces and opens no sockets: the many-clients server never
// starts there (start() says why), so the app's Lab > Clients N answers with that line.
#include "netcore/many_clients.hpp"

namespace netcore {

struct ManyClientsServer::Impl {};
ManyClientsServer::ManyClientsServer(ManyClientsOptions) : impl_(std::make_unique<Impl>()) {}
ManyClientsServer::~ManyClientsServer() = default;
bool ManyClientsServer::start(std::string& error) {
  error = "the web edition opens no sockets: many clients need the desktop app";
  return false;
}
void ManyClientsServer::stop() {}
uint16_t ManyClientsServer::port() const {
  return 0;
}
Backend ManyClientsServer::backend() const {
  return Backend::winsock;
}
size_t ManyClientsServer::drain(std::vector<Transition>&) {
  return 0;
}
bool ManyClientsServer::wait_for_transitions(std::chrono::milliseconds) {
  return false;
}
bool ManyClientsServer::finished() const {
  return true;
}
std::string ManyClientsServer::error() const {
  return {};
}
std::vector<std::string> ManyClientsServer::peers() const {
  return {};
}
ManyClientsStats ManyClientsServer::stats() const {
  return {};
}

struct ManyLabClients::Impl {};
ManyLabClients::ManyLabClients(std::string, uint16_t, int) : impl_(std::make_unique<Impl>()) {}
ManyLabClients::~ManyLabClients() = default;
void ManyLabClients::send_wave() {}
int ManyLabClients::connected() const {
  return 0;
}
uint64_t ManyLabClients::waves_sent() const {
  return 0;
}
std::string ManyLabClients::error() const {
  return {};
}

}  // namespace netcore
