// iolab.exe is a Windows GUI program, so no console window opens beside it when a student
// double-clicks it. Started from a console (cmd, PowerShell) its output (--help, errors, the
// lines of test runs) still goes to that console; redirected to a file or a pipe, it goes there.
#pragma once

namespace iolab::platform {

// Points stdout and stderr at the parent's console when they lead nowhere (Windows only).
void attach_parent_console();

}  // namespace iolab::platform
