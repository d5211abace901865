#include "platform/console_windows.hpp"

#include <windows.h>

#include <cstdio>

namespace iolab::platform {

void attach_parent_console() {
  // A GUI program's standard handles are null unless its parent redirected them.
  auto leads_somewhere = [](DWORD which) {
    HANDLE h = GetStdHandle(which);
    return h != nullptr && h != INVALID_HANDLE_VALUE && GetFileType(h) != FILE_TYPE_UNKNOWN;
  };
  const bool out = leads_somewhere(STD_OUTPUT_HANDLE), err = leads_somewhere(STD_ERROR_HANDLE);
  if (out && err) return;
  if (!AttachConsole(ATTACH_PARENT_PROCESS)) return;  // double-clicked: no console to write to
  if (!out && !std::freopen("CONOUT$", "w", stdout)) return;
  if (!err && !std::freopen("CONOUT$", "w", stderr)) return;
}

}  // namespace iolab::platform
