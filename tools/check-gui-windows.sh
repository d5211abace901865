#!/usr/bin/env bash
# Compiles every GUI source for Windows with mingw-w64 against Debian's ImGui, GLFW and stb
# headers (syntax and warnings only: linking needs ImGui built for Windows, e.g. from vcpkg),
# so a Windows user's build meets no surprises.
# Usage: tools/check-gui-windows.sh   (after a Linux build generated the glad loader)
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh g++-mingw-w64-x86-64-posix libimgui-dev libglfw3-dev libstb-dev python3-glad
glad_dir=build/windows-gui-check/glad
if [ ! -f "$glad_dir/include/glad/gl.h" ]; then
  glad --quiet --reproducible --api gl:core=3.3 --extensions= --out-path "$glad_dir" c >/dev/null
fi
# Only the library headers, not the rest of /usr/include (Linux system headers).
inc=build/windows-gui-check/include
mkdir -p "$inc"
for d in imgui GLFW stb; do ln -sfn "/usr/include/$d" "$inc/$d"; done
cxx=x86_64-w64-mingw32-g++-posix
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -DIMGUI_IMPL_OPENGL_LOADER_CUSTOM
       -Iapp -Inetcore/include -I"$inc" -I"$inc/imgui" -I"$inc/imgui/backends" -I"$inc/stb" -I"$glad_dir/include")
status=0
count=0
while IFS= read -r f; do
  count=$((count + 1))
  if ! "$cxx" "${flags[@]}" "$f"; then echo "FAIL $f"; status=1; fi
done < <(find app -name '*.cpp' -not -path 'app/cli/*' | sort)
echo "GUI sources compiled for Windows: $count files, $([ $status = 0 ] && echo ok || echo FAILED)"
exit $status
