import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FieldError } from '@lifeline/shared';
import type { Response } from 'express';

/** A 400 that names every offending field. */
export class ValidationFailed extends HttpException {
  constructor(readonly errors: FieldError[]) {
    super({ statusCode: 400, message: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors }, HttpStatus.BAD_REQUEST);
  }
}

/** Every error leaves as `{statusCode, message, errors?}`; internals are logged, never sent. */
@Catch()
export class JsonExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      const errors = typeof body === 'object' ? (body as { errors?: FieldError[] }).errors : undefined;
      const headers = (exception as { headers?: Record<string, string> }).headers;
      if (headers) res.set(headers);
      res.status(status).json({ statusCode: status, message: Array.isArray(message) ? message.join('; ') : message, ...(errors ? { errors } : {}) });
      return;
    }
    this.logger.error((exception as Error)?.stack ?? String(exception));
    res.status(500).json({ statusCode: 500, message: 'internal error' });
  }
}
