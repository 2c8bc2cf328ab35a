import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line (message, context and any stack), for tests that read the log. */
export class CapturedLog implements LoggerService {
  readonly lines: string[] = [];

  private add(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push(`${level} ${[message, ...rest].map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}`);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.add('LOG', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.add('ERROR', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.add('WARN', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.add('DEBUG', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.add('VERBOSE', message, rest);
  }

  get text(): string {
    return this.lines.join('\n');
  }
}
