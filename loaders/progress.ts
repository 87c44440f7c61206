/**
 * Progress for long steps: a live line with elapsed time on a terminal, plain start/finish lines
 * otherwise (CI logs, pipes). Progress goes to stderr so stdout carries only the summary.
 */
export interface Progress {
  step<T>(label: string, work: () => Promise<T>, done?: (result: T) => string): Promise<T>;
  info(line: string): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function createProgress(opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  const write = (s: string) => {
    if (!opts.quiet) stream.write(s);
  };
  return {
    info: (line) => write(`${line}\n`),
    async step(label, work, done) {
      const started = performance.now();
      const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
      let timer: NodeJS.Timeout | undefined;
      if (tty) {
        let frame = 0;
        const draw = () => write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${label} ${seconds()} s`);
        draw();
        timer = setInterval(draw, 100);
      } else {
        write(`… ${label}\n`);
      }
      try {
        const result = await work();
        const text = done ? done(result) : label;
        write(`${tty ? "\r\x1b[2K" : ""}✓ ${text} (${seconds()} s)\n`);
        return result;
      } catch (e) {
        write(`${tty ? "\r\x1b[2K" : ""}✗ ${label} failed after ${seconds()} s\n`);
        throw e;
      } finally {
        if (timer) clearInterval(timer);
      }
    },
  };
}
