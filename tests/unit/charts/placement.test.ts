import { describe, expect, test } from 'vitest';
import {
  bestCandidate,
  boxAround,
  guideTagCandidates,
  lengthInBox,
  placeLabels,
  polylineSegments,
  type Box,
  type Segment,
} from '../../../src/charts/placement';

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (p: { x: number; y: number }, b: Box) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;

/** Independent reference: the fraction of 20 000 evenly spaced points of the segment inside the box. */
function sampledLength(s: Segment, box: Box): number {
  const n = 20_000;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const t = (i + 0.5) / n;
    if (inside({ x: s.x1 + t * (s.x2 - s.x1), y: s.y1 + t * (s.y2 - s.y1) }, box)) hits++;
  }
  return (hits / n) * Math.hypot(s.x2 - s.x1, s.y2 - s.y1);
}

describe('lengthInBox', () => {
  test('matches sampling for random segments: through, inside, outside, touching corners', () => {
    // Park–Miller: reproducible without depending on anything outside the charts.
    let seed = 7;
    const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const box = { x: 10, y: 20, width: 30, height: 15 };
    for (let k = 0; k < 200; k++) {
      const s = { x1: uniform() * 60 - 5, y1: uniform() * 50, x2: uniform() * 60 - 5, y2: uniform() * 50 };
      expect(lengthInBox(s, box)).toBeCloseTo(sampledLength(s, box), 1);
    }
    // Axis-parallel segments, where the clip divides by zero for one axis.
    expect(lengthInBox({ x1: 0, y1: 25, x2: 100, y2: 25 }, box)).toBeCloseTo(30, 10);
    expect(lengthInBox({ x1: 20, y1: 0, x2: 20, y2: 100 }, box)).toBeCloseTo(15, 10);
    expect(lengthInBox({ x1: 0, y1: 0, x2: 100, y2: 0 }, box)).toBe(0);
  });
});

describe('label placement', () => {
  const bounds = { x: 0, y: 0, width: 200, height: 100 };

  test('the first free candidate wins; a covered one loses to any free one', () => {
    const candidates = [
      { x: 0, y: 0, width: 40, height: 12 },
      { x: 100, y: 50, width: 40, height: 12 },
      { x: 150, y: 80, width: 40, height: 12 },
    ];
    expect(bestCandidate(candidates, { boxes: [], segments: [] }, bounds)).toBe(0);
    expect(bestCandidate(candidates, { boxes: [boxAround(10, 5, 3)], segments: [] }, bounds)).toBe(1);
    // A curve through the second, a marker on the first: the third is the only free one.
    const curve = { x1: 90, y1: 56, x2: 150, y2: 56 };
    expect(bestCandidate(candidates, { boxes: [boxAround(10, 5, 3)], segments: [curve] }, bounds)).toBe(2);
  });

  test('a box sticking out of the plot is worse than one inside', () => {
    const out = { x: 180, y: 0, width: 40, height: 12 };
    const inPlot = { x: 100, y: 0, width: 40, height: 12 };
    expect(bestCandidate([out, inPlot], { boxes: [], segments: [] }, bounds)).toBe(1);
  });

  test('labels placed together never overlap each other when there is room', () => {
    const same = [
      { x: 10, y: 10, width: 50, height: 12 },
      { x: 10, y: 40, width: 50, height: 12 },
      { x: 10, y: 70, width: 50, height: 12 },
    ];
    const placed = placeLabels([same, same, same], { boxes: [], segments: [] }, bounds) as Box[];
    expect(placed.map((b) => b.y)).toEqual([10, 40, 70]);
  });

  test('a guide tag avoids the markers near the guide end and the guide itself', () => {
    // A falling guide ending at the bottom right, with markers crowding its default (end) tag place.
    const guide = [{ x: 20, y: 10 }, { x: 190, y: 90 }];
    const size = { width: 60, height: 13 };
    const candidates = guideTagCandidates(guide, size, bounds);
    const markers = [];
    for (let x = 110; x <= 200; x += 6) for (let y = 60; y <= 100; y += 6) markers.push(boxAround(x, y, 4.5));
    const [tag] = placeLabels([candidates], { boxes: markers, segments: polylineSegments(guide) }, bounds) as Box[];
    for (const m of markers) expect(overlaps(tag, m)).toBe(false);
    expect(lengthInBox(polylineSegments(guide)[0], tag)).toBe(0);
    // Still beside its guide (within a tag's height of it), and inside the plot.
    expect(inside({ x: tag.x, y: tag.y }, bounds) && inside({ x: tag.x + tag.width, y: tag.y + tag.height }, bounds)).toBe(true);
  });

  test('a guide reaching far past the plot is tagged on its visible part', () => {
    // A vertical guide from y = −1000 to 1000 through a 100 px tall plot.
    const candidates = guideTagCandidates([{ x: 80, y: 1000 }, { x: 80, y: -1000 }], { width: 20, height: 13 }, bounds);
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(c.y).toBeGreaterThanOrEqual(0);
      expect(c.y + c.height).toBeLessThanOrEqual(100);
      expect(Math.abs(c.x + c.width / 2 - 80)).toBeLessThan(40);
    }
  });
});
