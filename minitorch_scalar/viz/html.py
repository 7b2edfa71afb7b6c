"""A self-contained HTML page to step through SVG frames (buttons, a slider, arrow keys; no network)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

_PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.DOTALL)

_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; }
.controls { display: flex; gap: .5em; align-items: center; margin: .8em 0; }
.controls input[type=range] { flex: 1; max-width: 40em; }
.caption { font-family: Menlo, Consolas, monospace; white-space: pre-wrap; background: #f6f6f6;
           border-left: 4px solid #d62728; padding: .6em .8em; min-height: 3.5em; }
.frame svg { max-width: 100%; height: auto; }
"""

_SCRIPT = """
const frames = Array.from(document.querySelectorAll('.frame'));
const slider = document.getElementById('slider');
const counter = document.getElementById('counter');
let current = 0;
let timer = null;
function show(i) {
  current = Math.max(0, Math.min(frames.length - 1, i));
  frames.forEach((f, k) => { f.hidden = k !== current; });
  slider.value = current;
  counter.textContent = (current + 1) + ' / ' + frames.length;
}
function play() {
  if (timer) { clearInterval(timer); timer = null; document.getElementById('play').textContent = 'play'; return; }
  if (current === frames.length - 1) { show(0); }
  document.getElementById('play').textContent = 'pause';
  timer = setInterval(() => { if (current === frames.length - 1) { play(); } else { show(current + 1); } }, 1200);
}
document.getElementById('first').onclick = () => show(0);
document.getElementById('prev').onclick = () => show(current - 1);
document.getElementById('next').onclick = () => show(current + 1);
document.getElementById('last').onclick = () => show(frames.length - 1);
document.getElementById('play').onclick = play;
slider.oninput = () => show(Number(slider.value));
document.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowRight') { show(current + 1); }
  if (e.key === 'ArrowLeft') { show(current - 1); }
});
show(0);
"""


def inline_svg(svg: str) -> str:
    """An SVG document as an element to embed in HTML (the XML prolog, doctype and comments removed)."""
    return _PROLOG.sub("", svg).strip()


def frames_page(title: str, frames: Sequence[tuple[str, str]]) -> str:
    """The HTML text of a page showing ``frames`` (``(caption, svg)`` pairs) one at a time.

    Raises:
        ValueError: when there are no frames.
    """
    if not frames:
        raise ValueError("frames_page() needs at least one frame")
    blocks = []
    for i, (caption, svg) in enumerate(frames):
        blocks.append(
            f'<div class="frame" id="frame-{i}"{" hidden" if i else ""}>\n'
            f'<div class="caption">{html.escape(caption)}</div>\n{inline_svg(svg)}\n</div>'
        )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        '<div class="controls">\n'
        '<button id="first">first</button><button id="prev">&larr; prev</button>'
        '<button id="play">play</button><button id="next">next &rarr;</button><button id="last">last</button>\n'
        f'<input type="range" id="slider" min="0" max="{len(frames) - 1}" value="0">'
        '<span id="counter"></span>\n</div>\n'
        + "\n".join(blocks)
        + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def write_frames_page(path: str | Path, title: str, frames: Sequence[tuple[str, str]]) -> Path:
    """Write :func:`frames_page` to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(frames_page(title, frames), encoding="utf-8")
    return target
