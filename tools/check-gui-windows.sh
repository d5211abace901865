#!/usr/bin/env bash
# Compiles every GUI source for Windows with mingw-w64 against the pinned ImGui and GLFW of
# third_party/ and Debian's stb headers (syntax and warnings only; the Windows package is built
# elsewhere), so a Windows user's build meets no surprises.
# Usage: tools/check-gui-windows.sh   (after a Linux build generated the glad loader)
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh g++-mingw-w64-x86-64-posix libstb-dev python3-glad
glad_dir=build/windows-gui-check/glad
if [ ! -f "$glad_dir/include/glad/gl.h" ]; then
  glad --quiet --reproducible --api gl:core=3.3 --extensions= --out-path "$glad_dir" c >/dev/null
fi
# Only stb's headers, not the rest of /usr/include (Linux system headers).
inc=build/windows-gui-check/include
mkdir -p "$inc"
ln -sfn /usr/include/stb "$inc/stb"
cxx=x86_64-w64-mingw32-g++-posix
# The definitions app/gui.cmake gives the ImGui targets; third_party as system headers (not ours).
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -DIMGUI_DISABLE_OBSOLETE_FUNCTIONS
       -DIMGUI_ENABLE_TEST_ENGINE
       -Iapp -Inetcore/include -isystem third_party/imgui -isystem third_party/imgui/backends
       -isystem third_party/glfw/include -isystem "$inc/stb" -isystem "$glad_dir/include")
status=0
count=0
while IFS= read -r f; do
  count=$((count + 1))
  if ! "$cxx" "${flags[@]}" "$f"; then echo "FAIL $f"; status=1; fi
done < <(find app -name '*.cpp' -not -path 'app/cli/*' | sort)
echo "GUI sources compiled for Windows: $count files, $([ $status = 0 ] && echo ok || echo FAILED)"
exit $status
