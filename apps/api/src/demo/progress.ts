/** A progress line on stderr: done of total, rate, elapsed and ETA; redrawn in place on a terminal, a line every few seconds otherwise. */
export class Progress {
  private readonly started = performance.now();
  private lastPrint = 0;

  constructor(
    private readonly total: number,
    private readonly unit: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, extra = ''): void {
    const now = performance.now();
    const tty = this.out.isTTY === true;
    if (done < this.total && now - this.lastPrint < (tty ? 200 : 5000)) return;
    this.lastPrint = now;
    const seconds = (now - this.started) / 1000;
    const rate = done / Math.max(seconds, 1e-3);
    const share = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const eta = rate > 0 ? (this.total - done) / rate : Infinity;
    const width = 30;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    const line = `${bar} ${(share * 100).toFixed(1).padStart(5)}% ${done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${this.unit}  ${Math.round(rate).toLocaleString('en')} ${this.unit}/s  ${clock(seconds)} elapsed  ETA ${Number.isFinite(eta) ? clock(eta) : '—'}${extra ? `  ${extra}` : ''}`;
    this.out.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
  }

  done(): void {
    if (this.out.isTTY === true) this.out.write('\n');
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
