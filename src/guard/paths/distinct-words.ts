/**
 * The distinct words of a text, given as [start, end) ranges of its code
 * units, in the order first seen. Words repeat (a manifest names
 * `./lib/index.js` many times): they are told apart by their units, and
 * each distinct one is copied out of the text once, at the end. (A `Set` of
 * sliced strings costs several times more per word: hashing a slice of a
 * long text is slow in V8.)
 */
export class DistinctWords {
  /** Open addressing: 1 + the index of the word in `starts`/`ends`, 0 for an empty slot. */
  private slots = new Int32Array(64);
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(
    private readonly text: string,
    private readonly units: Uint16Array,
  ) {}

  add(start: number, end: number): void {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(this.units, start, end) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) {
        this.slots[slot] = this.starts.push(start);
        this.ends.push(end);
        if (this.starts.length * 2 > this.slots.length) this.grow();
        return;
      }
      if (this.sameUnits(entry - 1, start, end)) return;
    }
  }

  /** The words, each once, in the order first seen. */
  words(): string[] {
    return this.starts.map((start, i) => this.text.slice(start, this.ends[i]));
  }

  private sameUnits(word: number, start: number, end: number): boolean {
    const from = this.starts[word];
    if (this.ends[word] - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.units[from + i] !== this.units[start + i]) return false;
    return true;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let word = 0; word < this.starts.length; word++) {
      let slot = hashOf(this.units, this.starts[word], this.ends[word]) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = word + 1;
    }
  }
}

/** FNV-1a over the code units, as a signed 32-bit number (kept a small integer for V8: no number object per word). */
function hashOf(units: Uint16Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ units[i], 0x01000193);
  return hash;
}
