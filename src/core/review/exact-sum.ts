// An exact sum of doubles (Shewchuk's non-overlapping partials, as Python's math.fsum): the
// value is the correctly rounded sum whatever the order of the additions, so totals folded in
// several parts (one per worker thread) and merged equal the totals folded in one pass.

export class ExactSum {
  /** Non-overlapping partials, increasing magnitude; their exact sum is the total. */
  readonly partials: number[] = [];

  add(x: number): void {
    const p = this.partials;
    let i = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    // Shrinking the array only when it must (setting `length` on every add was measurable).
    if (i === p.length) p.push(x);
    else {
      p[i] = x;
      if (p.length > i + 1) p.length = i + 1;
    }
  }

  /** Adds every partial of another exact sum (as `partials` gives them). */
  addAll(partials: readonly number[]): void {
    for (const x of partials) this.add(x);
  }

  /** The correctly rounded total (Python's fsum rounding, half-way cases included). */
  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}
