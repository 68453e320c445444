import type { ReactNode } from 'react';
import type { ChartViewId } from '../../../domain/acupoints/chart.ts';

/**
 * Our own line drawings for the point charts, one per view, hand-written SVG in each view's
 * coordinate box (src/domain/acupoints/chart.ts). Calm and schematic: a warm skin tone, ink-grey
 * outlines, softer lines for features, a sand tone for hair. Decorative: the chart names its
 * points itself, so the drawings are hidden from assistive technology.
 */

const SKIN = '#fffdf8';
const HAIR = '#efe9de';
const LINE = '#6b7572';
const SOFT = '#a9b0ac';

const outline = { fill: SKIN, stroke: LINE, strokeWidth: 2, strokeLinejoin: 'round', strokeLinecap: 'round' } as const;
const line = { fill: 'none', stroke: LINE, strokeWidth: 1.75, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
const soft = { fill: 'none', stroke: SOFT, strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
const hair = { fill: HAIR, stroke: 'none' } as const;

/** Draws `children` (the client's right half of a symmetric view) and its mirror image. */
function Mirrored({ width, children }: { width: number; children: ReactNode }) {
  return (
    <>
      <g>{children}</g>
      <g transform={`translate(${width} 0) scale(-1 1)`}>{children}</g>
    </>
  );
}

function FaceFront() {
  const head = 'M200,34 C140,34 94,80 90,150 C88,190 88,220 89,260 C90,300 94,336 100,360 C106,384 118,400 142,420 C160,434 176,442 200,442 '
    + 'C224,442 240,434 258,420 C282,400 294,384 300,360 C306,336 310,300 311,260 C312,220 312,190 310,150 C306,80 260,34 200,34 Z';
  return (
    <>
      {/* Neck first, so the jaw overlaps it. */}
      <path {...outline} d="M146,416 C148,456 146,490 136,520 L264,520 C254,490 252,456 254,416 Z" />
      <Mirrored width={400}>
        <path {...outline} d="M92,206 C74,192 58,204 60,228 C62,252 70,274 86,284 C90,286 93,284 94,280" />
        <path {...soft} d="M82,222 C72,222 70,238 76,252" />
      </Mirrored>
      <path {...outline} d={head} />
      <path {...hair} d="M200,36 C142,36 96,80 92,150 C91,162 92,172 94,180 C98,132 120,100 160,93 C180,90 192,96 200,97 C208,96 220,90 240,93 C280,100 302,132 306,180 C308,172 309,162 308,150 C304,80 258,36 200,36 Z" />
      <path {...outline} fill="none" d={head} />
      <Mirrored width={400}>
        {/* Brow, eye with its lid crease and iris. */}
        <path d="M178,185 C165,176 140,172 112,183" fill="none" stroke={LINE} strokeWidth={3.5} strokeLinecap="round" opacity={0.55} />
        <path {...line} fill="#fff" d="M178,220 C166,210 136,206 122,218 C136,229 164,230 178,220 Z" />
        <circle cx={150} cy={218.5} r={7.5} fill="none" stroke={LINE} strokeWidth={1.5} />
        <circle cx={150} cy={218.5} r={2.5} fill={LINE} />
        <path {...soft} d="M175,211 C160,201 138,200 125,209" />
        {/* Side of the nose, the nasolabial fold, the cheekbone. */}
        <path {...soft} d="M186,206 C185,236 182,260 178,280" />
        <path {...soft} d="M172,290 C162,308 158,328 160,346" />
        <path {...soft} d="M112,262 C126,272 144,276 160,274" opacity={0.7} />
        {/* The nostril and the edge of the philtrum. */}
        <path {...line} d="M184,288 C172,292 170,304 182,306" />
        <path {...soft} d="M194,312 L192,340" />
        {/* The jaw's bulge and the side of the neck. */}
        <path {...soft} d="M154,440 C164,470 176,496 188,520" opacity={0.7} />
      </Mirrored>
      {/* Nose tip and nostrils, lips, chin. */}
      <path {...line} d="M182,306 C190,313 210,313 218,306" />
      <path {...line} fill="#fff" d="M166,352 C180,345 190,341 200,345 C210,341 220,345 234,352 C218,356 182,356 166,352 Z" />
      <path {...line} fill="#fff" d="M166,352 C182,356 218,356 234,352 C224,368 212,371 200,371 C188,371 176,368 166,352 Z" />
      <path {...soft} d="M186,390 C196,386 204,386 214,390" />
      <path {...soft} d="M188,458 C196,462 204,462 212,458" opacity={0.7} />
    </>
  );
}

function FaceThreeQuarter() {
  const face = 'M180,36 C250,32 300,70 306,124 C308,150 306,168 312,184 C314,196 308,206 306,214 C312,240 326,266 336,284 C340,292 334,300 322,300 '
    + 'C316,300 312,304 314,310 C318,320 320,334 314,344 C320,350 318,360 312,364 C306,372 302,380 306,392 C310,410 304,428 286,432 '
    + 'C250,436 214,420 190,398 C176,386 166,372 160,352 C156,336 150,318 140,306';
  const back = 'M180,36 C112,36 60,86 58,156 C56,220 74,270 96,306 C106,322 110,338 110,354';
  return (
    <>
      <path fill={SKIN} d="M110,330 C116,400 112,460 104,520 L262,520 C256,490 254,460 262,430 L190,398 L160,352 L140,306 Z" />
      <path {...line} strokeWidth={2} d="M110,340 C116,400 112,460 104,520 M262,430 C256,460 254,490 258,520" />
      <path {...outline} d={`${face} L110,354 C110,338 106,322 96,306 C74,270 56,220 58,156 C60,86 112,36 180,36 Z`} stroke="none" />
      <path {...hair} d="M300,104 C296,66 258,36 180,36 C112,36 60,86 58,156 C57,200 66,240 84,272 C96,262 104,242 108,224 C114,206 132,198 150,208 C158,184 166,156 182,134 C204,106 246,96 300,104 Z" />
      <path {...outline} fill="none" d={face} />
      <path {...outline} fill="none" d={back} />
      {/* The ear, with its inner fold and tragus. */}
      <path {...outline} d="M150,212 C136,196 112,202 110,228 C108,254 118,282 136,294 C142,298 148,294 150,288" />
      <path {...soft} d="M140,226 C128,224 124,242 130,258" />
      <path {...line} d="M150,238 C154,242 154,252 150,256" />
      {/* Brows, eyes. */}
      <path d="M255,189 C240,178 214,174 188,184" fill="none" stroke={LINE} strokeWidth={3.5} strokeLinecap="round" opacity={0.55} />
      <path d="M292,190 C300,184 306,182 312,184" fill="none" stroke={LINE} strokeWidth={3.5} strokeLinecap="round" opacity={0.55} />
      <path {...line} fill="#fff" d="M252,224 C240,212 216,208 202,218 C214,230 240,232 252,224 Z" />
      <circle cx={230} cy={221} r={7} fill="none" stroke={LINE} strokeWidth={1.5} />
      <circle cx={231} cy={221} r={2.5} fill={LINE} />
      <path {...soft} d="M250,215 C238,204 216,202 204,210" />
      <path {...line} fill="#fff" d="M296,222 C301,215 307,214 311,217 C307,225 301,226 296,222 Z" />
      {/* Nose, nostril, fold, cheekbone. */}
      <path {...soft} d="M294,214 C298,240 306,262 314,280" />
      <path {...line} d="M304,290 C292,286 286,298 296,304 C304,307 312,305 318,302" />
      <path {...soft} d="M282,290 C270,310 264,330 266,346" />
      <path {...soft} d="M192,266 C208,276 228,280 246,278" opacity={0.7} />
      {/* Lips, chin crease. */}
      <path {...line} fill="#fff" d="M262,352 C280,344 298,340 312,344 C316,347 316,350 314,352 C298,356 282,356 262,352 Z" />
      <path {...line} fill="#fff" d="M262,352 C282,356 298,356 314,352 C312,360 304,366 292,366 C280,366 270,362 262,352 Z" />
      <path {...soft} d="M284,390 C292,386 298,386 304,388" />
      <path {...soft} d="M204,426 C222,452 236,486 244,520" opacity={0.7} />
    </>
  );
}

function HeadProfile() {
  const front = 'M196,32 C262,32 306,64 320,120 C326,146 326,168 334,184 C338,194 332,202 332,208 C340,226 354,246 364,262 C368,270 362,276 352,276 '
    + 'C346,278 344,284 346,290 C350,300 348,310 342,314 C346,322 344,330 338,334 C334,342 334,352 338,360 C340,374 332,384 318,386 '
    + 'C290,390 262,378 244,364 C236,356 232,346 230,336 C228,316 224,292 218,272';
  const back = 'M196,32 C120,30 52,88 48,170 C46,220 62,258 84,282 C92,296 98,312 100,330';
  return (
    <>
      <path fill={SKIN} d="M100,320 C102,370 100,400 96,440 L284,440 C286,420 292,402 302,388 L244,364 L230,336 L218,272 Z" />
      <path {...line} strokeWidth={2} d="M100,326 C102,370 100,400 96,440 M302,388 C292,402 286,420 284,440" />
      <path {...outline} stroke="none" d={`${front} L100,330 C98,312 92,296 84,282 C62,258 46,220 48,170 C52,88 120,30 196,32 Z`} />
      <path {...hair} d="M304,100 C290,66 250,34 196,32 C120,30 52,88 48,170 C46,214 60,250 80,276 C112,262 150,246 172,224 C178,200 196,180 222,178 C232,160 238,140 252,126 C268,112 286,104 304,100 Z" />
      <path {...outline} fill="none" d={front} />
      <path {...outline} fill="none" d={back} />
      <path {...outline} d="M222,184 C208,172 186,180 186,204 C186,228 192,250 208,260 C214,264 220,260 222,252" />
      <path {...soft} d="M212,198 C200,198 198,214 204,228" />
      <path {...line} d="M222,212 C226,216 226,224 222,228" />
      <path d="M336,182 C326,176 312,176 300,182" fill="none" stroke={LINE} strokeWidth={3.5} strokeLinecap="round" opacity={0.55} />
      <path {...line} d="M332,204 C326,198 316,198 308,204 C316,210 326,210 332,204" />
      <path {...line} d="M350,270 C342,264 334,268 336,276" />
      <path {...line} d="M344,312 C336,314 330,314 326,312" />
    </>
  );
}

/** The client's right half of the body silhouette (viewer's left on the front view). */
const BODY_HALF = 'M180,94 L170,94 C170,104 168,114 164,120 C150,126 124,126 110,132 C96,138 90,152 90,172 C86,204 82,238 80,268 '
  + 'C78,302 72,340 70,372 C66,388 62,406 64,426 C66,440 74,448 84,446 C94,444 100,432 102,416 C104,400 104,386 104,372 '
  + 'C108,338 112,302 114,270 C116,236 118,204 122,180 C126,216 132,256 134,288 C134,312 124,330 122,354 C120,384 124,424 130,470 '
  + 'C132,496 132,516 132,540 C132,572 138,612 144,648 C144,664 138,680 134,698 C132,712 140,720 150,720 C162,720 172,714 172,702 '
  + 'C172,688 170,672 170,654 C168,620 166,582 168,546 C170,520 172,490 174,450 C176,420 178,400 180,390 Z';

function BodyFront() {
  return (
    <>
      <Mirrored width={360}><path {...outline} d={BODY_HALF} /></Mirrored>
      <path {...outline} stroke="none" d="M166,90 L194,90 L194,130 L166,130 Z" />
      <ellipse {...outline} cx={180} cy={58} rx={30} ry={38} />
      <Mirrored width={360}>
        <path {...soft} d="M176,134 C164,136 148,134 126,138" />
        <path {...soft} d="M134,176 C146,192 162,196 176,192" opacity={0.7} />
        <path {...soft} d="M144,520 C148,512 158,512 162,520 C162,530 156,538 152,538 C148,538 144,530 144,520 Z" opacity={0.8} />
        <path {...soft} d="M134,446 C142,452 150,456 160,458" opacity={0.6} />
        <path {...soft} d="M84,270 C92,274 104,274 112,270" opacity={0.7} />
        <path {...soft} d="M160,648 C164,652 166,656 166,660" />
      </Mirrored>
      <circle cx={180} cy={300} r={3} fill="none" stroke={SOFT} strokeWidth={1.5} />
      <path {...soft} d="M180,140 L180,220" opacity={0.5} />
    </>
  );
}

function BodyBack() {
  return (
    <>
      <Mirrored width={360}><path {...outline} d={BODY_HALF} /></Mirrored>
      <path {...outline} stroke="none" d="M166,90 L194,90 L194,130 L166,130 Z" />
      <ellipse {...outline} cx={180} cy={58} rx={30} ry={38} />
      <path {...hair} d="M152,50 C152,28 166,22 180,22 C194,22 208,28 208,50 C210,68 204,84 196,90 C186,94 174,94 164,90 C156,84 150,68 152,50 Z" />
      <ellipse {...outline} fill="none" cx={180} cy={58} rx={30} ry={38} />
      <Mirrored width={360}>
        <path {...soft} d="M160,150 C146,148 130,152 120,160 C124,184 134,206 154,220 C158,198 160,174 160,150 Z" opacity={0.8} />
        <path {...soft} d="M180,390 C176,400 168,410 156,416 C146,420 136,420 128,418" opacity={0.8} />
        <path {...soft} d="M140,524 C148,528 160,528 168,524" />
        <path {...soft} d="M140,600 C146,614 150,628 152,646" opacity={0.6} />
      </Mirrored>
      <path {...soft} d="M180,118 L180,372" strokeDasharray="2 7" />
      <path {...soft} d="M180,372 L180,396" />
    </>
  );
}

function Knees() {
  const half = (
    <>
      <path {...outline} d="M56,0 C60,60 66,120 70,180 C72,210 74,236 80,260 C84,280 86,300 88,330 C90,370 92,400 94,420 L190,420 C192,400 194,370 196,330 C198,290 200,260 204,240 C212,210 214,180 210,150 C214,110 220,60 222,0 Z" />
      <path {...soft} d="M208,100 C198,130 184,150 172,162" />
      <path {...soft} d="M72,120 C84,150 96,166 108,172" opacity={0.7} />
      <path {...line} fill="#fff" d="M140,156 C164,156 176,180 174,204 C172,228 156,244 140,244 C124,244 106,228 106,204 C104,180 116,156 140,156 Z" />
      <path {...soft} d="M128,244 L132,296 M152,244 L148,296" />
      <path {...soft} d="M126,298 C134,306 146,306 154,298" />
      <path {...soft} d="M80,280 C86,272 94,272 98,282" />
      <path {...soft} d="M140,310 C141,350 141,386 140,420" strokeDasharray="2 7" />
    </>
  );
  return <Mirrored width={480}>{half}</Mirrored>;
}

const DRAWINGS: Record<ChartViewId, () => ReactNode> = {
  'face-front': FaceFront,
  'face-three-quarter': FaceThreeQuarter,
  head: HeadProfile,
  'body-front': BodyFront,
  'body-back': BodyBack,
  knee: Knees,
};

/** The drawing of one view, to place inside an <svg> with that view's viewBox. */
export function ChartDrawing({ view }: { view: ChartViewId }) {
  const Drawing = DRAWINGS[view];
  return <g aria-hidden="true">{<Drawing />}</g>;
}
