import { describe, expect, it } from 'vitest';
import { MIN_CHUNK_INTERVAL_MS, Player } from '../../../../src/widgets/kit/player.svelte';
import { sleep } from '../../support/waiting';


describe('Player', () => {
  it('never runs two chunks at once, even after a quick pause and play', async () => {
    let active = 0;
    let most = 0;
    let chunks = 0;
    const player = new Player(async () => {
      active++;
      most = Math.max(most, active);
      await sleep(30);
      active--;
      return ++chunks < 12;
    });
    player.play();
    await sleep(40);
    player.pause();
    player.play();
    player.pause();
    player.play();
    while (player.working) await sleep(10);
    expect(most).toBe(1);
    expect(chunks).toBe(12);
  });

  it('stops and keeps the message when a chunk throws', async () => {
    const player = new Player(async () => {
      throw new Error('device lost');
    });
    player.play();
    while (player.working) await sleep(5);
    expect(player.error).toBe('device lost');
    expect(player.playing).toBe(false);
  });

  it('waits while not visible', async () => {
    let visible = false;
    let chunks = 0;
    const player = new Player(async () => ++chunks < 3, () => visible);
    player.play();
    await sleep(100);
    expect(chunks).toBe(0);
    visible = true;
    while (player.working) await sleep(10);
    expect(chunks).toBe(3);
  });

  it('starts chunks no closer together than MIN_CHUNK_INTERVAL_MS, however fast they finish', async () => {
    const starts: number[] = [];
    const player = new Player(async () => {
      starts.push(performance.now());
      return starts.length < 6;
    });
    player.play();
    while (player.working) await sleep(10);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(gaps).toHaveLength(5);
    // setTimeout may fire up to a millisecond early by performance.now()'s clock.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(MIN_CHUNK_INTERVAL_MS - 1);
  });

  it('stays playing when the work runs out, and wake() trains new work without a second play()', async () => {
    let budget = 2;
    let chunks = 0;
    const player = new Player(async () => {
      chunks++;
      return --budget > 0;
    });
    player.play();
    while (player.working) await sleep(5);
    expect(chunks).toBe(2);
    expect(player.playing).toBe(true);
    budget = 3;
    player.wake();
    while (player.working) await sleep(5);
    expect(chunks).toBe(5);
    player.pause();
    budget = 3;
    player.wake();
    await sleep(80);
    expect(chunks).toBe(5);
  });
});
