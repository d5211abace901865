#!/usr/bin/python3
"""Subsets the fonts the web edition ships to the characters iolab can show (called by
app/web.cmake): printable ASCII (traces' data, numbers, code) and every other character written
in the app's and netcore's sources (the views' texts, the log's and inspector's words), the
lessons and the code listings. NanumGothic alone is 4.7 MB; its
subset is a few hundred kB. The page's Korean captions are in the DOM, drawn by the browser.
Usage: subset-web-fonts.py OUT_DIR SOURCE_DIR FONT..."""
import pathlib
import re
import sys

from fontTools import subset


def characters(source_dir: pathlib.Path) -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    patterns = ["app/**/*.cpp", "app/**/*.hpp", "netcore/**/*.cpp", "netcore/**/*.hpp",
                "assets/scenarios/*.lesson", "assets/code/*"]
    for pattern in patterns:
        for path in sorted(source_dir.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            chars.update(text)
            # UTF-8 written as C escapes ("\xC2\xB7" is the inspector's middle dot).
            for run in re.findall(r"(?:\\x[0-9A-Fa-f]{2})+", text):
                chars.update(bytes.fromhex(run.replace("\\x", "")).decode("utf-8", "ignore"))
    return "".join(sorted(c for c in chars if c.isprintable()))


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    out, source_dir, fonts = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
    out.mkdir(parents=True, exist_ok=True)
    text = characters(source_dir)
    for font in fonts:
        if not pathlib.Path(font).is_file():
            print(f"subset-web-fonts: no font {font} (fonts-dejavu-core, fonts-nanum)",
                  file=sys.stderr)
            return 1
        target = out / pathlib.Path(font).name
        subset.main([font, f"--text={text}", f"--output-file={target}", "--layout-features=*",
                     "--no-hinting", "--desubroutinize"])
        print(f"subset-web-fonts: {target.name} {pathlib.Path(font).stat().st_size} -> "
              f"{target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
