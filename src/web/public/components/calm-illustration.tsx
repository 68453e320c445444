/**
 * Two quiet line drawings drawn for Yintang, in the site's own colours: a resting face with
 * the yintang point between the eyebrows (the home page), and a garden of hills, a low sun
 * and a sprig of leaves (a clinic's page). Decoration only: hidden from screen readers,
 * inline SVG so they cost no request and no script. Colours are the palette's (site.css),
 * written out because SVG attributes do not read CSS variables everywhere.
 */

const JADE_50 = '#f1f7f4';
const JADE_100 = '#dcebe4';
const JADE_200 = '#bcd9cb';
const JADE_300 = '#94c1ab';
const JADE_600 = '#2f6f5e';
const INK = '#1f2a27';
const CLAY = '#b4694a';
const CLAY_50 = '#f8ede7';
const PAPER = '#faf8f4';

/** A sprig of three leaves on a curved stem, drawn from (0,0) upwards. */
function Sprig({ transform, colour = JADE_600 }: { transform: string; colour?: string }) {
  return (
    <g transform={transform} fill="none" stroke={colour} strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d="M0 0 C 4 -22, 2 -44, -6 -64" />
      <path d="M1 -18 C 14 -22, 22 -32, 22 -44 C 10 -42, 2 -32, 1 -18 Z" fill={JADE_100} />
      <path d="M2 -36 C -12 -40, -20 -50, -20 -62 C -8 -60, 0 -50, 2 -36 Z" fill={JADE_100} />
      <path d="M-6 -64 C 2 -72, 4 -82, 0 -92 C -10 -84, -12 -74, -6 -64 Z" fill={JADE_100} />
    </g>
  );
}

/** The home page's drawing: a face at rest, eyes closed, a jade dot at the yintang point. */
export function RestingFaceIllustration({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 320 320" className={className} aria-hidden="true" focusable="false" role="presentation">
      <circle cx="160" cy="160" r="150" fill={JADE_50} />
      <circle cx="160" cy="160" r="112" fill={JADE_100} opacity="0.55" />
      <circle cx="254" cy="70" r="22" fill={CLAY_50} />
      <g fill="none" stroke={INK} strokeWidth={2.25} strokeLinecap="round" strokeLinejoin="round">
        {/* Hair and the face's outline. */}
        <path d="M100 150 C 98 100, 128 72, 162 72 C 196 72, 226 100, 224 150 C 224 204, 196 244, 162 246 C 128 244, 100 204, 100 150 Z" fill={PAPER} />
        <path d="M106 122 C 124 104, 146 98, 170 100 C 192 102, 210 110, 219 124" stroke={JADE_300} />
        {/* Eyebrows, with the yintang point between them. */}
        <path d="M124 148 C 132 141, 144 140, 152 144" />
        <path d="M172 144 C 180 140, 192 141, 200 148" />
        {/* Closed eyes, resting. */}
        <path d="M128 166 C 134 172, 144 172, 150 166" />
        <path d="M174 166 C 180 172, 190 172, 196 166" />
        {/* Nose and a quiet mouth. */}
        <path d="M162 158 C 160 176, 156 190, 162 196 C 165 198, 168 198, 170 196" />
        <path d="M148 216 C 156 221, 168 221, 176 216" />
        {/* Neck and shoulders, as if lying back on a couch. */}
        <path d="M142 246 L 140 268 C 112 274, 92 286, 82 300" />
        <path d="M182 246 L 184 268 C 212 274, 232 286, 242 300" />
      </g>
      <circle cx="162" cy="142" r="5" fill={JADE_600} />
      <circle cx="162" cy="142" r="11" fill="none" stroke={JADE_200} strokeWidth={2} />
      <Sprig transform="translate(70 282) rotate(-14)" />
      <Sprig transform="translate(262 270) rotate(18) scale(-0.8 0.8)" colour={CLAY} />
    </svg>
  );
}

/** A clinic page's drawing: soft hills, a low sun and a sprig of leaves. */
export function GardenIllustration({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 480 220" className={className} aria-hidden="true" focusable="false" role="presentation" preserveAspectRatio="xMidYMax slice">
      <rect width="480" height="220" fill={JADE_50} />
      <circle cx="330" cy="114" r="36" fill={CLAY_50} />
      <circle cx="330" cy="114" r="36" fill="none" stroke={CLAY} strokeOpacity="0.35" strokeWidth={2} />
      <path d="M0 150 C 70 118, 140 116, 220 138 C 300 160, 380 124, 480 132 L 480 220 L 0 220 Z" fill={JADE_100} />
      <path d="M0 178 C 90 156, 170 164, 250 178 C 330 192, 400 170, 480 168 L 480 220 L 0 220 Z" fill={JADE_200} opacity="0.8" />
      <path d="M0 200 C 120 188, 260 196, 480 192 L 480 220 L 0 220 Z" fill={JADE_300} opacity="0.45" />
      <g fill="none" stroke={JADE_600} strokeWidth={1.75} strokeLinecap="round" opacity="0.55">
        <path d="M60 62 C 66 58, 72 58, 78 62 C 84 58, 90 58, 96 62" />
        <path d="M118 44 C 123 41, 128 41, 133 44 C 138 41, 143 41, 148 44" />
      </g>
      <Sprig transform="translate(410 206) rotate(-8) scale(1.1)" />
      <Sprig transform="translate(438 210) rotate(16) scale(0.75)" colour={CLAY} />
    </svg>
  );
}
