// The web edition replays recorded traces and opens no sockets: its engine has no live server
// session to run an I/O model on. These definitions say so; the models' calls are not built here.
#include "../engine_models.hpp"

namespace netcore {
namespace windows_models_io {
struct EventSelect::Impl {};
struct Routines::Impl {};
struct Port::Impl {};
EventSelect::~EventSelect() = default;
Routines::~Routines() = default;
Port::~Port() = default;
}  // namespace windows_models_io

namespace models_io {
uint32_t thread_id() {
  return 1;  // the page's one thread
}
uint64_t thread_cpu_ns() {
  return 0;  // a page times no thread: the matrix's CPU figures come from the recordings
}
}  // namespace models_io

LabModelServer::LabModelServer(LabModel model, models_io::Socket s,
                               windows_models_io::Recorder& recorder)
    : model_(model), socket_(s), recorder_(recorder) {
  (void)socket_;  // never used: nothing is opened here
  (void)recorder_;
  (void)stopping_;
}
LabModelServer::~LabModelServer() = default;

std::string LabModelServer::start() {
  return std::string("the web edition opens no sockets: the ") + lab_model_name(model_) +
         " model runs in the desktop app";
}
std::string LabModelServer::post_recv(uint32_t, uint32_t) {
  return start();
}
bool LabModelServer::alertable(std::chrono::milliseconds) {
  return false;
}
bool LabModelServer::looking() const {
  return false;
}
void LabModelServer::look() {}
void LabModelServer::before_close() {}
void LabModelServer::after_close() {}
void LabModelServer::event_select_thread() {}
void LabModelServer::give_up(uint32_t) {}

}  // namespace netcore
