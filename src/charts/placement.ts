/**
 * Where to put a label so that it covers as little as possible: each label offers candidate boxes
 * in order of preference, each box is scored against what is already drawn (marker and bar boxes,
 * curve segments, earlier labels) and against the plot's bounds, and the cheapest wins. Greedy,
 * one label at a time; a handful of labels and candidates keeps it well under a millisecond.
 */

export interface Box {
  /** Top-left corner and size, px. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A straight piece of a drawn curve, px. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Obstacles {
  boxes: readonly Box[];
  segments: readonly Segment[];
}

export const NO_OBSTACLES: Obstacles = { boxes: [], segments: [] };

/** Cost of each px of curve running through a label, in px² of covered box. */
const SEGMENT_WEIGHT = 6;
/** Cost of each px² of label outside the bounds (cut off). */
const OUTSIDE_WEIGHT = 4;
/** Cost of falling one place down the preference order: less than any real overlap. */
const RANK_WEIGHT = 0.5;

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The range [t0, t1] of the segment's parameter inside the box (Liang–Barsky), or undefined. */
function clipRange(s: Segment, box: Box): [number, number] | undefined {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  let t0 = 0;
  let t1 = 1;
  const sides: [number, number][] = [
    [-dx, s.x1 - box.x],
    [dx, box.x + box.width - s.x1],
    [-dy, s.y1 - box.y],
    [dy, box.y + box.height - s.y1],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return undefined;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return undefined;
    }
  }
  return [t0, t1];
}

/** Length of the part of a segment inside a box. */
export function lengthInBox(s: Segment, box: Box): number {
  const range = clipRange(s, box);
  return range ? (range[1] - range[0]) * Math.hypot(s.x2 - s.x1, s.y2 - s.y1) : 0;
}

/** The part of a segment inside a box, or undefined when none is. */
function clipSegment(s: Segment, box: Box): Segment | undefined {
  const range = clipRange(s, box);
  if (!range) return undefined;
  const at = (t: number) => ({ x: s.x1 + t * (s.x2 - s.x1), y: s.y1 + t * (s.y2 - s.y1) });
  const [a, b] = range.map(at);
  return { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
}

/** How bad a box is: area covering obstacle boxes, curve length through it, area outside bounds. */
export function placementCost(box: Box, obstacles: Obstacles, bounds: Box): number {
  let cost = 0;
  for (const b of obstacles.boxes) cost += overlapArea(box, b);
  for (const s of obstacles.segments) {
    // Cheap rejection first: most segments of a long curve are nowhere near the box.
    if (Math.max(s.x1, s.x2) < box.x || Math.min(s.x1, s.x2) > box.x + box.width) continue;
    if (Math.max(s.y1, s.y2) < box.y || Math.min(s.y1, s.y2) > box.y + box.height) continue;
    cost += SEGMENT_WEIGHT * lengthInBox(s, box);
  }
  cost += OUTSIDE_WEIGHT * (box.width * box.height - overlapArea(box, bounds));
  return cost;
}

/** The box moved (not resized) so that it lies inside the bounds where it fits. */
export function keepInside(box: Box, bounds: Box): Box {
  const x = Math.max(bounds.x, Math.min(box.x, bounds.x + bounds.width - box.width));
  const y = Math.max(bounds.y, Math.min(box.y, bounds.y + bounds.height - box.height));
  return { ...box, x, y };
}

/** Index of the cheapest candidate (earlier ones win ties); −1 when there are none. */
export function bestCandidate(candidates: readonly Box[], obstacles: Obstacles, bounds: Box): number {
  let best = -1;
  let bestCost = Infinity;
  candidates.forEach((box, rank) => {
    const cost = placementCost(box, obstacles, bounds) + RANK_WEIGHT * rank;
    if (cost < bestCost) {
      best = rank;
      bestCost = cost;
    }
  });
  return best;
}

/** Gap kept between a placed label and the next one. */
const LABEL_GAP = 2;

/**
 * One box per label, chosen from its candidates in turn; each placed label becomes an obstacle for
 * the labels after it, so labels never pile onto each other when there is room elsewhere.
 */
export function placeLabels(
  labels: readonly (readonly Box[])[],
  obstacles: Obstacles,
  bounds: Box,
): (Box | undefined)[] {
  const boxes = [...obstacles.boxes];
  return labels.map((candidates) => {
    const chosen = candidates[bestCandidate(candidates, { boxes, segments: obstacles.segments }, bounds)];
    if (chosen) {
      boxes.push({
        x: chosen.x - LABEL_GAP,
        y: chosen.y - LABEL_GAP,
        width: chosen.width + 2 * LABEL_GAP,
        height: chosen.height + 2 * LABEL_GAP,
      });
    }
    return chosen;
  });
}

/** Consecutive points of a polyline as segments. */
export function polylineSegments(points: readonly { x: number; y: number }[]): Segment[] {
  return points.slice(1).map((p, i) => ({ x1: points[i].x, y1: points[i].y, x2: p.x, y2: p.y }));
}

/** A square box of half-side `r` centred on a point. */
export function boxAround(x: number, y: number, r: number): Box {
  return { x: x - r, y: y - r, width: 2 * r, height: 2 * r };
}

/** Gap between a guide and its tag, px. */
const TAG_GAP = 4;

/**
 * Candidate boxes for the tag of a guide drawn through `points` (px), best first: beside the end of
 * the part inside `bounds` (the tag's customary place), then its start, middle and quarter points;
 * at each, above and below to either side, straight above and below, level to either side, and
 * then up to three tag heights farther above and below. Each box is moved inside the bounds.
 */
export function guideTagCandidates(
  points: readonly { x: number; y: number }[],
  size: { width: number; height: number },
  bounds: Box,
): Box[] {
  const visible = polylineSegments(points).flatMap((s) => clipSegment(s, bounds) ?? []);
  const lengths = visible.map((s) => Math.hypot(s.x2 - s.x1, s.y2 - s.y1));
  const total = lengths.reduce((a, b) => a + b, 0);
  if (visible.length === 0) return [];
  const along = (fraction: number) => {
    let left = fraction * total;
    for (const [i, s] of visible.entries()) {
      if (left <= lengths[i] || i === visible.length - 1) {
        const t = lengths[i] > 0 ? Math.min(1, left / lengths[i]) : 0;
        return { x: s.x1 + t * (s.x2 - s.x1), y: s.y1 + t * (s.y2 - s.y1) };
      }
      left -= lengths[i];
    }
    return { x: visible[0].x1, y: visible[0].y1 };
  };
  const { width: w, height: h } = size;
  const g = TAG_GAP;
  return [1, 0, 0.5, 0.75, 0.25].flatMap((fraction) => {
    const { x, y } = along(fraction);
    // At the start the tag reads best running right, elsewhere ending at the anchor.
    const [near, far] = fraction === 0 ? [x + g, x - w - g] : [x - w - g, x + g];
    return [
      { x: near, y: y - h - g },
      { x: near, y: y + g },
      { x: far, y: y - h - g },
      { x: far, y: y + g },
      { x: x - w / 2, y: y - h - g },
      { x: x - w / 2, y: y + g },
      { x: near, y: y - h / 2 },
      { x: far, y: y - h / 2 },
      // Farther out, for a guide running through crowded marks (a spectrum through its bars).
      ...[1, 2, 3].flatMap((k) => [
        { x: x - w / 2, y: y - h - g - k * h },
        { x: x - w / 2, y: y + g + k * h },
      ]),
    ].map((corner) => keepInside({ ...corner, width: w, height: h }, bounds));
  });
}
