import { useEffect, useRef, useState } from 'react';
import { Eraser } from 'lucide-react';

/** The drawing cropped to its strokes (with a small margin), so a signature fills its picture. */
function trimmedPng(c: HTMLCanvasElement): string | null {
  const { width, height } = c;
  const pixels = c.getContext('2d')!.getImageData(0, 0, width, height).data;
  let top = height, left = width, right = -1, bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[(y * width + x) * 4 + 3]! === 0) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  if (right < 0) return null;
  const margin = 8;
  const out = document.createElement('canvas');
  out.width = right - left + 1 + margin * 2;
  out.height = bottom - top + 1 + margin * 2;
  out.getContext('2d')!.drawImage(c, left, top, right - left + 1, bottom - top + 1, margin, margin, right - left + 1, bottom - top + 1);
  return out.toDataURL('image/png');
}

/**
 * A box to draw a signature in with a finger, pen or mouse (pointer events, so touch and
 * mouse behave the same). Reports the drawing as a PNG data URL, or null when empty.
 * Drawing is optional: people who cannot draw sign with their typed name instead, so the
 * box says so and never blocks the keyboard.
 */
export function SignaturePad({ onChange, label = 'Your signature', hint }: {
  onChange: (png: string | null) => void;
  label?: string;
  hint?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);
  const report = useRef(onChange);
  const hasDrawing = useRef(false);
  report.current = onChange;

  // Size the canvas to its box at the screen's pixel density, so lines stay crisp.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const size = () => {
      const ratio = window.devicePixelRatio || 1;
      const { width, height } = c.getBoundingClientRect();
      if (c.width === Math.round(width * ratio) && c.height === Math.round(height * ratio)) return;
      // Resizing a canvas wipes it: keep what was drawn (e.g. a phone turned sideways).
      const drawn = hasDrawing.current ? { image: c.toDataURL('image/png'), width: c.width / ratio, height: c.height / ratio } : null;
      c.width = Math.round(width * ratio);
      c.height = Math.round(height * ratio);
      const ctx = c.getContext('2d')!;
      ctx.scale(ratio, ratio);
      ctx.lineWidth = 2.25;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#1f2a27';
      if (!drawn) return;
      const img = new Image();
      img.onload = () => {
        const k = Math.min(1, width / drawn.width);
        ctx.drawImage(img, 0, 0, drawn.width * k, drawn.height * k);
        report.current(trimmedPng(c));
      };
      img.src = drawn.image;
    };
    size();
    const observer = new ResizeObserver(size);
    observer.observe(c);
    return () => observer.disconnect();
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  function start(e: React.PointerEvent<HTMLCanvasElement>) {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = point(e);
    const ctx = e.currentTarget.getContext('2d')!;
    const p = drawing.current;
    ctx.beginPath();
    ctx.arc(p.x, p.y, 1.1, 0, Math.PI * 2);
    ctx.fillStyle = '#1f2a27';
    ctx.fill();
  }

  function move(e: React.PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    e.preventDefault();
    const ctx = e.currentTarget.getContext('2d')!;
    const from = drawing.current;
    const to = point(e);
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    drawing.current = to;
  }

  function end(e: React.PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = null;
    hasDrawing.current = true;
    setEmpty(false);
    onChange(trimmedPng(e.currentTarget));
  }

  function clear() {
    const c = canvas.current;
    if (!c) return;
    c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
    hasDrawing.current = false;
    setEmpty(true);
    onChange(null);
  }

  return (
    <div>
      <div className="flex items-end justify-between gap-3">
        <p className="label" id="signature-label">{label}</p>
        <button type="button" className="btn btn-ghost min-h-9 px-2 py-1 text-sm" onClick={clear} disabled={empty}>
          <Eraser aria-hidden="true" className="size-4" />Clear<span className="sr-only"> the drawing</span>
        </button>
      </div>
      {hint && <p className="hint mt-1" id="signature-hint">{hint}</p>}
      <div className="relative mt-1.5">
        <canvas
          ref={canvas}
          role="img"
          aria-labelledby="signature-label"
          aria-describedby={hint ? 'signature-hint' : undefined}
          data-testid="signature-pad"
          className="block h-40 w-full cursor-crosshair touch-none rounded-lg border border-line bg-white"
          onPointerDown={start}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={end}
        />
        {empty && <p aria-hidden="true" className="pointer-events-none absolute inset-x-4 bottom-3 border-t border-dashed border-line pt-1 text-sm text-muted">Sign here</p>}
      </div>
    </div>
  );
}
