import { describe, expect, it } from 'vitest';
import { limitWithHeadroom, peakCallsPerWindow } from '../../../src/audit/learn-policy/peak-rate.js';

describe('peakCallsPerWindow', () => {
  it('counts the busiest sliding window, not clock-aligned minutes', () => {
    // Five calls straddling a minute boundary: no aligned minute holds more than three.
    const times = [50_000, 55_000, 58_000, 62_000, 65_000, 200_000];
    expect(peakCallsPerWindow(times, 60_000)).toBe(5);
  });

  it('treats calls exactly a window apart as separate windows and handles unsorted input', () => {
    expect(peakCallsPerWindow([60_000, 0], 60_000)).toBe(1);
    expect(peakCallsPerWindow([], 60_000)).toBe(0);
  });
});

describe('limitWithHeadroom', () => {
  it('multiplies the peak, rounds up, and never goes below the minimum', () => {
    expect(limitWithHeadroom(17, 2)).toBe(34);
    expect(limitWithHeadroom(3, 1.5)).toBe(5);
    expect(limitWithHeadroom(7, 1.5)).toBe(11);
  });
});
